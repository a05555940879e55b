import 'server-only';
import fs from 'node:fs';
import { findStoredBackup } from '../../backups/backup-dir';
import { getEnv } from '../../env';
import { notFound } from '../../errors';
import type { ServiceContext } from '../context';
import { assertCanManageBackups, type BackupSummary, summarizeBackup } from './backup-rules';

/** One backup of BACKUP_DIR (admins); 404 for an unknown id. */
export async function getBackup({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<BackupSummary> {
  assertCanManageBackups(ctx);
  const backup = findStoredBackup(getEnv().backupDir, input.id);
  if (!backup) throw notFound('Backup');
  return summarizeBackup(backup);
}

/** A backup's file to download (admins): its summary and a stream of the whole file. */
export async function openBackupDownload({ ctx, input }: { ctx: ServiceContext; input: { id: string } }) {
  assertCanManageBackups(ctx);
  const backup = findStoredBackup(getEnv().backupDir, input.id);
  if (!backup) throw notFound('Backup');
  return { summary: summarizeBackup(backup), filename: `dealboard-${backup.id}.dealboard-backup`, stream: fs.createReadStream(backup.file) };
}
