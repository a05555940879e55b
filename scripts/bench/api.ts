// npm run bench:api — requests/s and latency of the native API's hot endpoints against `next start`,
// beside a trivial route handler of the same server measured in the same run, on PostgreSQL and on
// the embedded database. Authentication and rate limiting are in every measured request.
//
//   BENCH_PG_URL      admin URL of a PostgreSQL server (default postgresql://postgres:postgres@localhost:5432/postgres);
//                     the script builds the database dealboard_bench_api_template there once and runs on a fresh copy
//                     of it, dealboard_bench_api, each time (the runs create and move deals: every run starts from the
//                     same data). Set it to "skip" to skip PostgreSQL. The embedded database: .tmp/bench/pglite, a copy
//                     of .tmp/bench/pglite-template.
//   BENCH_ENGINES     "postgresql,embedded" (default) or one of them
//   BENCH_SECONDS     seconds per endpoint (default 10), BENCH_CONNECTIONS (default 32)
//   BENCH_WARM_SECONDS seconds each endpoint runs unmeasured first (default 5)
//   BENCH_NODE_FLAGS  the server's Node flags instead of npm start's (space-separated; "" for none)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';
import { toPublicId } from '../../lib/ids';
import { buildNext, hasProductionBuild, benchServerNodeFlags } from '../lib/next-process';
import { freshEmbeddedCopy, freshPostgresCopy, prepareBenchDatabase, BENCH_DEALS, type BenchDatabase } from './bench-database';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const PORT = Number(process.env.BENCH_PORT ?? 3480);
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 5);
const BASE = `http://127.0.0.1:${PORT}`;

interface Figure {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** CPU time per request of the server process and of the database's backends (PostgreSQL), ms */
  serverCpu: number;
  databaseCpu: number | null;
  /** CPU time per request of this script's load generator (autocannon), ms: it shares the cores too */
  clientCpu: number;
}

// CPU time per request, read from /proc: on a 2-core machine the load generator, the server and
// PostgreSQL share the cores, so requests/s moves with whatever else runs; CPU per request does not,
// and says where a request's cost is. Clock ticks are 1/100 s; a run has thousands of requests.
const TICK_MS = 10;

function processCpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS; // utime + stime
  } catch {
    return 0;
  }
}

let serverPid = 0;
let databasePids: () => Promise<number[]> = async () => [];
let hasDatabase = false;

interface CpuSample {
  server: number;
  /** per PostgreSQL backend pid */
  database: Map<number, number>;
}

async function cpuNow(): Promise<CpuSample> {
  const pids = await databasePids();
  return { server: processCpuMs(serverPid), database: new Map(pids.map((pid) => [pid, processCpuMs(pid)])) };
}

/** Database CPU between two samples, ms; backends the pool opened in between count from zero. */
function databaseCpuBetween(before: CpuSample, after: CpuSample): number {
  let total = 0;
  // a pid lower than before is a new backend that reused an ended one's pid: count it from zero
  for (const [pid, ms] of after.database) {
    const start = before.database.get(pid) ?? 0;
    total += ms >= start ? ms - start : ms;
  }
  return total;
}

async function main(): Promise<void> {
  if (!hasProductionBuild()) buildNext();
  const engines = (process.env.BENCH_ENGINES ?? 'postgresql,embedded').split(',').map((e) => e.trim());
  for (const engine of engines) {
    let url: string;
    if (engine === 'postgresql') {
      const admin = process.env.BENCH_PG_URL ?? 'postgresql://postgres:postgres@localhost:5432/postgres';
      if (admin === 'skip') continue;
      url = await freshPostgresCopy(admin, 'dealboard_bench_api');
    } else {
      fs.mkdirSync(path.resolve('.tmp/bench'), { recursive: true });
      url = await freshEmbeddedCopy(path.resolve('.tmp/bench/pglite'));
    }
    console.log(`\n=== ${engine} (${engine === 'postgresql' ? url.replace(/:[^:@/]+@/, ':***@') : url}) ===`);
    const bench = await prepareBenchDatabase(url);
    const server = await startServer(bench);
    serverPid = server.pid!;
    databasePids = engine === 'postgresql' ? () => backendPids(url) : async () => [];
    hasDatabase = engine === 'postgresql';
    try {
      await runEndpoints(bench);
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
    }
  }
}

