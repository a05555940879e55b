import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as backupsRoute from '../../app/api/v1/backups/route';
import * as backupDownloadRoute from '../../app/api/v1/backups/[id]/download/route';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as dealStageRoute from '../../app/api/v1/deals/[id]/stage/route';
import { listStoredBackups } from '../../lib/backups/backup-dir';
import { BackupRefusedError, readBackupHeader, verifyBackupFile, writeBackupFile } from '../../lib/backups/backup-file';
import { BACKUP_QUEUE, runScheduledBackup, startBackupSchedule } from '../../lib/backups/backup-schedule';
import { restoreEmbeddedBackup, restorePostgresBackup } from '../../lib/backups/restore-backup';
import { takeBackup } from '../../lib/backups/take-backup';
import { type DatabaseConnection, openDatabase } from '../../lib/database/connect';
import { migrateDatabase } from '../../lib/database/migrate';
import { readMigrations } from '../../lib/database/schema-engine';
import { db, getDbConnection } from '../../lib/db';
import { resetEnvForTests } from '../../lib/env';
import { fromPublicId } from '../../lib/ids';
import { createBackup } from '../../lib/services/backups/create-backup';
import { stopWebhookQueue, webhookQueue } from '../../lib/webhooks/webhook-queue';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';
import { withDatabase } from '../setup/global-database';

// Backups on the engine this run is on (docs/decisions/019-backups.md): taken through the service
// while 20 clients keep creating and moving deals, then restored into a new database — every write
// acknowledged before the backup began is there, and every deal's stage history is a chain. A
// damaged, truncated or foreign file, or one from a newer schema, is refused and the current data is
// left as it was; a backup from before the latest migration is restored and migrated; scheduled
// backups keep the newest BACKUP_KEEP.

const postgres = process.env.TEST_ENGINE === 'postgresql';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-backups-test-'));
const backupDir = path.join(work, 'backups');
const createdDatabases: string[] = [];
let admin: pg.Client | null = null;

beforeAll(async () => {
  process.env.BACKUP_DIR = backupDir;
  process.env.BACKUP_KEEP = '2';
  process.env.API_RATE_LIMIT_PER_MINUTE = '100000';
  resetEnvForTests();
  if (postgres) {
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  }
});

