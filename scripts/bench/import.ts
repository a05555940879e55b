// npm run bench:import — CSV import at scale on PostgreSQL: a generated file of 100,000 deals with
// their contacts (50,000) and companies (10,000), imported into an empty scratch database by the
// import worker's own code (runImport), in this process. Prints per run the wall time, the rows per
// second and the peak memory (RSS, sampled every 20 ms), then the medians.
// Targets: 100,000 deals in under 60 s, peak RSS under 300 MB. Then the export benchmark
// (scripts/bench/export.ts, also `npm run bench:export`): 100,000 deals exported by a production server.
//
//   BENCH_PG_URL      admin URL of a PostgreSQL server (default postgresql://postgres:postgres@localhost:5432/postgres);
//                     each run creates the database dealboard_bench_import_<pid>_<run> there and drops it after
//   BENCH_IMPORT_ROWS deals in the file (default 100000)
//   BENCH_RUNS        runs (default 3)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseDatabaseUrl } from '../../lib/database/config';
import { openDatabase } from '../../lib/database/connect';
import { migrateDatabase } from '../../lib/database/migrate';
import { db, disconnectDb, setDatabaseConnection } from '../../lib/db';
import { autoMapHeaders } from '../../lib/imports/import-fields';
import { runImport } from '../../lib/services/imports/run-import';
import { benchExport } from './export';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CONTACTS = Math.max(1, Math.floor(ROWS / 2));
const COMPANIES = Math.max(1, Math.floor(ROWS / 10));
const STAGES = ['Lead', 'Qualified', 'Demo', 'Proposal', 'Negotiation', 'Won', 'Lost'];
const HEADERS = [
  'Name',
  'Pipeline',
  'Stage',
  'Status',
  'Value',
  'Currency',
  'Expected close date',
  'Owner email',
  'Contact',
  'Contact email',
  'Company',
  'Company domain',
  'External ID',
];

/** The benchmark file, in the shared column contract's headers, written line by line. */
function writeFile(file: string): number {
  const fd = fs.openSync(file, 'w');
  let bytes = 0;
  const write = (line: string) => {
    bytes += fs.writeSync(fd, `${line}\r\n`);
  };
  write(`\uFEFF${HEADERS.join(',')}`);
  for (let i = 0; i < ROWS; i += 1) {
    const stage = STAGES[i % STAGES.length]!;
    const status = stage === 'Won' ? 'won' : stage === 'Lost' ? 'lost' : 'open';
    const contact = i % CONTACTS;
    const company = i % COMPANIES;
    const value = `${(i * 37) % 100_000}.${String(i % 100).padStart(2, '0')}`;
    const month = String((i % 12) + 1).padStart(2, '0');
    write(
      [
        `Deal ${i}`,
        'Bench Sales',
        stage,
        status,
        value,
        i % 5 === 0 ? 'EUR' : 'USD',
        `2027-${month}-15`,
        'bench@dealboard.test',
        `Person ${contact} Example`,
        `person${contact}@example${company}.test`,
        `"Company ${company}, Inc."`,
        `example${company}.test`,
        `ext-${i}`,
      ].join(','),
    );
  }
  fs.closeSync(fd);
  return bytes;
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

interface Figure {
  seconds: number;
  peakMb: number;
  created: number;
  rejected: number;
}

async function runOnce(adminUrl: string, file: string, run: number): Promise<Figure> {
  const name = `dealboard_bench_import_${process.pid}_${run}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const connection = openDatabase(parseDatabaseUrl(url.toString()), { poolSize: 4 });
  setDatabaseConnection(connection);
  try {
    await migrateDatabase(connection);
    const user = await db.user.create({ data: { email: 'bench@dealboard.test', name: 'Bench Admin', role: 'admin' } });
    const pipeline = await db.pipeline.create({ data: { name: 'Bench Sales', isDefault: true } });
    for (const [position, stage] of STAGES.entries()) {
      await db.stage.create({
        data: {
          pipelineId: pipeline.id,
          name: stage,
          position,
          probability: position * 15,
          outcome: stage === 'Won' ? 'won' : stage === 'Lost' ? 'lost' : null,
        },
      });
    }
    const bytes = fs.readFileSync(file);
    const created = await db.import.create({
      data: {
        entity: 'deals',
        fileName: 'bench.csv',
        file: new Uint8Array(bytes),
        mapping: autoMapHeaders('deals', HEADERS),
        totalRows: ROWS,
        createdById: user.id,
      },
      select: { id: true },
    });
    // the file is in the database now, as an uploaded one is: the import reads it from there
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const started = performance.now();
    await runImport(created.id);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const result = await db.import.findUniqueOrThrow({ where: { id: created.id } });
    if (result.status !== 'done') throw new Error(`The import ended ${result.status}: ${result.error}`);
    const deals = await db.deal.count();
    const contacts = await db.contact.count();
    const companies = await db.company.count();
    console.log(
      `run ${run}: ${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds).toLocaleString()} rows/s, peak RSS ${(peak / 1024 / 1024).toFixed(0)} MB — ` +
        `${result.createdCount.toLocaleString()} created, ${result.rejectedCount} rejected; ${deals.toLocaleString()} deals, ${contacts.toLocaleString()} contacts, ${companies.toLocaleString()} companies`,
    );
    console.log(`       RSS before the import ${(before / 1024 / 1024).toFixed(0)} MB (the process with its database client and the file loaded)`);
    return { seconds, peakMb: peak / 1024 / 1024, created: result.createdCount, rejected: result.rejectedCount };
  } finally {
    await disconnectDb();
    await withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const adminUrl = process.env.BENCH_PG_URL ?? 'postgresql://postgres:postgres@localhost:5432/postgres';
  const file = path.join(os.tmpdir(), `dealboard-bench-import-${process.pid}.csv`);
  const bytes = writeFile(file);
  console.log(
    `Import benchmark: ${ROWS.toLocaleString()} deals, ${CONTACTS.toLocaleString()} contacts, ${COMPANIES.toLocaleString()} companies (${(bytes / 1024 / 1024).toFixed(1)} MB of CSV)`,
  );
  try {
    const figures: Figure[] = [];
    for (let run = 1; run <= RUNS; run += 1) figures.push(await runOnce(adminUrl, file, run));
    const seconds = median(figures.map((f) => f.seconds));
    const peakMb = median(figures.map((f) => f.peakMb));
    console.log(`import median of ${RUNS}: ${seconds.toFixed(1)} s (target < 60 s), peak RSS ${peakMb.toFixed(0)} MB (target < 300 MB)`);
    // the other half of moving data: a streamed export of 100,000 deals from a production server
    console.log('');
    await benchExport();
  } finally {
    fs.rmSync(file, { force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
