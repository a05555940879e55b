import path from 'node:path';

/** Where the data lives, decided once from DATABASE_URL. */
export type DatabaseConfig =
  | { engine: 'embedded'; dataDir: string }
  | { engine: 'embedded'; dataDir: null } // in memory: tests and throwaway runs
  | { engine: 'postgresql'; url: string };

/** A configuration problem the operator must fix; its message is one sentence saying what and how. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_DATA_DIR = 'data/pglite';

/**
 * DATABASE_URL picks the engine:
 *   unset / empty     → embedded PGlite persisted in ./data/pglite
 *   file:PATH         → embedded PGlite persisted at PATH
 *   memory:           → embedded PGlite in memory
 *   postgres(ql)://…  → a PostgreSQL server through a connection pool
 */
export function parseDatabaseUrl(raw: string | undefined, cwd = process.cwd()): DatabaseConfig {
  const value = raw?.trim() ?? '';
  if (value === '') return { engine: 'embedded', dataDir: path.resolve(cwd, DEFAULT_DATA_DIR) };
  if (value === 'memory:' || value === 'memory://') return { engine: 'embedded', dataDir: null };
  if (value.startsWith('file:')) {
    const filePath = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (filePath === '') {
      throw new ConfigError('DATABASE_URL "file:" has no path: write file:./data/pglite (or leave DATABASE_URL unset for the default).');
    }
    return { engine: 'embedded', dataDir: path.resolve(cwd, filePath) };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new ConfigError('DATABASE_URL is not a valid PostgreSQL URL: write it as postgresql://USER:PASSWORD@HOST:5432/DATABASE.');
    }
    if (!url.hostname || url.pathname.replace(/^\//, '') === '') {
      throw new ConfigError(`DATABASE_URL "${redactUrl(value)}" lacks a host or a database name: write it as postgresql://USER:PASSWORD@HOST:5432/DATABASE.`);
    }
    return { engine: 'postgresql', url: value };
  }
  throw new ConfigError(
    `DATABASE_URL "${redactUrl(value)}" is not understood: leave it unset for the embedded database, or use file:PATH, memory:, or postgresql://USER:PASSWORD@HOST:5432/DATABASE.`,
  );
}

/** Hides the password of a connection URL before it is printed. */
export function redactUrl(value: string): string {
  return value.replace(/(\/\/[^:/@]+:)[^@/]*@/, '$1***@');
}

export function describeDatabase(config: DatabaseConfig): string {
  if (config.engine === 'postgresql') return `PostgreSQL at ${redactUrl(config.url)}`;
  return config.dataDir ? `embedded PostgreSQL (PGlite) in ${config.dataDir}` : 'embedded PostgreSQL (PGlite) in memory';
}
