import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';

// npm run cli -- backup / restore, run as an operator would: on an embedded data directory (the
// server stopped — and refused, pointing at the live backup, while a server holds it), and on
// PostgreSQL when TEST_DATABASE_URL is set (pg_dump / pg_restore; a non-empty target is refused
// unless --replace, which keeps the old database under another name).
function cli(args: string[], env: Record<string, string>) {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(process.execPath, [tsx, '--conditions=react-server', 'scripts/cli.ts', ...args], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 240_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-backup-cli-'));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('npm run cli -- backup and restore (embedded)', () => {
  it('backs up with the server stopped, refuses while it runs, restores moving the current data aside, refuses a damaged file', () => {
    const dataDir = path.join(work, 'db');
    const env = { DATABASE_URL: `file:${dataDir}`, BACKUP_DIR: path.join(work, 'backups') };
    const admin = cli(['user', 'create', '--role', 'admin', '--email', 'ops@example.test', '--name', 'Ops', '--password', 'a-long-password-1'], env);
    expect(admin.status, admin.stderr).toBe(0);

    // a running server holds the data directory: the CLI says to back up through the server
    fs.writeFileSync(`${dataDir}.lock`, String(process.pid));
    const locked = cli(['backup'], env);
    fs.rmSync(`${dataDir}.lock`);
    expect(locked.status).not.toBe(0);
    expect(locked.stderr).toMatch(/already in use by process \d+.*Settings → Backups or POST \/api\/v1\/backups/);

    const out = path.join(work, 'ops.dealboard-backup');
    const backup = cli(['backup', '--out', out], env);
    expect(backup.status, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/Backed up the embedded PostgreSQL \(PGlite\) in .*1 users.*SHA-256 [0-9a-f]{64}/);
    expect(backup.stdout.trim().split('\n').at(-1)).toBe(out);
    expect(fs.readFileSync(out).subarray(0, 19).toString()).toBe('DEALBOARD-BACKUP 1\n');

    // a damaged copy is refused before anything is touched
    const damaged = path.join(work, 'damaged.dealboard-backup');
    const bytes = Buffer.from(fs.readFileSync(out));
    bytes[bytes.length - 100] = bytes[bytes.length - 100]! ^ 0xff;
    fs.writeFileSync(damaged, bytes);
    const before = fs.readdirSync(work).sort();
    const refused = cli(['restore', damaged], env);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/Error: .*damaged\.dealboard-backup is damaged: its checksum does not match/);
    expect(fs.readdirSync(work).sort()).toEqual(before);

    const restored = cli(['restore', out], env);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored .*ops\.dealboard-backup .* into /);
    const kept = /kept in (\S+) /.exec(restored.stdout)?.[1];
    expect(kept).toMatch(/db\.before-restore-\d{8}T\d{6}Z$/);
    expect(fs.existsSync(path.join(kept!, 'PG_VERSION'))).toBe(true);

    // the restored directory is the database: the admin is there
    const users = cli(['user', 'list'], env);
    expect(users.status, users.stderr).toBe(0);
    expect(users.stdout).toMatch(/ops@example\.test/);
  }, 900_000);
});

const pgUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!pgUrl)('npm run cli -- backup and restore (PostgreSQL)', () => {
  const names: string[] = [];
  let admin: pg.Client;
  const urlOf = (name: string) => {
    const url = new URL(pgUrl!);
    url.pathname = `/${name}`;
    return url.toString();
  };
  afterAll(async () => {
    if (!admin) return;
    const kept = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE 'dealboard_clibk_%'`);
    for (const { datname } of kept.rows) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await admin.end();
  });

  it('dumps with pg_dump, restores into an empty database, refuses a non-empty one unless --replace, and says when pg_dump is missing', async () => {
    admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    const stamp = `${process.pid}_${Date.now().toString(36)}`;
    const source = `dealboard_clibk_${stamp}_src`;
    const target = `dealboard_clibk_${stamp}_dst`;
    names.push(source, target);
    await admin.query(`CREATE DATABASE "${source}"`);
    await admin.query(`CREATE DATABASE "${target}"`);
    const sourceEnv = { DATABASE_URL: urlOf(source), BACKUP_DIR: path.join(work, 'pg-backups') };
    const created = cli(['user', 'create', '--role', 'admin', '--email', 'pg@example.test', '--name', 'Pg Ops', '--password', 'a-long-password-1'], sourceEnv);
    expect(created.status, created.stderr).toBe(0);

    const missing = cli(['backup'], { ...sourceEnv, PG_BIN_DIR: path.join(work, 'no-tools') });
    expect(missing.status).not.toBe(0);
    expect(missing.stderr).toMatch(/pg_dump was not found in PG_BIN_DIR .*PostgreSQL client tools/);

    const backup = cli(['backup'], sourceEnv);
    expect(backup.status, backup.stderr).toBe(0);
    const file = backup.stdout.trim().split('\n').at(-1)!;
    expect(file).toMatch(/pg-backups\/bk_\w+\.dealboard-backup$/);

    const targetEnv = { DATABASE_URL: urlOf(target) };
    const restored = cli(['restore', file], targetEnv);
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored .* into PostgreSQL/);
    const check = new pg.Client({ connectionString: urlOf(target) });
    await check.connect();
    expect((await check.query('SELECT email FROM users')).rows).toEqual([{ email: 'pg@example.test' }]);
    await check.end();

    // the target now holds data: refused without --replace
    const refused = cli(['restore', file], targetEnv);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/is not empty .* add --replace/);

    const replaced = cli(['restore', file, '--replace'], targetEnv);
    expect(replaced.status, replaced.stderr).toBe(0);
    const keptAs = /kept as "([^"]+)"/.exec(replaced.stdout)?.[1];
    expect(keptAs).toMatch(new RegExp(`^${target}_before_restore_`));
    const databases = (await admin.query<{ datname: string }>('SELECT datname FROM pg_database')).rows.map((row) => row.datname);
    expect(databases).toEqual(expect.arrayContaining([target, keptAs]));
  }, 900_000);
});