/** The PostgreSQL backends serving the benchmark database (the server's pool). */
async function backendPids(url: string): Promise<number[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return rows.map((r) => r.pid);
  } finally {
    await client.end();
  }
}

async function startServer(bench: BenchDatabase): Promise<ChildProcess> {
  // started as npm start starts it (the same Node flags)
  const flags = benchServerNodeFlags();
  const child = spawn(process.execPath, [...flags, 'node_modules/next/dist/bin/next', 'start', '-p', String(PORT)], {
    env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: bench.url, API_RATE_LIMIT_PER_MINUTE: '100000000', DATABASE_POOL_SIZE: '20' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 120; i += 1) {
    try {
      const res = await fetch(`${BASE}/api/health`);
      if (res.ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill('SIGTERM');
  throw new Error('next start did not answer /api/health within 60 s');
}

async function measure(name: string, options: Omit<autocannon.Options, 'url' | 'connections' | 'duration'> & { path: string }): Promise<Figure> {
  const before = await cpuNow();
  const clientBefore = process.cpuUsage();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    autocannon({ url: `${BASE}${options.path}`, connections: CONNECTIONS, duration: SECONDS, ...options }, (error, res) =>
      error ? reject(error) : resolve(res),
    );
  });
  const clientCpu = process.cpuUsage(clientBefore);
  const after = await cpuNow();
  const requests = Math.max(1, result.requests.total);
  return {
    name,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
    serverCpu: (after.server - before.server) / requests,
    databaseCpu: hasDatabase ? databaseCpuBetween(before, after) / requests : null,
    clientCpu: (clientCpu.user + clientCpu.system) / 1000 / requests,
  };
}

async function runEndpoints(bench: BenchDatabase): Promise<void> {
  const headers = { 'x-api-key': bench.apiKey, 'content-type': 'application/json' };
  const pipelineId = toPublicId('pipeline', bench.pipelineId);
  const openStages = bench.stageIds.slice(0, 4);
  const randomDeal = () => toPublicId('deal', 1 + Math.floor(Math.random() * BENCH_DEALS));
  type Endpoint = [string, Omit<autocannon.Options, 'url' | 'connections' | 'duration'> & { path: string }];
  const endpoints: Endpoint[] = [
    ['GET /deals?limit=50 (filtered)', { path: `/api/v1/deals?limit=50&status=open&pipeline_id=${pipelineId}`, headers }],
    [
      'GET /deals/:id',
      { path: '/api/v1/deals', headers, requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: `/api/v1/deals/${randomDeal()}` }) }] },
    ],
    [
      'POST /deals',
      {
        path: '/api/v1/deals',
        method: 'POST',
        headers,
        body: JSON.stringify({ name: 'Bench created deal', pipeline_id: pipelineId, stage_id: toPublicId('stage', openStages[0]!), value: 123456 }),
      },
    ],
    [
      'POST /deals/:id/stage',
      {
        path: '/api/v1/deals',
        headers,
        requests: [
          {
            method: 'POST',
            setupRequest: (req) => ({
              ...req,
              path: `/api/v1/deals/${randomDeal()}/stage`,
              body: JSON.stringify({ stage_id: toPublicId('stage', openStages[Math.floor(Math.random() * openStages.length)]!) }),
            }),
          },
        ],
      },
    ],
  ];
  // each endpoint runs WARM_SECONDS before it is measured: the figures are of a warm server (routes
  // loaded, the JIT done with the hot path, statements prepared on every pooled connection), not of
  // its first seconds, which a long-running server pays once. The trivial handler is measured right
  // before and right after each endpoint, and the ratio is taken against the mean of the two: on a
  // shared 2-core machine the same server's trivial figure drifts by ±15 % over the minutes a run
  // takes, so one measurement at the start would put that drift into every ratio.
  const trivialOptions: Endpoint[1] = { path: '/api/ping' };
  await measure('warm-up', { ...trivialOptions, duration: WARM_SECONDS } as never);
  const runs: EndpointRun[] = [];
  for (const [name, options] of endpoints) {
    await measure('warm-up', { ...options, duration: WARM_SECONDS } as never);
    const before = await measure('trivial handler (GET /api/ping)', trivialOptions);
    const endpoint = await measure(name, options);
    const after = await measure('trivial handler (GET /api/ping)', trivialOptions);
    runs.push({ before, endpoint, after });
  }
  printFigures(runs);
  await measureUpsert(headers, pipelineId, toPublicId('stage', openStages[1]!));
}

