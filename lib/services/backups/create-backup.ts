import 'server-only';
import { takeBackup } from '../../backups/take-backup';
import { getDbConnection } from '../../db';
import { getEnv } from '../../env';
import type { ServiceContext } from '../context';
import { assertCanManageBackups, backupFailure, type BackupSummary, summarizeBackup } from './backup-rules';

/**
 * Takes a backup of the database now, while it serves, into BACKUP_DIR (admins). Answers once the
 * file is complete; a second backup asked for meanwhile waits for the first.
 */
export async function createBackup({ ctx }: { ctx: ServiceContext }): Promise<BackupSummary> {
  assertCanManageBackups(ctx);
  const { user } = ctx;
  try {
    const taken = await takeBackup(getDbConnection(), {
      creator: { kind: 'user', id: user.id, name: user.name, email: user.email },
      dir: getEnv().backupDir,
    });
    return summarizeBackup({ id: taken.id, file: taken.file, bytes: taken.bytes, manifest: taken.manifest, problem: null, modifiedAt: new Date() });
  } catch (error) {
    throw backupFailure(error);
  }
}
