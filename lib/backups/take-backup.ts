import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import pg from 'pg';
import type { DatabaseConnection } from '../database/connect';
import { ConfigError } from '../database/config';
import { backupPath, newBackupId } from './backup-dir';
import { type BackupCreator, type BackupManifest, type BackupManifestDraft, writeBackupFile } from './backup-file';
import { findPgTool, runPgTool } from './pg-tools';

// Taking a backup of the open database while it serves (docs/decisions/019-backups.md).
//
// Embedded: PGlite serves one statement at a time from one connection. Its own dumpDataDir copies
// the data directory while holding the query lock; taken inside a read-only transaction of ours,
// which holds PGlite's transaction lock, it waits for the transaction under way to end and lets no
// other begin, so the image is the database between two transactions: every write acknowledged
// before it is in it, none is half in it. The manifest's counts and migration are read in the same
// transaction, so they are the image's own. Writers wait for the counts and the copy (about half a
// second for a fresh database, growing with its size); the compression runs after.
//
// PostgreSQL: pg_dump, in the snapshot of a repeatable-read transaction that also counts the rows,
// so the counts are exactly the dump's; writers never wait.

const gzip = promisify(zlib.gzip);

/** The tables whose row counts a backup records (those that exist in its schema). */
export const COUNTED_TABLES = [
  'users',
  'pipelines',
  'stages',
  'deals',
  'stage_history',
  'contacts',
  'companies',
  'activities',
  'tasks',
  'products',
  'deal_line_items',
  'custom_field_definitions',
  'api_keys',
  'webhook_endpoints',
  'change_events',
] as const;

type RunQuery = (sql: string) => Promise<Record<string, unknown>[]>;

interface SnapshotInfo {
  postgresVersion: string;
  migrations: string[];
  rowCounts: Record<string, number>;
}

async function readSnapshotInfo(query: RunQuery): Promise<SnapshotInfo> {
  const [version] = await query('SHOW server_version');
  const hasMigrations = await query(`SELECT to_regclass('public._prisma_migrations') IS NOT NULL AS present`);
  const migrations = hasMigrations[0]?.present
    ? (
        await query('SELECT migration_name FROM public._prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name')
      ).map((row) => String(row.migration_name))
    : [];
  const present = await query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name IN (${COUNTED_TABLES.map((t) => `'${t}'`).join(', ')})`,
  );
  const names = COUNTED_TABLES.filter((table) => present.some((row) => row.table_name === table));
  const rowCounts: Record<string, number> = {};
  if (names.length > 0) {
    const [counts] = await query(`SELECT ${names.map((table) => `(SELECT count(*) FROM public."${table}") AS "${table}"`).join(', ')}`);
    for (const table of names) rowCounts[table] = Number(counts?.[table] ?? 0);
  }
  return { postgresVersion: String(version?.server_version ?? 'unknown'), migrations, rowCounts };
}

/** Dealboard's version, from package.json (the server and the CLI run at the project's root). */
export function dealboardVersion(): string {
  try {
    return String((JSON.parse(fs.readFileSync(path.resolve(process.cwd(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown');
  } catch {
    return 'unknown';
  }
}

export interface TakeBackupOptions {
  creator: BackupCreator;
  /** the folder to write <id>.dealboard-backup in; or `out`, an exact path */
  dir?: string;
  out?: string;
  now?: Date;
}

export interface TakenBackup {
  id: string;
  file: string;
  bytes: number;
  manifest: BackupManifest;
}

const LOCK_KEY = Symbol.for('dealboard.backupInProgress');
const globalForBackup = globalThis as unknown as Record<symbol, Promise<unknown> | undefined>;

/** Takes a backup of the open database; one at a time per process (a second waits for the first). */
export function takeBackup(connection: DatabaseConnection, options: TakeBackupOptions): Promise<TakenBackup> {
  const previous = globalForBackup[LOCK_KEY] ?? Promise.resolve();
  const run = previous.catch(() => {}).then(() => takeBackupNow(connection, options));
  globalForBackup[LOCK_KEY] = run.catch(() => {});
  return run;
}

async function takeBackupNow(connection: DatabaseConnection, options: TakeBackupOptions): Promise<TakenBackup> {
  const now = options.now ?? new Date();
  const id = newBackupId(now);
  const file = options.out ? path.resolve(options.out) : backupPath(path.resolve(options.dir ?? '.'), id);
  if (options.out && fs.existsSync(file)) throw new ConfigError(`${file} exists already: choose another --out (a backup never overwrites a file).`);
  const base = {
    format: 'dealboard-backup' as const,
    formatVersion: 1 as const,
    id,
    dealboardVersion: dealboardVersion(),
    engine: connection.engine,
    createdAt: now.toISOString(),
    createdBy: options.creator,
  };
  const draft = (info: SnapshotInfo, kind: BackupManifest['payload']['kind']): BackupManifestDraft => ({
    ...base,
    postgresVersion: info.postgresVersion,
    migration: info.migrations.at(-1) ?? null,
    migrations: info.migrations,
    rowCounts: info.rowCounts,
    payload: { kind },
  });

  let manifest: BackupManifest;
  if (connection.engine === 'embedded') {
    const { image, info } = await snapshotEmbedded(connection);
    manifest = await writeBackupFile(file, draft(info, 'pglite-data-dir'), image);
  } else {
    const config = connection.config;
    if (config.engine !== 'postgresql') throw new Error('unreachable');
    findPgTool('pg_dump'); // says how to install it before anything starts
    const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-backup-'));
    try {
      const dump = path.join(temp, 'dump.pgcustom');
      const info = await dumpPostgres(config.url, dump);
      manifest = await writeBackupFile(file, draft(info, 'pg-dump-custom'), { file: dump });
    } finally {
      fs.rmSync(temp, { recursive: true, force: true });
    }
  }
  return { id, file, bytes: fs.statSync(file).size, manifest };
}

async function snapshotEmbedded(connection: DatabaseConnection): Promise<{ image: Buffer; info: SnapshotInfo }> {
  const pglite = connection.pglite;
  if (!pglite) throw new Error('The embedded connection has no PGlite instance.');
  await pglite.waitReady;
  // PGlite's transaction lock is held for the whole of transaction(): every other query, transaction
  // and exec waits for it (each takes that lock), so nothing writes between the counts and the copy.
  // dumpDataDir takes only the query lock, free between this transaction's statements.
  const { tar, info } = await pglite.transaction(async (tx) => {
    await tx.exec('SET TRANSACTION READ ONLY');
    const info = await readSnapshotInfo(async (sql) => (await tx.query<Record<string, unknown>>(sql)).rows);
    return { tar: await pglite.dumpDataDir('none'), info };
  });
  // compressed after the locks are released, on libuv's threads: writers wait only for the copy. In
  // large chunks, since each chunk costs a turn of the event loop, which busy PGlite work makes long.
  const image = await gzip(Buffer.from(await tar.arrayBuffer()), { level: 1, chunkSize: 16 * 1024 * 1024 });
  return { image, info };
}

async function dumpPostgres(url: string, out: string): Promise<SnapshotInfo> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const snapshot = (await client.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')).rows[0]!.snapshot;
    const info = await readSnapshotInfo(async (sql) => (await client.query(sql)).rows as Record<string, unknown>[]);
    // the whole database (the app's tables and the job queue's), in pg_dump's compressed custom format
    await runPgTool('pg_dump', ['--format=custom', `--snapshot=${snapshot}`, `--file=${out}`], url);
    await client.query('COMMIT');
    return info;
  } finally {
    await client.end().catch(() => {});
  }
}
