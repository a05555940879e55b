import 'server-only';
import { listStoredBackups } from '../../backups/backup-dir';
import { getEnv } from '../../env';
import type { ServiceContext } from '../context';
import { assertCanManageBackups, type BackupSummary, summarizeBackup } from './backup-rules';

/** The backups in BACKUP_DIR, newest first (admins). */
export async function listBackups({ ctx }: { ctx: ServiceContext }): Promise<BackupSummary[]> {
  assertCanManageBackups(ctx);
  return listStoredBackups(getEnv().backupDir).map(summarizeBackup);
}