afterAll(async () => {
  await stopWebhookQueue();
  delete process.env.BACKUP_SCHEDULE;
  resetEnvForTests();
  if (admin) {
    for (const name of createdDatabases) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
  fs.rmSync(work, { recursive: true, force: true });
});

async function adminCtx() {
  const { user } = await createUserWithKey('admin', 'Backup Admin');
  return { user, source: 'api' as const };
}

/** A new, empty PostgreSQL database (dropped after the file), by URL. */
async function newPostgresDatabase(suffix: string): Promise<string> {
  const name = `dealboard_bk_${process.pid}_${Date.now().toString(36)}_${suffix}`;
  await admin!.query(`CREATE DATABASE "${name}"`);
  createdDatabases.push(name);
  return withDatabase(process.env.TEST_DATABASE_URL!, name);
}

interface Opened {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
  /** embedded: the data directory; PostgreSQL: the URL */
  where: string;
}

/** Runs SQL on an open connection of either engine. */
function sqlOn(connection: DatabaseConnection) {
  return async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> =>
    connection.pglite ? (await connection.pglite.query<T>(sql, params)).rows : ((await connection.pgPool!.query(sql, params)).rows as T[]);
}

/** Restores `file` into a new database of this engine and opens it. */
async function restoreIntoNew(file: string, suffix: string) {
  if (postgres) {
    const url = await newPostgresDatabase(suffix);
    const result = await restorePostgresBackup(file, url);
    return { result, opened: openAt({ engine: 'postgresql', url }, url) };
  }
  const dataDir = path.join(work, `restored-${suffix}`);
  const result = await restoreEmbeddedBackup(file, dataDir);
  return { result, opened: openAt({ engine: 'embedded', dataDir }, dataDir) };
}

function openAt(config: Parameters<typeof openDatabase>[0], where: string): Opened {
  const connection = openDatabase(config, { poolSize: 2 });
  return { query: sqlOn(connection), close: () => connection.close(), where };
}

interface Write {
  kind: 'create' | 'move';
  dealId: number;
  stageId: number;
  ackedAt: number;
}

describe('a backup taken while 20 clients write', () => {
  it('holds every write acknowledged before it began, with intact stage-history chains, and restores', async () => {
    const fixture = await createPipelineFixture('Backup race', ['One', 'Two', 'Three', 'Four']);
    const stageIds = fixture.stages.map((stage) => stage.id);
    const clients: { key: string }[] = [];
    for (let i = 0; i < 20; i++) clients.push(await createUserWithKey('manager', `Writer ${i}`));
    const writes: Write[] = [];
    let stop = false;
    let failures = 0;
    // the test goes on when the clients have written `target` times (a timer could starve: on the
    // embedded database the clients' work is all promises, so each client also yields between writes)
    let reached: { target: number; resolve: () => void } | null = null;
    const record = (write: Write) => {
      writes.push(write);
      if (reached && writes.length >= reached.target) {
        reached.resolve();
        reached = null;
      }
    };
    const writesReach = (target: number) =>
      new Promise<void>((resolve) => {
        if (writes.length >= target) resolve();
        else reached = { target, resolve };
      });
    const yieldToOthers = () => new Promise((resolve) => setImmediate(resolve));

    const client = async (key: string, n: number) => {
      for (let round = 0; !stop && round < 100; round++) {
        const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
          key,
          body: { name: `Race ${n}.${round}`, pipeline_id: fixture.pipelineId, stage_id: fixture.stageIds[0], value: 1000 + round },
        });
        if (created.status !== 201) {
          failures += 1;
          continue;
        }
        const dealId = fromPublicId('deal', created.json.data.id)!;
        record({ kind: 'create', dealId, stageId: stageIds[0]!, ackedAt: performance.now() });
        await yieldToOthers();
        for (const target of [1, 2, 3].slice(0, 1 + ((n + round) % 3))) {
          if (stop) break;
          const moved = await call(dealStageRoute.POST, 'POST', `/api/v1/deals/${created.json.data.id}/stage`, {
            key,
            params: { id: created.json.data.id },
            body: { stage_id: fixture.stageIds[target] },
          });
          if (moved.status !== 200) failures += 1;
          else record({ kind: 'move', dealId, stageId: stageIds[target]!, ackedAt: performance.now() });
          await yieldToOthers();
        }
      }
    };

    const running = clients.map((c, n) => client(c.key, n));
    await writesReach(60);
    const ctx = await adminCtx();
    const startedAt = performance.now();
    const backup = await createBackup({ ctx });
    const writtenDuring = writes.filter((w) => w.ackedAt > startedAt).length;
    // the clients keep writing a little after the backup too
    await writesReach(writes.length + 20);
    stop = true;
    await Promise.all(running);
    expect(failures).toBe(0);

    const before = writes.filter((w) => w.ackedAt < startedAt);
    expect(before.length).toBeGreaterThanOrEqual(60);
    expect(writes.length).toBeGreaterThan(before.length); // writes went on after the backup began
    console.log(`backup ${backup.id}: ${before.length} writes acknowledged before it, ${writtenDuring} while it ran, ${writes.length} in all`);

    const file = path.join(backupDir, `${backup.id}.dealboard-backup`);
    const { manifest } = await verifyBackupFile(file);
    expect(manifest.engine).toBe(postgres ? 'postgresql' : 'embedded');
    expect(manifest.createdBy).toEqual({ kind: 'user', id: ctx.user.id, name: ctx.user.name, email: ctx.user.email });
    expect(manifest.migration).toBe(readMigrations().migrationDirectories.at(-1)!.path);

    const { opened } = await restoreIntoNew(file, 'race');
    try {
      const deals = await opened.query<{ id: number; stage_id: number }>('SELECT id, stage_id FROM deals');
      expect(deals.length).toBe(manifest.rowCounts.deals);
      const restoredDeals = new Map(deals.map((deal) => [deal.id, deal.stage_id]));
      const history = await opened.query<{ deal_id: number; from_stage_id: number | null; to_stage_id: number; changed_at: Date; left_at: Date | null }>(
        'SELECT deal_id, from_stage_id, to_stage_id, changed_at, left_at FROM stage_history ORDER BY deal_id, changed_at, id',
      );
      expect(history.length).toBe(manifest.rowCounts.stage_history);
      const byDeal = new Map<number, typeof history>();
      for (const row of history) byDeal.set(row.deal_id, [...(byDeal.get(row.deal_id) ?? []), row]);

      // every acknowledged write before the backup: the deal is there, and its history begins with
      // exactly the stages it was acknowledged in, in order
      const acked = new Map<number, number[]>();
      for (const w of before) acked.set(w.dealId, [...(acked.get(w.dealId) ?? []), w.stageId]);
      for (const [dealId, stages] of acked) {
        expect(restoredDeals.has(dealId), `deal ${dealId} was acknowledged before the backup`).toBe(true);
        const rows = byDeal.get(dealId) ?? [];
        expect(rows.slice(0, stages.length).map((row) => row.to_stage_id)).toEqual(stages);
      }
      // every restored deal's history is a chain ending in the stage it is in
      for (const [dealId, stageId] of restoredDeals) {
        const rows = byDeal.get(dealId) ?? [];
        expect(rows.length, `deal ${dealId} has history`).toBeGreaterThan(0);
        rows.forEach((row, i) => {
          expect(row.from_stage_id).toBe(i === 0 ? null : rows[i - 1]!.to_stage_id);
          expect(row.left_at === null ? null : new Date(row.left_at).getTime()).toBe(i + 1 < rows.length ? new Date(rows[i + 1]!.changed_at).getTime() : null);
        });
        expect(rows.at(-1)!.to_stage_id).toBe(stageId);
      }
    } finally {
      await opened.close();
    }
  }, 600_000);
});

