import 'server-only';
import fs from 'node:fs';
import { findStoredBackup } from '../../backups/backup-dir';
import { getEnv } from '../../env';
import { notFound } from '../../errors';
import type { ServiceContext } from '../context';
import { assertCanManageBackups } from './backup-rules';

/** Deletes a backup's file from BACKUP_DIR (admins); 404 for an unknown id. */
export async function removeBackup({ ctx, input }: { ctx: ServiceContext; input: { id: string } }): Promise<void> {
  assertCanManageBackups(ctx);
  const backup = findStoredBackup(getEnv().backupDir, input.id);
  if (!backup) throw notFound('Backup');
  fs.rmSync(backup.file, { force: true });
}
