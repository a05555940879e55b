import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { type BackupManifest, readBackupHeader } from './backup-file';

// The backups a server keeps: files named <id>.dealboard-backup in BACKUP_DIR (default
// ./data/backups). The files are the list — nothing about them is stored in the database they back
// up (a restore would bring back a list of other files).

export const BACKUP_EXTENSION = '.dealboard-backup';
const ID_PATTERN = /^bk_\d{8}T\d{6}Z_[a-z0-9]{6}$/;

/** A new backup's id: bk_<UTC time>_<random>, so names sort by time and never collide. */
export function newBackupId(at: Date = new Date()): string {
  const stamp = at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
  const random = Array.from(crypto.randomBytes(6), (byte) => 'abcdefghijklmnopqrstuvwxyz0123456789'[byte % 36]).join('');
  return `bk_${stamp}_${random}`;
}

export function isBackupId(value: string): boolean {
  return ID_PATTERN.test(value);
}

export function backupPath(dir: string, id: string): string {
  return path.join(dir, `${id}${BACKUP_EXTENSION}`);
}

/** One file of the backup folder, as the list shows it. */
export interface StoredBackup {
  id: string;
  file: string;
  bytes: number;
  /** null when the file's header cannot be read (a damaged file; a restore refuses it too) */
  manifest: BackupManifest | null;
  problem: string | null;
  modifiedAt: Date;
}

/** The backups in `dir`, newest first (a folder not created yet holds none). */
export function listStoredBackups(dir: string): StoredBackup[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const backups = names
    .filter((name) => name.endsWith(BACKUP_EXTENSION) && isBackupId(name.slice(0, -BACKUP_EXTENSION.length)))
    .flatMap((name): StoredBackup[] => {
      const file = path.join(dir, name);
      const id = name.slice(0, -BACKUP_EXTENSION.length);
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        return []; // deleted meanwhile
      }
      try {
        return [{ id, file, bytes: stat.size, manifest: readBackupHeader(file).manifest, problem: null, modifiedAt: stat.mtime }];
      } catch (error) {
        return [{ id, file, bytes: stat.size, manifest: null, problem: (error as Error).message, modifiedAt: stat.mtime }];
      }
    });
  // newest first, by the time in the manifest (ids share a second when backups follow each other fast)
  const time = (backup: StoredBackup) => (backup.manifest ? Date.parse(backup.manifest.createdAt) : backup.modifiedAt.getTime());
  return backups.sort((a, b) => time(b) - time(a) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
}

/** The stored backup with this id, or null. */
export function findStoredBackup(dir: string, id: string): StoredBackup | null {
  if (!isBackupId(id)) return null;
  return listStoredBackups(dir).find((backup) => backup.id === id) ?? null;
}

/**
 * Keeps the newest `keep` scheduled backups and deletes older scheduled ones; backups someone took
 * by hand stay until deleted. Answers the ids deleted.
 */
export function rotateScheduledBackups(dir: string, keep: number): string[] {
  const scheduled = listStoredBackups(dir).filter((backup) => backup.manifest?.createdBy.kind === 'schedule');
  const doomed = scheduled.slice(keep);
  for (const backup of doomed) fs.rmSync(backup.file, { force: true });
  return doomed.map((backup) => backup.id);
}
