import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireDataDirLock, releaseDataDirLock } from '@/lib/database/data-dir-lock';

// The real commands, run as a user would: bad configuration ends the process non-zero with one
// clear sentence saying what is wrong and how to fix it.
function run(script: string, env: Record<string, string>) {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(process.execPath, [tsx, '--conditions=react-server', script], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('Error:'));
  return { status: result.status, stderr: result.stderr, errorLines };
}

describe('starting with bad configuration', () => {
  it('a malformed DATABASE_URL', () => {
    const { status, errorLines } = run('scripts/db-migrate.ts', { DATABASE_URL: 'mysql://root:pw@localhost/crm' });
    expect(status).not.toBe(0);
    expect(errorLines).toEqual([expect.stringMatching(/DATABASE_URL .* is not understood: leave it unset .*postgresql:\/\//)]);
  });

  it('an unreachable PostgreSQL server', () => {
    const { status, errorLines } = run('scripts/db-migrate.ts', { DATABASE_URL: 'postgresql://crm:secret@127.0.0.1:1/crm' });
    expect(status).not.toBe(0);
    expect(errorLines).toHaveLength(1);
    expect(errorLines[0]).toMatch(/Cannot reach PostgreSQL at postgresql:\/\/crm:\*\*\*@127\.0\.0\.1:1\/crm .*start the server or fix DATABASE_URL/);
    expect(errorLines[0]).not.toContain('secret');
  });

  it('an embedded data directory held by another process', () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-lock-')), 'db');
    acquireDataDirLock(dataDir);
    try {
      for (const script of ['scripts/db-migrate.ts', 'scripts/db-seed.ts', 'scripts/start.ts']) {
        const { status, errorLines } = run(script, { DATABASE_URL: `file:${dataDir}` });
        expect(status, script).not.toBe(0);
        expect(errorLines, script).toEqual([
          `Error: The embedded database in ${dataDir} is already in use by process ${process.pid}: stop that process (for example the running server) first, or point DATABASE_URL at another directory.`,
        ]);
      }
      // nothing was created in the held directory
      expect(fs.existsSync(dataDir)).toBe(false);
    } finally {
      releaseDataDirLock(dataDir);
    }
  });

  it('a symlink to an embedded data directory held by another process', () => {
    const parent = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-lock-')));
    const dataDir = path.join(parent, 'db');
    fs.mkdirSync(dataDir);
    const link = path.join(parent, 'also-db');
    fs.symlinkSync(dataDir, link);
    acquireDataDirLock(dataDir);
    try {
      const { status, errorLines } = run('scripts/db-migrate.ts', { DATABASE_URL: `file:${link}` });
      expect(status).not.toBe(0);
      expect(errorLines).toEqual([
        `Error: The embedded database in ${link} (${dataDir}) is already in use by process ${process.pid}: stop that process (for example the running server) first, or point DATABASE_URL at another directory.`,
      ]);
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      releaseDataDirLock(dataDir);
    }
  });

  it('a stale lock left by a crashed process is taken over', () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-lock-')), 'db');
    fs.writeFileSync(`${dataDir}.lock`, '999999999');
    const { status, stderr } = run('scripts/db-migrate.ts', { DATABASE_URL: `file:${dataDir}` });
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(fs.existsSync(`${dataDir}.lock`)).toBe(false);
  });
});
