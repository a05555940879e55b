import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { verifyPassword } from 'better-auth/crypto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '@/lib/database/connect';
import { db, disconnectDb, setDatabaseConnection } from '@/lib/db';

// npm run cli -- user …, run as an operator would, on a fresh embedded database: the first admin of
// an empty workspace, then users managed as that admin, with passwords that really sign in.
function cli(args: string[], env: Record<string, string>) {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(process.execPath, [tsx, '--conditions=react-server', 'scripts/cli.ts', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  const errorLines = result.stderr.split('\n').filter((line) => line.startsWith('Error:'));
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, errorLines, lastLine: result.stdout.trim().split('\n').at(-1)! };
}

/** Reads the stored password hashes by email, with the CLI's process gone (one process per data directory). */
async function passwordHashes(dataDir: string): Promise<Map<string, string>> {
  setDatabaseConnection(openDatabase({ engine: 'embedded', dataDir }));
  try {
    const rows = await db.$queryRaw<{ email: string; password: string }[]>`
      SELECT u.email, a.password FROM users u JOIN accounts a ON a.user_id = u.id AND a.provider_id = 'credential'`;
    return new Map(rows.map((row) => [row.email, row.password]));
  } finally {
    await disconnectDb();
  }
}

describe('npm run cli -- user', () => {
  it('creates the first admin, then adds, re-roles, deactivates, reactivates, lists and resets users', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-user-cli-')), 'db');
    const env = { DATABASE_URL: `file:${dataDir}` };

    const notAdmin = cli(['user', 'create', '--email', 'rita@example.test', '--name', 'Rita Rep', '--role', 'rep'], env);
    expect(notAdmin.status).not.toBe(0);
    expect(notAdmin.errorLines).toEqual([
      expect.stringMatching(/^Error: The workspace has no users yet: create its first admin with user create --role admin/),
    ]);

    const first = cli(['user', 'create', '--email', 'Bo@Example.test', '--name', 'Bo Boss', '--role', 'admin'], env);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/Created the first admin, Bo Boss <bo@example.test> \(user_\w+\)/);
    const bossPassword = first.lastLine;
    expect(bossPassword).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    const rita = cli(['user', 'create', '--email', 'rita@example.test', '--name', 'Rita Rep', '--role', 'rep', '--password', 'rita-first-password'], env);
    expect(rita.status, rita.stderr).toBe(0);
    expect(rita.stdout.trim()).toMatch(/^Created a rep, Rita Rep <rita@example.test> \(user_\w+\)\.$/);

    const badRole = cli(['user', 'set-role', 'rita@example.test', 'boss'], env);
    expect(badRole.status).not.toBe(0);
    expect(badRole.errorLines).toEqual(['Error: Unknown role "boss": use rep, manager or admin.']);

    const promoted = cli(['user', 'set-role', 'RITA@example.test', 'manager'], env);
    expect(promoted.status, promoted.stderr).toBe(0);
    expect(promoted.stdout).toContain('Rita Rep <rita@example.test> is now a manager.');

    const lastAdmin = cli(['user', 'set-role', 'bo@example.test', 'rep'], env);
    expect(lastAdmin.status).not.toBe(0);
    expect(lastAdmin.errorLines).toEqual([expect.stringMatching(/^Error: Bo Boss is the only active admin, so you cannot make them a rep/)]);

    const deactivated = cli(['user', 'deactivate', 'rita@example.test'], env);
    expect(deactivated.status, deactivated.stderr).toBe(0);
    expect(deactivated.stdout).toContain('Deactivated Rita Rep <rita@example.test>: signed out everywhere');
    const listed = cli(['user', 'list'], env);
    expect(listed.status, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/user_\w+ {2}bo@example.test {2}"Bo Boss" {2}admin {2}active {2}last sign-in never {2}0 open deal\(s\)/);
    expect(listed.stdout).toMatch(/rita@example.test {2}"Rita Rep" {2}manager {2}deactivated \d{4}-/);

    const reactivated = cli(['user', 'reactivate', 'rita@example.test'], env);
    expect(reactivated.status, reactivated.stderr).toBe(0);
    expect(reactivated.stdout).toContain('Reactivated Rita Rep <rita@example.test>: they can sign in again, as a manager.');

    const reset = cli(['user', 'reset-password', 'rita@example.test'], env);
    expect(reset.status, reset.stderr).toBe(0);
    expect(reset.stdout).toContain('Set a new password for Rita Rep <rita@example.test> and signed them out everywhere.');
    const ritaPassword = reset.lastLine;
    expect(ritaPassword).toMatch(/^[A-Za-z0-9_-]{16,}$/);

    const unknown = cli(['user', 'deactivate', 'nobody@example.test'], env);
    expect(unknown.status).not.toBe(0);
    expect(unknown.errorLines).toEqual(['Error: No user has the email nobody@example.test: see npm run cli -- user list.']);

    // the printed passwords are the ones that sign in
    const hashes = await passwordHashes(dataDir);
    expect(await verifyPassword({ hash: hashes.get('bo@example.test')!, password: bossPassword })).toBe(true);
    expect(await verifyPassword({ hash: hashes.get('rita@example.test')!, password: ritaPassword })).toBe(true);
    expect(await verifyPassword({ hash: hashes.get('rita@example.test')!, password: 'rita-first-password' })).toBe(false);
  }, 240_000);
});
