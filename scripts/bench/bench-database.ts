// The native API's benchmark database: 100,000 deals and 1,000,000 stage-history rows,
// built in SQL (generate_series) so it takes seconds, not minutes. Reused when already built
// (bench:reports only reads it; bench:api, which writes, runs on a fresh copy each time).
import fs from 'node:fs';
import pg from 'pg';
import { parseDatabaseUrl, type DatabaseConfig } from '../../lib/database/config';
import { openDatabase } from '../../lib/database/connect';
import { migrateDatabase } from '../../lib/database/migrate';
import { db, disconnectDb, setDatabaseConnection } from '../../lib/db';
import { createApiKey } from '../../lib/services/api-keys/create-api-key';

export const BENCH_DEALS = 100_000;
export const HISTORY_PER_DEAL = 10;

export interface BenchDatabase {
  url: string;
  config: DatabaseConfig;
  apiKey: string;
  pipelineId: number;
  stageIds: number[];
  ownerId: number;
}

/** Creates the PostgreSQL database `name` on the server of `adminUrl` when missing. */
export async function ensurePostgresDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return databaseUrl(adminUrl, name);
}

/** The URL of database `name` on the server of `adminUrl`. */
function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Builds the benchmark data in the database at `url` when it is empty (migrating it first). */
export async function ensureBenchData(url: string, log: (line: string) => void = console.log): Promise<void> {
  const connection = openDatabase(parseDatabaseUrl(url), { poolSize: 4 });
  setDatabaseConnection(connection);
  try {
    await migrateDatabase(connection);
    const dealCount = await db.deal.count();
    if (dealCount < BENCH_DEALS) {
      if (dealCount > 0) throw new Error(`${url} holds ${dealCount} deals but is not a benchmark database; use an empty one.`);
      const started = Date.now();
      await buildData();
      log(
        `Built the benchmark data (${BENCH_DEALS.toLocaleString()} deals, ${(BENCH_DEALS * HISTORY_PER_DEAL).toLocaleString()} history rows) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
    }
  } finally {
    await disconnectDb();
  }
}

/** The benchmark database at `url` (built when empty) and a new API key of its manager. */
export async function prepareBenchDatabase(url: string, log: (line: string) => void = console.log): Promise<BenchDatabase> {
  await ensureBenchData(url, log);
  const config = parseDatabaseUrl(url);
  setDatabaseConnection(openDatabase(config, { poolSize: 4 }));
  try {
    const owner = await db.user.findFirstOrThrow({ where: { email: 'bench@dealboard.test' } });
    const pipeline = await db.pipeline.findFirstOrThrow({ where: { name: 'Bench Sales' }, include: { stages: { orderBy: { position: 'asc' } } } });
    // a fresh key per run: only the hash is stored, so an old one cannot be read back
    const { key } = await createApiKey({ ctx: { user: owner, source: 'api' }, input: { name: `bench ${new Date().toISOString()}` } });
    return { url, config, apiKey: key, pipelineId: pipeline.id, stageIds: pipeline.stages.map((s) => s.id), ownerId: owner.id };
  } finally {
    await disconnectDb();
  }
}

// A benchmark that writes (bench:api creates, moves and upserts deals) starts each run from a fresh
// copy of a database built once, so every run measures the same 100,000 deals and 1,000,000
// history rows the targets are set for. Reusing one database, each run added ~10,000 deals and ~15,000
// moves: after a dozen runs it held 210,000 deals and its deal indexes were five times their size.

/** Drops the PostgreSQL database `name` and re-creates it as a copy of `name`_template (built when missing). */
export async function freshPostgresCopy(adminUrl: string, name: string, log: (line: string) => void = console.log): Promise<string> {
  const templateName = `${name}_template`;
  await ensureBenchData(await ensurePostgresDatabase(adminUrl, templateName), log);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    // a file copy: the WAL-logged default would write the whole database to the WAL first
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}" STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
  return databaseUrl(adminUrl, name);
}

/** Replaces the embedded database directory `dir` with a copy of `dir`-template (built when missing). */
export async function freshEmbeddedCopy(dir: string, log: (line: string) => void = console.log): Promise<string> {
  const template = `${dir}-template`;
  await ensureBenchData(`file:${template}`, log);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(template, dir, { recursive: true });
  return `file:${dir}`;
}

async function buildData(): Promise<void> {
  const owner = await db.user.create({ data: { email: 'bench@dealboard.test', name: 'Bench Manager', role: 'manager' } });
  await db.user.createMany({
    data: Array.from({ length: 9 }, (_, i) => ({ email: `bench-rep-${i}@dealboard.test`, name: `Bench Rep ${i}`, role: 'rep' as const })),
  });
  const pipeline = await db.pipeline.create({ data: { name: 'Bench Sales', isDefault: true } });
  const names = ['Qualified', 'Contact Made', 'Demo Scheduled', 'Proposal Sent', 'Won', 'Lost'];
  for (const [position, name] of names.entries()) {
    await db.stage.create({
      data: {
        pipelineId: pipeline.id,
        name,
        position,
        probability: [10, 20, 40, 60, 100, 0][position]!,
        rottingDays: 14,
        outcome: name === 'Won' ? 'won' : name === 'Lost' ? 'lost' : null,
      },
    });
  }
  const stages = await db.stage.findMany({ where: { pipelineId: pipeline.id }, orderBy: { position: 'asc' } });
  const stageArray = `ARRAY[${stages.map((s) => s.id).join(',')}]`;
  const users = await db.user.findMany({ select: { id: true } });
  const userArray = `ARRAY[${users.map((u) => u.id).join(',')}]`;
  await db.$executeRawUnsafe(`
    INSERT INTO companies (name, domain, updated_at)
    SELECT 'Company ' || g, 'company' || g || '.example', now() FROM generate_series(1, 2000) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO contacts (first_name, last_name, email, company_id, updated_at)
    SELECT 'Contact', 'No. ' || g, 'contact' || g || '@example.test', (SELECT min(id) FROM companies) + (g % 2000), now()
    FROM generate_series(1, 5000) g`);
  // each deal's stage is where its 10-step history ends: (g + 9) mod 6
  await db.$executeRawUnsafe(`
    INSERT INTO deals (name, pipeline_id, stage_id, value, currency, status, owner_id, company_id, contact_id, position,
                       stage_entered_at, last_activity_at, created_at, updated_at, closed_at)
    SELECT 'Bench deal ' || g, ${pipeline.id}, (${stageArray})[1 + (g + 9) % 6], ((g * 7919) % 100000) * 100, 'USD',
           (CASE (g + 9) % 6 WHEN 4 THEN 'won' WHEN 5 THEN 'lost' ELSE 'open' END)::"DealStatus",
           (${userArray})[1 + g % ${users.length}], (SELECT min(id) FROM companies) + (g % 2000), (SELECT min(id) FROM contacts) + (g % 5000), g,
           now() - ((g % 30) || ' days')::interval, now() - ((g % 45) || ' days')::interval,
           now() - ((200 + g % 160) || ' days')::interval - (g || ' seconds')::interval, now(),
           CASE WHEN (g + 9) % 6 IN (4, 5) THEN now() - ((g % 30) || ' days')::interval END
    FROM generate_series(1, ${BENCH_DEALS}) g`);
  // The history goes in as a live database gets it: in time order, a slice of 16 days per statement
  // (each deal moves every 17 days, so a slice holds at most one row per deal and the trigger closes
  // each deal's previous stay, as a move does), vacuumed between slices as autovacuum would. One
  // INSERT of all 1,000,000 rows would instead update 900,000 rows inside its own transaction and
  // leave every history index half empty after VACUUM; this way the indexes and the table have the
  // size and layout of a database that grew one move at a time (checked against a replay of the
  // same rows one INSERT per move: decision 008).
  await db.$executeRawUnsafe(`
    CREATE UNLOGGED TABLE bench_history AS
    SELECT d.id AS deal_id,
           CASE WHEN k = 0 THEN NULL ELSE (${stageArray})[1 + (d.position::int + k - 1) % 6] END AS from_stage_id,
           CASE WHEN k = 0 THEN NULL ELSE ${pipeline.id} END AS from_pipeline_id,
           (${stageArray})[1 + (d.position::int + k) % 6] AS to_stage_id, ${pipeline.id} AS to_pipeline_id,
           d.created_at + (k * 17 || ' days')::interval AS changed_at, d.owner_id AS changed_by_id, d.value,
           10 * ((d.position::int + k) % 6) AS probability
    FROM deals d CROSS JOIN generate_series(0, ${HISTORY_PER_DEAL - 1}) k`);
  const [span] = await db.$queryRawUnsafe<{ first: Date; last: Date }[]>('SELECT min(changed_at) AS first, max(changed_at) AS last FROM bench_history');
  const SLICE_MS = 16 * 24 * 3600 * 1000;
  for (let start = span!.first.getTime(); start <= span!.last.getTime(); start += SLICE_MS) {
    await db.$executeRawUnsafe(
      `INSERT INTO stage_history (deal_id, from_stage_id, from_pipeline_id, to_stage_id, to_pipeline_id, changed_at, changed_by_id,
                                  source, value, currency, probability)
       SELECT deal_id, from_stage_id, from_pipeline_id, to_stage_id, to_pipeline_id, changed_at, changed_by_id, 'ui', value, 'USD', probability
       FROM bench_history WHERE changed_at >= $1::timestamp(3) AND changed_at < $2::timestamp(3)
       ORDER BY changed_at`,
      new Date(start).toISOString(),
      new Date(start + SLICE_MS).toISOString(),
    );
    await db.$executeRawUnsafe('VACUUM stage_history');
  }
  await db.$executeRawUnsafe('DROP TABLE bench_history');
  // what autovacuum does to freshly loaded tables a little later: statistics, and the visibility map
  // that lets the reports' covering indexes answer without visiting the table
  await db.$executeRawUnsafe('VACUUM (ANALYZE)');
  void owner;
}
