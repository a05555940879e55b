import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { ConfigError, describeDatabase, type DatabaseConfig, redactUrl } from '../database/config';
import { errorText, openDatabase } from '../database/connect';
import { acquireDataDirLock, releaseDataDirLock } from '../database/data-dir-lock';
import { migrateDatabase } from '../database/migrate';
import { readMigrations, type MigrationsList } from '../database/schema-engine';
import { type BackupHeader, BackupRefusedError, type BackupManifest, payloadStream, readPayload, verifyBackupFile } from './backup-file';
import { findPgTool, runPgTool } from './pg-tools';

// Restoring a backup (docs/decisions/019-backups.md), with the server stopped. Everything is checked
// before anything is touched: the marker, the manifest, the payload's length and checksum, the
// engine, and that the backup's schema is not newer than this code's. Then:
//   embedded    the image is unpacked into a new directory beside the data directory and migrated
//               there; only then is the current directory renamed aside (<dir>.before-restore-<time>)
//               and the new one put in its place. Nothing is deleted.
//   PostgreSQL  the target must be an empty database (create one and point DATABASE_URL at it); with
//               `replace`, the current database is renamed aside (<name>_before_restore_<time>) and an
//               empty one of the same name created. pg_restore runs in one transaction, then the
//               migrations.

export interface RestoreResult {
  manifest: BackupManifest;
  /** migrations applied after restoring (a backup from an older Dealboard) */
  applied: string[];
  /** where the data that was there before now is, if anything was there */
  keptAs: string | null;
}

/** Checks a file for this code and engine; throws BackupRefusedError with one sentence. */
export async function checkBackupForRestore(
  file: string,
  engine: DatabaseConfig['engine'],
  migrations: MigrationsList = readMigrations(),
): Promise<BackupHeader> {
  const header = await verifyBackupFile(file);
  const { manifest } = header;
  if (manifest.engine !== engine) {
    const what = (e: string) => (e === 'embedded' ? 'the embedded database (PGlite)' : 'PostgreSQL');
    throw new BackupRefusedError(
      `${file} is a backup of ${what(manifest.engine)}, but DATABASE_URL points at ${what(engine)}: restore it with DATABASE_URL ${manifest.engine === 'embedded' ? 'unset or file:PATH' : 'set to a postgresql:// URL'}.`,
    );
  }
  const known = new Set(migrations.migrationDirectories.map((m) => m.path));
  const unknown = manifest.migrations.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new BackupRefusedError(
      `${file} is from a newer Dealboard (${manifest.dealboardVersion}): its schema has migration${unknown.length === 1 ? '' : 's'} ${unknown.join(', ')} that this version does not know. Restore it with that version or later.`,
    );
  }
  return header;
}

