// npm run bench:import — CSV import at scale on PostgreSQL: a generated file of 100,000 deals with
// their contacts (50,000) and companies (10,000), uploaded to a production server (`next start` as
// npm start runs it) by POST /api/v1/imports into an empty scratch database, and followed by
// GET /api/v1/imports/:id until done: the import runs where it runs for users, in the server's own
// background worker. Prints per run the wall time (upload to done), the rows per second and the
// server's memory (resident set of the server process and its children, sampled every 20 ms, and
// the kernel's high-water mark), then the medians.
// Targets: 100,000 deals in under 60 s, peak server memory under 300 MB. Then the export benchmark
// (scripts/bench/export.ts, also `npm run bench:export`): 100,000 deals exported by a production server.
//
//   BENCH_PG_URL      admin URL of a PostgreSQL server (default postgresql://postgres:postgres@localhost:5432/postgres);
//                     each run creates the database dealboard_bench_import_<pid>_<run> there and drops it after
//   BENCH_IMPORT_ROWS deals in the file (default 100000)
//   BENCH_RUNS        runs (default 3); BENCH_IMPORT_PORT the server's port (default 3491)
//   BENCH_NODE_FLAGS  the server's Node flags instead of npm start's
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { parseDatabaseUrl } from '../../lib/database/config';
import { openDatabase } from '../../lib/database/connect';
import { migrateDatabase } from '../../lib/database/migrate';
import { db, disconnectDb, setDatabaseConnection } from '../../lib/db';
import { createApiKey } from '../../lib/services/api-keys/create-api-key';
import { buildNext, hasProductionBuild } from '../lib/next-process';
import { benchExport, mb, processTree, rssKb, startServer, statusKb } from './export';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const PORT = Number(process.env.BENCH_IMPORT_PORT ?? 3491);
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
  idleMb: number;
  peakMb: number;
  created: number;
  rejected: number;
}

/** A scratch database with the importing admin, the file's pipeline and stages; answers the admin's API key. */
async function prepareScratchDatabase(url: string): Promise<string> {
  const connection = openDatabase(parseDatabaseUrl(url), { poolSize: 4 });
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
    const { key } = await createApiKey({ ctx: { user, source: 'api' }, input: { name: 'bench import' } });
    return key;
  } finally {
    await disconnectDb();
  }
}

interface ImportProgress {
  id: string;
  status: string;
  done_rows: number;
  created: number;
  rejected: number;
  error: string | null;
}

async function runOnce(adminUrl: string, file: string, run: number): Promise<Figure> {
  const name = `dealboard_bench_import_${process.pid}_${run}`;
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dropDatabase = () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  let apiKey: string;
  let server: ChildProcess;
  try {
    // migrated before the server starts: its background workers need their tables
    apiKey = await prepareScratchDatabase(url.toString());
    server = await startServer(url.toString(), PORT);
  } catch (error) {
    await dropDatabase();
    throw error;
  }
  try {
    const pid = server.pid!;
    const base = `http://127.0.0.1:${PORT}/api/v1/imports`;
    const headers = { 'X-Api-Key': apiKey };
    // the server as it idles after start-up and one request (the route's code loaded)
    await fetch(base, { headers });
    const idle = rssKb(pid);
    let peak = idle;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssKb(pid));
    }, 20);
    const started = performance.now();
    let progress: ImportProgress;
    try {
      const form = new FormData();
      form.set('entity', 'deals');
      form.set('file', new Blob([fs.readFileSync(file)], { type: 'text/csv' }), 'bench.csv');
      const response = await fetch(base, { method: 'POST', headers, body: form });
      const answer = (await response.json()) as { data: ImportProgress };
      if (response.status !== 202) throw new Error(`The upload answered ${response.status}: ${JSON.stringify(answer)}`);
      progress = answer.data;
      while (progress.status === 'queued' || progress.status === 'running') {
        // once a second, as a script following an import would (each answer reads up to 1,000 row results)
        await new Promise((resolve) => setTimeout(resolve, 1000));
        progress = ((await (await fetch(`${base}/${progress.id}`, { headers })).json()) as { data: ImportProgress }).data;
      }
    } finally {
      clearInterval(sampler);
    }
    const seconds = (performance.now() - started) / 1000;
    peak = Math.max(peak, rssKb(pid));
    const hwm = Math.max(...processTree(pid).map((p) => statusKb(p, 'VmHWM')));
    if (progress.status !== 'done') throw new Error(`The import ended ${progress.status}: ${progress.error}`);
    const counts = await withAdmin(url.toString(), async (c) => {
      const { rows } = await c.query<{ deals: string; contacts: string; companies: string }>(
        'SELECT (SELECT count(*) FROM deals) AS deals, (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM companies) AS companies',
      );
      return rows[0]!;
    });
    console.log(
      `run ${run}: ${seconds.toFixed(1)} s, ${Math.round(ROWS / seconds).toLocaleString()} rows/s, server RSS ${mb(idle)} → peak ${mb(peak)} MB (high-water mark ${mb(hwm)} MB) — ` +
        `${progress.created.toLocaleString()} created, ${progress.rejected} rejected; ${Number(counts.deals).toLocaleString()} deals, ` +
        `${Number(counts.contacts).toLocaleString()} contacts, ${Number(counts.companies).toLocaleString()} companies`,
    );
    return { seconds, idleMb: mb(idle), peakMb: mb(peak), created: progress.created, rejected: progress.rejected };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await dropDatabase();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  if (!hasProductionBuild()) buildNext();
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
    console.log(
      `\nImport of ${ROWS.toLocaleString()} deals (PostgreSQL), median of ${RUNS}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, ${os.cpus().length} cores`,
    );
    console.log(`  wall time, upload to done  ${seconds.toFixed(1)} s   (target < 60 s: ${seconds < 60 ? 'met' : 'MISSED'})`);
    console.log(
      `  server peak RSS            ${peakMb.toFixed(0)} MB   (target < 300 MB: ${peakMb < 300 ? 'met' : 'MISSED'}; idle before the upload ${median(figures.map((f) => f.idleMb)).toFixed(0)} MB)`,
    );
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