describe('the API', () => {
  it('takes, lists and downloads a backup for an admin, and refuses anyone else', async () => {
    const { key } = await createUserWithKey('admin', 'API Admin');
    const { key: managerKey } = await createUserWithKey('manager', 'API Manager');
    const created = await call(backupsRoute.POST, 'POST', '/api/v1/backups', { key });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    const id = created.json.data.id as string;
    expect(id).toMatch(/^bk_\d{8}T\d{6}Z_[a-z0-9]{6}$/);
    expect(created.json.data).toMatchObject({ engine: postgres ? 'postgresql' : 'embedded', created_by: { kind: 'user', name: 'API Admin' }, problem: null });
    expect(created.json.data.download_url).toBe(`/api/v1/backups/${id}/download`);

    const listed = await call(backupsRoute.GET, 'GET', '/api/v1/backups', { key });
    expect(listed.json.data.map((b: { id: string }) => b.id)).toContain(id);

    const download = await backupDownloadRoute.GET(new Request(`http://dealboard.test/api/v1/backups/${id}/download`, { headers: { 'x-api-key': key } }), {
      params: Promise.resolve({ id }),
    });
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain(`${id}.dealboard-backup`);
    const copy = path.join(work, 'downloaded.dealboard-backup');
    fs.writeFileSync(copy, Buffer.from(await download.arrayBuffer()));
    expect((await verifyBackupFile(copy)).manifest.id).toBe(id);

    for (const answer of [
      await call(backupsRoute.POST, 'POST', '/api/v1/backups', { key: managerKey }),
      await call(backupsRoute.GET, 'GET', '/api/v1/backups', { key: managerKey }),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.json.error.message).toMatch(/Only admins/);
    }
    const refused = await backupDownloadRoute.GET(
      new Request(`http://dealboard.test/api/v1/backups/${id}/download`, { headers: { 'x-api-key': managerKey } }),
      {
        params: Promise.resolve({ id }),
      },
    );
    expect(refused.status).toBe(403);
    const unknown = await backupDownloadRoute.GET(
      new Request('http://dealboard.test/api/v1/backups/../../etc/passwd/download', { headers: { 'x-api-key': key } }),
      {
        params: Promise.resolve({ id: '../../etc/passwd' }),
      },
    );
    expect(unknown.status).toBe(404);
  }, 300_000);
});