interface EndpointRun {
  before: Figure;
  endpoint: Figure;
  after: Figure;
}

function printFigures(runs: EndpointRun[]): void {
  console.log(`\n${CONNECTIONS} connections, ${SECONDS} s each, API key auth + rate limiting on every /api/v1 request`);
  console.log(
    `load average at the start: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (the 2 cores are shared with anything else running)`,
  );
  console.log('the trivial handler (GET /api/ping) of the same server is measured right before and right after each endpoint; the ratio is against their mean');
  console.log(
    'endpoint'.padEnd(36),
    'req/s'.padStart(8),
    'p50 ms'.padStart(8),
    'p99 ms'.padStart(8),
    'vs trivial'.padStart(11),
    'errors'.padStart(7),
    'server CPU ms/req'.padStart(18),
    'db CPU ms/req'.padStart(14),
    'load gen. CPU'.padStart(14),
  );
  const row = (f: Figure, ratio: string) =>
    console.log(
      f.name.padEnd(36),
      f.rps.toFixed(0).padStart(8),
      f.p50.toFixed(1).padStart(8),
      f.p99.toFixed(1).padStart(8),
      ratio.padStart(11),
      String(f.errors).padStart(7),
      f.serverCpu.toFixed(2).padStart(18),
      (f.databaseCpu === null ? '—' : f.databaseCpu.toFixed(2)).padStart(14),
      f.clientCpu.toFixed(2).padStart(14),
    );
  for (const { before, endpoint, after } of runs) {
    row({ ...before, name: '  trivial handler, just before' }, '');
    row(endpoint, `${((endpoint.rps / ((before.rps + after.rps) / 2)) * 100).toFixed(0)} %`);
    row({ ...after, name: '  trivial handler, just after' }, '');
  }
}

async function measureUpsert(headers: Record<string, string>, pipelineId: string, stageId: string): Promise<void> {
  const durations: number[] = [];
  const runId = Date.now().toString(36);
  for (let round = 0; round < 10; round += 1) {
    // half new deals, half updates of the previous round's
    const deals = Array.from({ length: 100 }, (_, i) => {
      const n = round * 50 + i;
      return { external_id: `bench-${runId}-${n}`, name: `Upserted ${n}`, pipeline_id: pipelineId, stage_id: stageId, value: 1000 + round };
    });
    const started = performance.now();
    const res = await fetch(`${BASE}/api/v1/deals/upsert`, { method: 'POST', headers, body: JSON.stringify({ deals }) });
    const body = (await res.json()) as { meta?: { created: number; updated: number; failed: number } };
    durations.push(performance.now() - started);
    if (!res.ok || body.meta?.failed) throw new Error(`upsert failed: ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  durations.sort((a, b) => a - b);
  const median = durations[Math.floor(durations.length / 2)]!;
  console.log(
    `POST /deals/upsert (100 deals, 50 new + 50 updated): median ${median.toFixed(0)} ms, max ${durations.at(-1)!.toFixed(0)} ms over ${durations.length} runs`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