function stamp(at: Date = new Date()): string {
  return at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Restores an embedded backup into `dataDir` (the server stopped: the directory's lock is taken). */
export async function restoreEmbeddedBackup(file: string, dataDir: string, migrations: MigrationsList = readMigrations()): Promise<RestoreResult> {
  const header = await checkBackupForRestore(file, 'embedded', migrations);
  const target = path.resolve(dataDir);
  acquireDataDirLock(target);
  const when = stamp();
  const staging = `${target}.restoring-${when}`;
  try {
    const image = await readPayload(file, header);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const connection = openDatabase(
      { engine: 'embedded', dataDir: staging },
      { loadDataDir: new Blob([new Uint8Array(image)], { type: 'application/x-gzip' }) },
    );
    let applied: string[];
    try {
      applied = await migrateDatabase(connection, migrations);
    } catch (error) {
      await connection.close().catch(() => {});
      fs.rmSync(staging, { recursive: true, force: true });
      throw error instanceof ConfigError ? error : new ConfigError(`The backup's database does not open (${errorText(error)}); nothing was changed.`);
    }
    await connection.close();
    let keptAs: string | null = null;
    if (fs.existsSync(target)) {
      keptAs = `${target}.before-restore-${when}`;
      fs.renameSync(target, keptAs);
    }
    fs.renameSync(staging, target);
    return { manifest: header.manifest, applied, keptAs };
  } finally {
    releaseDataDirLock(target);
  }
}

export interface PostgresRestoreOptions {
  /** rename a non-empty target database aside and restore into a new one of its name */
  replace?: boolean;
}

/** Restores a PostgreSQL backup into the database `url` names. */
export async function restorePostgresBackup(
  file: string,
  url: string,
  options: PostgresRestoreOptions = {},
  migrations: MigrationsList = readMigrations(),
): Promise<RestoreResult> {
  const header = await checkBackupForRestore(file, 'postgresql', migrations);
  findPgTool('pg_restore'); // says how to install it before anything is touched
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  const tables = await countTables(url);
  let keptAs: string | null = null;
  if (tables > 0) {
    if (!options.replace) {
      throw new ConfigError(
        `The database "${name}" is not empty (${tables} table${tables === 1 ? '' : 's'}): restore into a new, empty database (create it and point DATABASE_URL at it), or add --replace to rename "${name}" to ${name}_before_restore_<time> and restore into a new "${name}".`,
      );
    }
    keptAs = `${name}_before_restore_${stamp().toLowerCase()}`.slice(0, 63);
    await renameDatabaseAside(url, name, keptAs);
  }
  try {
    await runPgTool('pg_restore', ['--exit-on-error', '--single-transaction', '--no-owner', '--no-privileges'], url, payloadStream(file, header));
  } catch (error) {
    if (keptAs) await putDatabaseBack(url, name, keptAs).catch(() => {});
    throw new ConfigError(`${(error as Error).message} The database was left as it was.`);
  }
  const connection = openDatabase({ engine: 'postgresql', url }, { poolSize: 2 });
  try {
    const applied = await migrateDatabase(connection, migrations);
    return { manifest: header.manifest, applied, keptAs };
  } finally {
    await connection.close();
  }
}

/** Tables in the database outside PostgreSQL's own schemas. */
async function countTables(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new ConfigError(
      `Cannot reach ${describeDatabase({ engine: 'postgresql', url })} (${errorText(error)}): create the database first, or fix DATABASE_URL.`,
    );
  }
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_catalog.pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg_toast%'`,
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end().catch(() => {});
  }
}

/** A connection to the server's maintenance database, to rename and create databases. */
async function maintenance<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  const client = new pg.Client({ connectionString: parsed.toString(), connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new ConfigError(`--replace needs the server's "postgres" database to rename databases, and it cannot be reached (${errorText(error)}).`);
  }
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function renameDatabaseAside(url: string, name: string, keptAs: string): Promise<void> {
  await maintenance(url, async (client) => {
    try {
      await client.query(`ALTER DATABASE ${pg.escapeIdentifier(name)} RENAME TO ${pg.escapeIdentifier(keptAs)}`);
    } catch (error) {
      throw new ConfigError(
        `Could not rename the database "${name}" aside (${errorText(error)}): stop every Dealboard server using ${redactUrl(url)}, and make sure the user owns the database and may create databases.`,
      );
    }
    try {
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
    } catch (error) {
      await client.query(`ALTER DATABASE ${pg.escapeIdentifier(keptAs)} RENAME TO ${pg.escapeIdentifier(name)}`).catch(() => {});
      throw new ConfigError(`Could not create the new, empty database "${name}" (${errorText(error)}); the current one was left as it was.`);
    }
  });
}

async function putDatabaseBack(url: string, name: string, keptAs: string): Promise<void> {
  await maintenance(url, async (client) => {
    await client.query(`DROP DATABASE ${pg.escapeIdentifier(name)}`);
    await client.query(`ALTER DATABASE ${pg.escapeIdentifier(keptAs)} RENAME TO ${pg.escapeIdentifier(name)}`);
  });
}
