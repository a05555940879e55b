import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// npm run cli -- api-key …, run as an operator would, on a fresh embedded database.
function cli(args: string[], env: Record<string, string>) {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(process.execPath, [tsx, '--conditions=react-server', 'scripts/cli.ts', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 90_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli -- api-key', () => {
  it('creates a key printed alone on the last line, lists it without the key, and revokes it', () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-cli-')), 'db');
    const env = { DATABASE_URL: `file:${dataDir}` };
    // an empty database has nobody for the key to act as
    const noUser = cli(['api-key', 'create', '--name', 'zapier'], env);
    expect(noUser.status).not.toBe(0);
    expect(noUser.stderr).toMatch(/Error: There is no admin or manager user yet: run npm run db:seed first/);

    const seed = spawnSync(process.execPath, [path.resolve('node_modules/tsx/dist/cli.mjs'), '--conditions=react-server', 'scripts/db-seed.ts'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 90_000,
    });
    expect(seed.status, seed.stderr).toBe(0);

    const created = cli(['api-key', 'create', '--name', 'zapier'], env);
    expect(created.status, created.stderr).toBe(0);
    const lines = created.stdout.trim().split('\n');
    const key = lines.at(-1)!;
    expect(key).toMatch(/^dbk_[A-Za-z0-9_-]{43}$/);
    expect(lines[0]).toMatch(/Created API key "zapier" \(key_\w+\) acting as Ada Admin <admin@dealboard.test>/);

    const listed = cli(['api-key', 'list'], env);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toContain('"zapier"');
    expect(listed.stdout).toContain(key.slice(0, 10));
    expect(listed.stdout).not.toContain(key);
    const keyId = /(key_\w+)/.exec(listed.stdout)![1]!;

    const revoked = cli(['api-key', 'revoke', keyId], env);
    expect(revoked.status, revoked.stderr).toBe(0);
    expect(cli(['api-key', 'list'], env).stdout).toMatch(/"zapier".*revoked/);

    const unknown = cli(['api-key', 'revoke', 'key_nope'], env);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/Error: api-key revoke needs a key ID/);
  }, 240_000);
});
