import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// npm run cli -- events prune, run as an operator would, on a fresh embedded database.
function cli(args: string[], env: Record<string, string>) {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(process.execPath, [tsx, '--conditions=react-server', 'scripts/cli.ts', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli -- events prune', () => {
  it('prunes by age, prints how many, and refuses a bad age', () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-cli-')), 'db');
    const env = { DATABASE_URL: `file:${dataDir}` };
    const admin = cli(['user', 'create', '--role', 'admin', '--email', 'ops@example.test', '--name', 'Ops', '--password', 'a-long-password-1'], env);
    expect(admin.status, admin.stderr).toBe(0);

    // the default age (400 days) keeps the admin's creation
    const kept = cli(['events', 'prune'], env);
    expect(kept.status, kept.stderr).toBe(0);
    expect(kept.stdout).toMatch(/Deleted 0 change events older than 400 days/);

    const pruned = cli(['events', 'prune', '--older-than-days', '0'], env);
    expect(pruned.status, pruned.stderr).toBe(0);
    expect(pruned.stdout).toMatch(/Deleted [1-9]\d* change events? older than 0 days/);

    const bad = cli(['events', 'prune', '--older-than-days', 'soon'], env);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/Error: --older-than-days must be a whole number of days/);
    const unknown = cli(['events', 'purge'], env);
    expect(unknown.stderr).toMatch(/Usage: npm run cli -- events prune/);
  }, 300_000);
});