describe('a file that is not a good backup', () => {
  it('is refused with a clear message, and the current data is left as it was', async () => {
    await db.company.create({ data: { name: 'Kept Co' } });
    const good = await createBackup({ ctx: await adminCtx() });
    const goodFile = path.join(backupDir, `${good.id}.dealboard-backup`);
    // the "current data": a database restored from the good backup
    const { opened } = await restoreIntoNew(goodFile, 'current');
    await opened.close();
    const fingerprint = await fingerprintOf(opened.where);

    const bytes = fs.readFileSync(goodFile);
    const { payloadOffset, manifest } = readBackupHeader(goodFile);
    const corrupted = path.join(work, 'corrupted.dealboard-backup');
    const flipped = Buffer.from(bytes);
    const at = payloadOffset + Math.floor((bytes.length - payloadOffset) / 2);
    flipped[at] = flipped[at]! ^ 0xff;
    fs.writeFileSync(corrupted, flipped);
    const truncated = path.join(work, 'truncated.dealboard-backup');
    fs.writeFileSync(truncated, bytes.subarray(0, payloadOffset + Math.floor((bytes.length - payloadOffset) / 3)));
    const foreign = path.join(work, 'notes.txt');
    fs.writeFileSync(foreign, 'just some notes\n');
    const badManifest = path.join(work, 'bad-manifest.dealboard-backup');
    fs.writeFileSync(badManifest, Buffer.concat([Buffer.from('DEALBOARD-BACKUP 1\n{"format":"dealboard-backup",'), bytes.subarray(payloadOffset - 1)]));
    // a backup of a newer Dealboard: one more migration than this code knows
    const newer = path.join(work, 'newer.dealboard-backup');
    const payload = bytes.subarray(payloadOffset);
    await writeBackupFile(
      newer,
      {
        ...manifest,
        dealboardVersion: '9.9.9',
        migrations: [...manifest.migrations, '29991231000000_future'],
        migration: '29991231000000_future',
        payload: { kind: manifest.payload.kind },
      },
      Buffer.from(payload),
    );

    const cases: [string, RegExp][] = [
      [corrupted, /is damaged: its checksum does not match/],
      [truncated, /is truncated: its payload should be \d+ bytes but only \d+ are there/],
      [foreign, /is not a Dealboard backup/],
      [badManifest, /is damaged: its manifest is not readable/],
      [newer, /is from a newer Dealboard \(9\.9\.9\): its schema has migration 29991231000000_future/],
      [path.join(work, 'missing.dealboard-backup'), /There is no file/],
    ];
    for (const [file, message] of cases) {
      const error = await (postgres ? restorePostgresBackup(file, opened.where, { replace: true }) : restoreEmbeddedBackup(file, opened.where)).catch(
        (e: unknown) => e,
      );
      expect(error, file).toBeInstanceOf(BackupRefusedError);
      expect((error as Error).message).toMatch(message);
      expect(await fingerprintOf(opened.where), `after ${path.basename(file)}`).toEqual(fingerprint);
    }
    // and the current database still opens with its data
    const reopened = openAt(postgres ? { engine: 'postgresql', url: opened.where } : { engine: 'embedded', dataDir: opened.where }, opened.where);
    try {
      expect(await reopened.query('SELECT name FROM companies')).toEqual([{ name: 'Kept Co' }]);
    } finally {
      await reopened.close();
    }
  }, 300_000);
});

