import { describeDatabase, ConfigError, parseDatabaseUrl, type DatabaseConfig } from '../database/config';
import { assertReachable, openDatabase } from '../database/connect';
import { getEnv } from '../env';
import { restoreEmbeddedBackup, restorePostgresBackup } from '../backups/restore-backup';
import { takeBackup } from '../backups/take-backup';
import type { BackupManifest } from '../backups/backup-file';

// npm run cli -- backup [--out FILE] and restore <file> [--replace] (docs/decisions/019-backups.md).
// On the embedded database both need the server stopped (one process per data directory): a live
// backup is taken by the server itself, in Settings → Backups or with POST /api/v1/backups.

const LIVE_BACKUP_HINT =
  'To back up while the server runs, use Settings → Backups or POST /api/v1/backups (an admin’s API key), or set BACKUP_SCHEDULE; to restore, stop the server first.';

function databaseConfig(): DatabaseConfig {
  const config = parseDatabaseUrl(process.env.DATABASE_URL);
  if (config.engine === 'embedded' && config.dataDir === null) {
    throw new ConfigError('DATABASE_URL is memory:, which keeps nothing to back up or restore: point it at the data (file:PATH or postgresql://…).');
  }
  return config;
}

function withLiveHint(error: unknown): unknown {
  if (error instanceof ConfigError && /already in use by process/.test(error.message)) return new ConfigError(`${error.message} ${LIVE_BACKUP_HINT}`);
  return error;
}

function describeContents(manifest: BackupManifest): string {
  const counts = Object.entries(manifest.rowCounts)
    .filter(([table]) => ['deals', 'contacts', 'companies', 'activities', 'users'].includes(table))
    .map(([table, n]) => `${n} ${table}`)
    .join(', ');
  return `Dealboard ${manifest.dealboardVersion}, schema ${manifest.migration ?? '(none)'}, taken ${manifest.createdAt}${counts ? `: ${counts}` : ''}`;
}

/** npm run cli -- backup [--out FILE]: prints where the backup is, alone on the last line. */
export async function backupCommand(out: string | undefined, print: (line: string) => void = console.log): Promise<string> {
  const config = databaseConfig();
  let connection: ReturnType<typeof openDatabase>;
  try {
    connection = openDatabase(config, { poolSize: 2 });
  } catch (error) {
    throw withLiveHint(error);
  }
  try {
    await assertReachable(connection);
    const taken = await takeBackup(connection, { creator: { kind: 'cli' }, out, dir: out ? undefined : getEnv().backupDir });
    print(`Backed up the ${describeDatabase(config)} (${describeContents(taken.manifest)}): ${taken.bytes} bytes, SHA-256 ${taken.manifest.payload.sha256}.`);
    print(taken.file);
    return taken.file;
  } finally {
    await connection.close();
  }
}

/** npm run cli -- restore <file> [--replace] */
export async function restoreCommand(file: string | undefined, replace: boolean, print: (line: string) => void = console.log): Promise<void> {
  if (!file) throw new ConfigError('restore needs the backup file: npm run cli -- restore <file> [--replace].');
  const config = databaseConfig();
  if (config.engine === 'embedded') {
    if (replace)
      throw new ConfigError('--replace is for PostgreSQL: on the embedded database the current data directory is always moved aside, never deleted.');
    const result = await restoreEmbeddedBackup(file, config.dataDir!).catch((error: unknown) => {
      throw withLiveHint(error);
    });
    print(`Restored ${file} (${describeContents(result.manifest)}) into ${config.dataDir}.`);
    if (result.keptAs) print(`The data that was there before is kept in ${result.keptAs} (delete it once you no longer need it).`);
    if (result.applied.length > 0) print(`Applied ${result.applied.length} newer migration(s): ${result.applied.join(', ')}.`);
    return;
  }
  const result = await restorePostgresBackup(file, config.url, { replace });
  print(`Restored ${file} (${describeContents(result.manifest)}) into ${describeDatabase(config)}.`);
  if (result.keptAs) print(`The database that was there before is kept as "${result.keptAs}" (drop it once you no longer need it).`);
  if (result.applied.length > 0) print(`Applied ${result.applied.length} newer migration(s): ${result.applied.join(', ')}.`);
}
