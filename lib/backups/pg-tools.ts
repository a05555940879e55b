import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { ConfigError } from '../database/config';
import { getEnv } from '../env';

// The PostgreSQL client tools (pg_dump, pg_restore) a backup and a restore of a PostgreSQL database
// run. They are looked for on PATH, then in Debian's /usr/lib/postgresql/<version>/bin (newest
// first); a missing tool is one clear sentence saying how to install it.

export type PgTool = 'pg_dump' | 'pg_restore';

export function findPgTool(tool: PgTool): string {
  const only = getEnv().PG_BIN_DIR;
  const dirs = only ? [only] : (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  if (!only) dirs.push(...debianBinDirs());
  for (const dir of dirs) {
    const candidate = path.join(dir, tool);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new ConfigError(
    `${tool} was not found${only ? ` in PG_BIN_DIR (${only})` : ''}: a ${tool === 'pg_dump' ? 'backup' : 'restore'} of a PostgreSQL database needs the PostgreSQL client tools, of your server's major version or newer. Install them (Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq) and put them on PATH (or set PG_BIN_DIR).`,
  );
}

/** Debian's /usr/lib/postgresql/<version>/bin folders, newest version first. */
function debianBinDirs(): string[] {
  try {
    return fs
      .readdirSync('/usr/lib/postgresql')
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => `/usr/lib/postgresql/${version}/bin`);
  } catch {
    return []; // not Debian's layout
  }
}

/**
 * The connection for libpq: the URL without its password, which goes in PGPASSWORD instead (a
 * command line is visible to every user of the machine).
 */
export function libpqConnection(url: string): { dbname: string; env: Record<string, string> } {
  const parsed = new URL(url);
  const env: Record<string, string> = {};
  if (parsed.password) env.PGPASSWORD = decodeURIComponent(parsed.password);
  parsed.password = '';
  // libpq knows postgresql:// and postgres://; node-postgres's own options are not libpq's
  return { dbname: parsed.toString(), env };
}

/** Runs a client tool; resolves on exit 0, else rejects with its last lines of stderr. */
export function runPgTool(tool: PgTool, args: string[], url: string, stdin?: Readable): Promise<void> {
  const bin = findPgTool(tool);
  const { dbname, env } = libpqConnection(url);
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [...args, `--dbname=${dbname}`], {
      env: { ...process.env, ...env },
      stdio: [stdin ? 'pipe' : 'ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.setEncoding('utf8');
    child.stderr!.on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4_000);
    });
    if (stdin && child.stdin) {
      child.stdin.on('error', () => {}); // the tool exiting early reports through its exit code
      stdin.pipe(child.stdin);
    }
    child.once('error', (error) => reject(new ConfigError(`${tool} could not run (${error.message}).`)));
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new ConfigError(`${tool} failed (exit ${code}): ${stderr.trim().split('\n').slice(-5).join(' ') || 'no message'}`));
    });
  });
}