/** What a refused restore must not change: the data directory's files (embedded), or the database's tables and the server's databases. */
async function fingerprintOf(where: string): Promise<unknown> {
  if (!postgres) {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files.push(`${path.relative(where, full)} ${fs.statSync(full).size} ${fs.statSync(full).mtimeMs}`);
      }
    };
    walk(where);
    const siblings = fs.readdirSync(path.dirname(where)).filter((name) => name.startsWith(path.basename(where)));
    return { files: files.sort(), siblings: siblings.sort() };
  }
  const client = new pg.Client({ connectionString: where });
  await client.connect();
  try {
    const counts = (await client.query('SELECT (SELECT count(*) FROM companies) AS companies, (SELECT count(*) FROM deals) AS deals')).rows;
    const databases = (await admin!.query(`SELECT datname FROM pg_database WHERE datname LIKE '%before_restore%' ORDER BY 1`)).rows;
    return { counts, databases };
  } finally {
    await client.end();
  }
}

describe('a backup from before the latest migration', () => {
  it('is restored, then migrated to this version, keeping its data', async () => {
    const all = readMigrations();
    const older = { ...all, migrationDirectories: all.migrationDirectories.slice(0, -1) };
    const latest = all.migrationDirectories.at(-1)!.path;
    let connection: DatabaseConnection;
    if (postgres) {
      const url = await newPostgresDatabase('older');
      connection = openDatabase({ engine: 'postgresql', url }, { poolSize: 2 });
    } else {
      connection = openDatabase({ engine: 'embedded', dataDir: null });
    }
    let file: string;
    try {
      await migrateDatabase(connection, older);
      const run = sqlOn(connection);
      await run(`INSERT INTO users (email, name, role, updated_at) VALUES ('old@example.test', 'Old Admin', 'admin', now())`);
      await run(`INSERT INTO pipelines (name, updated_at) VALUES ('Old pipeline', now())`);
      const taken = await takeBackup(connection, { creator: { kind: 'cli' }, dir: path.join(work, 'older') });
      file = taken.file;
      expect(taken.manifest.migration).toBe(older.migrationDirectories.at(-1)!.path);
      expect(taken.manifest.rowCounts).toMatchObject({ users: 1, pipelines: 1 });
    } finally {
      await connection.close();
    }

    const { result, opened } = await restoreIntoNew(file, 'older');
    try {
      expect(result.applied).toEqual([latest]);
      expect(result.keptAs).toBeNull();
      expect(await opened.query('SELECT email FROM users')).toEqual([{ email: 'old@example.test' }]);
      expect(await opened.query('SELECT name FROM pipelines')).toEqual([{ name: 'Old pipeline' }]);
      const applied = await opened.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name');
      expect(applied.map((row) => row.migration_name)).toEqual(all.migrationDirectories.map((m) => m.path));
    } finally {
      await opened.close();
    }
  }, 300_000);
});

describe('scheduled backups', () => {
  it('register a pg-boss schedule, and keep the newest BACKUP_KEEP scheduled backups (never one taken by hand)', async () => {
    process.env.BACKUP_SCHEDULE = '0 2 * * *';
    resetEnvForTests();
    await stopWebhookQueue(); // a queue started before now would have no cron clock
    await startBackupSchedule();
    const boss = await webhookQueue();
    const schedules = await boss.getSchedules(BACKUP_QUEUE);
    expect(schedules.map((s) => s.cron)).toEqual(['0 2 * * *']);
    await stopWebhookQueue();

    const manual = await createBackup({ ctx: await adminCtx() });
    const taken: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { taken: backup, rotated } = await runScheduledBackup();
      taken.push(backup.id);
      expect(rotated).toEqual(i >= 2 ? [taken[i - 2]] : []);
    }
    const kept = listStoredBackups(backupDir);
    expect(kept.filter((b) => b.manifest?.createdBy.kind === 'schedule').map((b) => b.id)).toEqual(taken.slice(2).reverse());
    expect(kept.map((b) => b.id)).toContain(manual.id);
    expect(getDbConnection().engine).toBe(postgres ? 'postgresql' : 'embedded');
  }, 300_000);
});
