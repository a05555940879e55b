import fs from 'node:fs';
import { inspect } from 'node:util';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { AwaitingPrismaPGlite } from './pglite-adapter';
import { TransactionalPrismaPg } from './pg-adapter';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { ConfigError, describeDatabase, redactUrl, type DatabaseConfig } from './config';
import { acquireDataDirLock, releaseDataDirLock } from './data-dir-lock';

/** An open database: the driver adapter Prisma and the schema engine use, and how to close it. */
export interface DatabaseConnection {
  config: DatabaseConfig;
  engine: 'embedded' | 'postgresql';
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** Embedded only: an image of the data directory, to open copies from (tests). */
  dump?: () => Promise<Blob>;
  /** Embedded only: the PGlite instance itself, for the job queue (pg-boss) to share its one connection. */
  pglite?: PGlite;
  /** PostgreSQL only: the connection pool Prisma's adapter uses, for statements run on pg directly (lib/database/hot-query.ts). */
  pgPool?: pg.Pool;
  /** PostgreSQL only: a small pool whose sessions commit without waiting for the WAL flush, for the rate limiter's counters. */
  rateLimitPool?: pg.Pool;
  /**
   * Hears PostgreSQL NOTIFY on `channel`: on the embedded database in this process, on PostgreSQL on
   * a connection of its own (from any process). `onLost` is called once if that connection drops;
   * listen again to resume. Resolves once listening; the answer stops it.
   */
  listen(channel: string, onNotify: () => void, onLost: () => void): Promise<() => Promise<void>>;
  /** Runs a trivial query; throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** An embedded database image (from PGlite's dumpDataDir) to start from, for tests. */
  loadDataDir?: Blob;
  /** Pool size for PostgreSQL. */
  poolSize?: number;
}

/**
 * Opens the database synchronously; the first query waits for it to be ready, and
 * `assertReachable` turns a failure to open into one clear sentence.
 */
export function openDatabase(config: DatabaseConfig, options: OpenOptions = {}): DatabaseConnection {
  if (config.engine === 'postgresql') return openPostgres(config, options);
  return openEmbedded(config, options);
}

function openEmbedded(config: Extract<DatabaseConfig, { engine: 'embedded' }>, options: OpenOptions): DatabaseConnection {
  const { dataDir } = config;
  if (dataDir) {
    acquireDataDirLock(dataDir);
    // PGlite does not create missing parent folders
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  }
  const pglite = new PGlite({ dataDir: dataDir ?? undefined, loadDataDir: options.loadDataDir });
  // an open failure surfaces through ping/first query; keep it from becoming an unhandled rejection
  pglite.waitReady.catch(() => {});
  return {
    config,
    engine: 'embedded',
    adapterFactory: new AwaitingPrismaPGlite(pglite),
    pglite,
    dump: async () => pglite.dumpDataDir('gzip'),
    // the one process holds the data directory: its notifications are all there is, and never drop
    listen: async (channel, onNotify) => pglite.listen(channel, () => onNotify()),
    ping: async () => {
      try {
        await pglite.waitReady;
      } catch (error) {
        throw new ConfigError(
          `The embedded database in ${dataDir ?? 'memory'} could not be opened (${errorText(error)}): if the directory is damaged, move it away and run npm run db:migrate to start afresh.`,
        );
      }
      await pglite.query('select 1');
    },
    close: async () => {
      if (!pglite.closed) await pglite.close();
      if (dataDir) releaseDataDirLock(dataDir);
    },
  };
}

function openPostgres(config: Extract<DatabaseConfig, { engine: 'postgresql' }>, options: OpenOptions): DatabaseConnection {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
  });
  // Every API request bumps its key's counter row; with a synchronous commit each bump holds the
  // row's lock until the WAL reaches the disk, so one key's requests queued behind each other's
  // fsync (measured: ~500 bumps/s for one key at 32 concurrent requests, ~2,000/s without waiting).
  // Losing the last moments of counts in a crash is harmless; deals keep the synchronous pool.
  const rateLimitPool = new pg.Pool({
    connectionString: config.url,
    max: Math.min(8, options.poolSize ?? 10),
    connectionTimeoutMillis: 5_000,
    options: '-c synchronous_commit=off',
  });
  // an idle client losing its server must not crash the process; the next query reports it
  pool.on('error', () => {});
  rateLimitPool.on('error', () => {});
  return {
    config,
    engine: 'postgresql',
    adapterFactory: new TransactionalPrismaPg(pool),
    pgPool: pool,
    rateLimitPool,
    listen: (channel, onNotify, onLost) => listenOnPostgres(config.url, channel, onNotify, onLost),
    ping: async () => {
      await pool.query('select 1');
    },
    close: async () => {
      await Promise.all([pool.end(), rateLimitPool.end()]);
    },
  };
}

async function listenOnPostgres(url: string, channel: string, onNotify: () => void, onLost: () => void): Promise<() => Promise<void>> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  let open = true;
  const lost = () => {
    if (!open) return;
    open = false;
    client.end().catch(() => {});
    onLost();
  };
  client.on('error', lost);
  client.on('end', lost);
  client.on('notification', (message) => {
    if (message.channel === channel) onNotify();
  });
  try {
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  } catch (error) {
    open = false;
    client.end().catch(() => {});
    throw error;
  }
  return async () => {
    open = false;
    await client.end().catch(() => {});
  };
}

/** Fails with one clear sentence when the database cannot be reached. */
export async function assertReachable(connection: DatabaseConnection): Promise<void> {
  try {
    await connection.ping();
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    const { config } = connection;
    if (config.engine === 'postgresql') {
      throw new ConfigError(`Cannot reach ${describeDatabase(config)} (${errorText(error)}): start the server or fix DATABASE_URL (${redactUrl(config.url)}).`);
    }
    throw new ConfigError(`The ${describeDatabase(config)} does not answer (${errorText(error)}).`);
  }
}

export function errorText(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return errorText(error.errors[0]);
  if (error instanceof Error) return error.message || error.name || String((error as NodeJS.ErrnoException).code ?? error);
  // PGlite can reject with a plain object (its Emscripten runtime's error): say what is in it
  if (typeof error === 'object' && error !== null) {
    const message = (error as { message?: unknown }).message;
    return typeof message === 'string' && message !== '' ? message : inspect(error, { depth: 3, breakLength: Infinity });
  }
  return String(error);
}
