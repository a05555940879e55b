import 'server-only';
import type { StoredBackup } from '../../backups/backup-dir';
import type { BackupCreator } from '../../backups/backup-file';
import { ConfigError } from '../../database/config';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';

// Backups are an admin's: a backup holds every record and every user's sign-in data.

export function assertCanManageBackups(ctx: ServiceContext): void {
  assertAdmin(ctx, 'take, list or download backups');
}

/** A backup as the API, the settings page and the CLI describe it. */
export interface BackupSummary {
  id: string;
  createdAt: Date;
  bytes: number;
  createdBy: BackupCreator | null;
  engine: 'embedded' | 'postgresql' | null;
  dealboardVersion: string | null;
  migration: string | null;
  rowCounts: Record<string, number>;
  sha256: string | null;
  /** why the file cannot be used, when its header is unreadable */
  problem: string | null;
}

export function summarizeBackup(backup: StoredBackup): BackupSummary {
  const { manifest } = backup;
  return {
    id: backup.id,
    createdAt: manifest ? new Date(manifest.createdAt) : backup.modifiedAt,
    bytes: backup.bytes,
    createdBy: manifest?.createdBy ?? null,
    engine: manifest?.engine ?? null,
    dealboardVersion: manifest?.dealboardVersion ?? null,
    migration: manifest?.migration ?? null,
    rowCounts: manifest?.rowCounts ?? {},
    sha256: manifest?.payload.sha256 ?? null,
    problem: backup.problem,
  };
}

/** A backup that could not be taken (pg_dump missing or failing, the folder not writable): a 503 saying why. */
export function backupFailure(error: unknown): unknown {
  if (error instanceof ConfigError) return new AppError('unavailable', `The backup could not be taken: ${error.message}`);
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'EACCES' || code === 'ENOSPC' || code === 'EROFS' || code === 'EPERM') {
    return new AppError('unavailable', `The backup could not be written (${(error as Error).message}): check BACKUP_DIR.`);
  }
  return error;
}
