// npm run bench:live — the live board's push, measured on one `next start` process: N open board
// streams (Server-Sent Events, GET /pipelines/:id/live) while moves arrive through the REST API at
// a steady rate, on PostgreSQL and on the embedded database.
//
//   latency    client receive time − the event's commit time (change_events.occurred_at, the
//              database's clock_timestamp() at commit; same machine, same clock), over every
//              client × event: p50 / p99
//   idle       no writes: the server process's CPU (/proc/<pid>/stat) and PostgreSQL's
//              transactions/s on the database (pg_stat_database xact_commit + xact_rollback), with
//              N boards open — and, when BENCH_POLL_DIR is set, the same with N boards polling the
//              old fingerprint route every 1.5 s, on a server built from that checkout (the polling
//              board, before this change) against the same database
//
//   BENCH_PG_URL       admin URL of PostgreSQL (default postgresql://postgres:postgres@localhost:5432/postgres); "skip" skips it.
//                      The runs use a fresh copy of dealboard_bench_live_template (built once: 100,000 deals).
//   BENCH_ENGINES      "postgresql,embedded" (default) or one of them
//   BENCH_BOARDS       open boards per figure (default 10,100,500)
//   BENCH_RUNS_AT_MAX  runs at the largest N, the median reported (default 3)
//   BENCH_SECONDS      seconds of moves per run (default 10), BENCH_MOVES_PER_SECOND (default 20)
//   BENCH_IDLE_SECONDS seconds of the idle window (default 10), after BENCH_SETTLE_SECONDS (default 12)
//   BENCH_POLL_DIR     a checkout of the polling board with its production build (NEXT_DIST_DIR there: BENCH_POLL_DIST_DIR)
//
// Loopback only; every run is bounded (streams, moves and windows are counted and timed).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import pg from 'pg';
import { toPublicId } from '../../lib/ids';
import { openDatabase } from '../../lib/database/connect';
import { db, disconnectDb, setDatabaseConnection } from '../../lib/db';
import { setUserPassword } from '../../lib/services/users/set-user-password';
import { hasProductionBuild, benchServerNodeFlags } from '../lib/next-process';
import { BENCH_DEALS, freshEmbeddedCopy, freshPostgresCopy, prepareBenchDatabase, type BenchDatabase } from './bench-database';

const BOARDS = (process.env.BENCH_BOARDS ?? '10,100,500').split(',').map(Number);
const RUNS_AT_MAX = Number(process.env.BENCH_RUNS_AT_MAX ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MOVES_PER_SECOND = Number(process.env.BENCH_MOVES_PER_SECOND ?? 20);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
// PostgreSQL backends report their transaction counts up to ~10 s late when idle (PGSTAT_IDLE_INTERVAL):
// the idle window starts after that, so opening the boards is not counted as idle work
const SETTLE_SECONDS = Number(process.env.BENCH_SETTLE_SECONDS ?? 12);
const POLL_DIR = process.env.BENCH_POLL_DIR ? path.resolve(process.env.BENCH_POLL_DIR) : null;
const POLL_MS = 1_500;
const PORT = Number(process.env.BENCH_PORT ?? 3490);
const BASE = `http://127.0.0.1:${PORT}`;
const PASSWORD = 'bench-live-password-0123';
const TICK_MS = 10;

interface LiveFigure {
  boards: number;
  p50: number;
  p99: number;
  /** per event, the first board to hear it: the push without the fan-out's spread over N streams */
  firstP50: number;
  firstP99: number;
  samples: number;
  /** events each board should have heard, and the fewest / most one did */
  expected: number;
  fewest: number;
  most: number;
  idle: IdleFigure;
  /** server CPU while the moves ran, % of one core */
  busyCpu: number;
}

interface IdleFigure {
  /** % of one core */
  serverCpu: number;
  /** PostgreSQL transactions/s on the database (null: embedded) */
  pgPerSecond: number | null;
}

function processCpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// ——— the server ———

async function startServer(cwd: string, databaseUrl: string, distDir: string | undefined): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...benchServerNodeFlags(), path.join(cwd, 'node_modules/next/dist/bin/next'), 'start', '-p', String(PORT), '-H', '127.0.0.1'],
    {
      cwd,
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: databaseUrl,
        DATABASE_POOL_SIZE: '20',
        API_RATE_LIMIT_PER_MINUTE: '100000000',
        PORT: String(PORT),
        ...(distDir ? { NEXT_DIST_DIR: distDir } : {}),
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  for (let i = 0; i < 240; i += 1) {
    if (child.exitCode !== null) throw new Error('next start exited');
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await sleep(500);
  }
  child.kill('SIGTERM');
  throw new Error('next start did not answer /api/health within 120 s');
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function signIn(email: string): Promise<string> {
  const response = await fetch(`${BASE}/api/auth/sign-in/email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: BASE },
    body: JSON.stringify({ email, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`Signing in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0])
    .join('; ');
}

/** The bench's manager gets a password, so the bench can sign in as a browser does. */
async function givePassword(bench: BenchDatabase): Promise<string> {
  setDatabaseConnection(openDatabase(bench.config, { poolSize: 2 }));
  try {
    const owner = await db.user.findUniqueOrThrow({ where: { id: bench.ownerId }, select: { id: true, name: true, email: true } });
    await setUserPassword({ ctx: { user: { ...owner, role: 'admin' }, source: 'ui' }, input: { userId: owner.id, password: PASSWORD } });
    return owner.email;
  } finally {
    await disconnectDb();
  }
}

// ——— the measured database ———

async function transactionsOf(url: string): Promise<() => Promise<number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const name = new URL(url).pathname.slice(1);
  return async () => {
    // a fresh snapshot of the statistics each time (they are cached for a transaction otherwise)
    await client.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await client.query<{ n: string }>('SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1', [name]);
    return Number(rows[0]!.n);
  };
}

async function measureIdle(serverPid: number, transactions: (() => Promise<number>) | null): Promise<IdleFigure> {
  const cpuBefore = processCpuMs(serverPid);
  const xactBefore = transactions ? await transactions() : 0;
  const started = Date.now();
  await sleep(IDLE_SECONDS * 1000);
  const elapsed = Date.now() - started;
  const cpu = processCpuMs(serverPid) - cpuBefore;
  // the two readings are themselves transactions: not the server's
  const xacts = transactions ? (await transactions()) - xactBefore - 2 : null;
  return { serverCpu: (100 * cpu) / elapsed, pgPerSecond: xacts === null ? null : Math.max(0, xacts) / (elapsed / 1000) };
}

// ——— the boards ———

interface Board {
  request: http.ClientRequest;
  live: Promise<void>;
  received: number;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });

/** Opens one board's stream; every card message's latency goes into `latencies`, the first per event into `first`. */
function openBoard(pipelinePublicId: string, cookie: string, latencies: number[], first: Map<string, number>): Board {
  let resolveLive!: () => void;
  let rejectLive!: (error: Error) => void;
  const live = new Promise<void>((resolve, reject) => {
    resolveLive = resolve;
    rejectLive = reject;
  });
  const board: Board = { request: null as unknown as http.ClientRequest, live, received: 0 };
  board.request = http.get(`${BASE}/pipelines/${pipelinePublicId}/live`, { agent, headers: { cookie, accept: 'text/event-stream' } }, (response) => {
    if (response.statusCode !== 200) {
      rejectLive(new Error(`The stream answered ${response.statusCode}`));
      response.resume();
      return;
    }
    response.setEncoding('utf8');
    let buffer = '';
    response.on('data', (chunk: string) => {
      const now = Date.now();
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (block.includes('"type":"live"')) resolveLive();
        const occurred = /"occurredAt":"([^"]+)"/.exec(block);
        if (occurred) {
          board.received += 1;
          const latency = now - Date.parse(occurred[1]!);
          latencies.push(latency);
          const id = /^id: (\d+)/.exec(block)?.[1];
          if (id && !first.has(id)) first.set(id, latency);
        }
      }
    });
  });
  board.request.on('error', (error) => rejectLive(error));
  return board;
}

/** Moves random deals of the bench pipeline at a steady rate through the API; answers how many succeeded. */
async function driveMoves(bench: BenchDatabase): Promise<number> {
  const stages = bench.stageIds.slice(0, 4).map((id) => toPublicId('stage', id));
  const total = SECONDS * MOVES_PER_SECOND;
  const interval = 1000 / MOVES_PER_SECOND;
  const started = Date.now();
  const moves: Promise<boolean>[] = [];
  for (let i = 0; i < total; i += 1) {
    const due = started + i * interval;
    if (due > Date.now()) await sleep(due - Date.now());
    const deal = toPublicId('deal', 1 + Math.floor(Math.random() * BENCH_DEALS));
    moves.push(
      fetch(`${BASE}/api/v1/deals/${deal}/stage`, {
        method: 'POST',
        headers: { 'x-api-key': bench.apiKey, 'content-type': 'application/json' },
        body: JSON.stringify({ stage_id: stages[i % stages.length] }),
      })
        .then(async (response) => {
          await response.arrayBuffer();
          return response.ok;
        })
        .catch(() => false),
    );
  }
  return (await Promise.all(moves)).filter(Boolean).length;
}

async function measureLive(
  bench: BenchDatabase,
  serverPid: number,
  cookie: string,
  boards: number,
  transactions: (() => Promise<number>) | null,
): Promise<LiveFigure> {
  const pipeline = toPublicId('pipeline', bench.pipelineId);
  const latencies: number[] = [];
  const first = new Map<string, number>();
  const open: Board[] = [];
  try {
    for (let i = 0; i < boards; i += 1) open.push(openBoard(pipeline, cookie, latencies, first));
    await Promise.all(open.map((board) => board.live));
    await sleep(SETTLE_SECONDS * 1000);
    const idle = await measureIdle(serverPid, transactions);

    const cpuBefore = processCpuMs(serverPid);
    const started = Date.now();
    const moved = await driveMoves(bench);
    const busyCpu = (100 * (processCpuMs(serverPid) - cpuBefore)) / (Date.now() - started);
    // every board hears every event any board heard, or 10 s pass (the embedded database is the
    // server's alone: the events are counted from what the boards heard, not read from the table)
    for (let waited = 0; waited < 10_000 && open.some((board) => board.received < first.size); waited += 100) await sleep(100);
    const expected = first.size;
    if (moved === 0) throw new Error('No move succeeded');
    const sorted = [...latencies].sort((a, b) => a - b);
    const firstSorted = [...first.values()].sort((a, b) => a - b);
    const counts = open.map((board) => board.received);
    return {
      boards,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      firstP50: percentile(firstSorted, 50),
      firstP99: percentile(firstSorted, 99),
      samples: sorted.length,
      expected,
      fewest: Math.min(...counts),
      most: Math.max(...counts),
      idle,
      busyCpu,
    };
  } finally {
    for (const board of open) board.request.destroy();
    await sleep(500);
  }
}

/** N boards polling the old fingerprint route every 1.5 s (staggered), measured idle. */
async function measurePolling(bench: BenchDatabase, serverPid: number, cookie: string, boards: number, transactions: (() => Promise<number>) | null) {
  const pipeline = toPublicId('pipeline', bench.pipelineId);
  let stopped = false;
  let polls = 0;
  let failures = 0;
  const poller = async (offset: number) => {
    await sleep(offset);
    while (!stopped) {
      const due = Date.now() + POLL_MS;
      try {
        const response = await fetch(`${BASE}/pipelines/${pipeline}/board-state`, { headers: { cookie, accept: 'application/json' } });
        await response.arrayBuffer();
        if (response.ok) polls += 1;
        else failures += 1;
      } catch {
        failures += 1;
      }
      if (due > Date.now()) await sleep(due - Date.now());
    }
  };
  const running = Array.from({ length: boards }, (_, i) => poller((i * POLL_MS) / boards));
  await sleep(POLL_MS + SETTLE_SECONDS * 1000);
  const pollsBefore = polls;
  const idle = await measureIdle(serverPid, transactions);
  const pollsPerSecond = (polls - pollsBefore) / IDLE_SECONDS;
  stopped = true;
  await Promise.all(running);
  return { boards, idle, pollsPerSecond, failures };
}

// ——— the runs ———

function median<T>(runs: T[], key: (run: T) => number): T {
  return [...runs].sort((a, b) => key(a) - key(b))[Math.floor(runs.length / 2)]!;
}

async function main(): Promise<void> {
  if (!hasProductionBuild()) throw new Error('No production build: run next build first (NEXT_DIST_DIR for another folder).');
  const engines = (process.env.BENCH_ENGINES ?? 'postgresql,embedded').split(',').map((e) => e.trim());
  const load = os.loadavg();
  console.log(`bench:live — ${os.cpus().length} cores, load average at start ${load.map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${MOVES_PER_SECOND} moves/s through POST /api/v1/deals/:id/stage for ${SECONDS} s per run; idle windows of ${IDLE_SECONDS} s\n`);
  for (const engine of engines) {
    let url: string;
    if (engine === 'postgresql') {
      const admin = process.env.BENCH_PG_URL ?? 'postgresql://postgres:postgres@localhost:5432/postgres';
      if (admin === 'skip') continue;
      url = await freshPostgresCopy(admin, 'dealboard_bench_live');
    } else {
      fs.mkdirSync(path.resolve('.tmp/bench'), { recursive: true });
      url = await freshEmbeddedCopy(path.resolve('.tmp/bench/live-pglite'));
    }
    const bench = await prepareBenchDatabase(url);
    const email = await givePassword(bench);
    const transactions = engine === 'postgresql' ? await transactionsOf(url) : null;

    const live: LiveFigure[] = [];
    let server = await startServer(process.cwd(), url, process.env.NEXT_DIST_DIR);
    try {
      const cookie = await signIn(email);
      for (const boards of BOARDS) {
        const runs: LiveFigure[] = [];
        const count = boards === Math.max(...BOARDS) ? RUNS_AT_MAX : 1;
        for (let run = 0; run < count; run += 1) {
          const figure = await measureLive(bench, server.pid!, cookie, boards, transactions);
          runs.push(figure);
          console.log(
            `${engine} live N=${boards} run ${run + 1}: p50 ${figure.p50} ms, p99 ${figure.p99} ms, first board per event p50 ${figure.firstP50} / p99 ${figure.firstP99} ms (${figure.samples} samples; ${figure.expected} events, each board heard ${figure.fewest}–${figure.most}); ` +
              `idle: server CPU ${figure.idle.serverCpu.toFixed(2)} %, PostgreSQL ${figure.idle.pgPerSecond?.toFixed(2) ?? '—'} xact/s; server CPU under moves ${figure.busyCpu.toFixed(0)} % (load ${os.loadavg()[0]!.toFixed(2)})`,
          );
        }
        live.push(median(runs, (run) => run.p99));
      }
    } finally {
      await stopServer(server);
    }

    const polling: Awaited<ReturnType<typeof measurePolling>>[] = [];
    if (POLL_DIR) {
      server = await startServer(POLL_DIR, url, process.env.BENCH_POLL_DIST_DIR);
      try {
        const cookie = await signIn(email);
        for (const boards of BOARDS) {
          const figure = await measurePolling(bench, server.pid!, cookie, boards, transactions);
          polling.push(figure);
          console.log(
            `${engine} polling N=${boards}: ${figure.pollsPerSecond.toFixed(1)} polls/s (${figure.failures} failed); idle: server CPU ${figure.idle.serverCpu.toFixed(2)} %, PostgreSQL ${figure.idle.pgPerSecond?.toFixed(2) ?? '—'} xact/s (load ${os.loadavg()[0]!.toFixed(2)})`,
          );
        }
      } finally {
        await stopServer(server);
      }
    }

    console.log(`\n=== ${engine}: ${MOVES_PER_SECOND} moves/s, one server process (median of ${RUNS_AT_MAX} runs at N=${Math.max(...BOARDS)}) ===`);
    console.log(
      'N'.padStart(5),
      'p50 ms'.padStart(8),
      'p99 ms'.padStart(8),
      'first p50/p99'.padStart(14),
      'heard'.padStart(12),
      'idle CPU %'.padStart(11),
      'idle xact/s'.padStart(12),
      'poll CPU %'.padStart(11),
      'poll xact/s'.padStart(12),
    );
    for (const figure of live) {
      const poll = polling.find((p) => p.boards === figure.boards);
      console.log(
        String(figure.boards).padStart(5),
        String(figure.p50).padStart(8),
        String(figure.p99).padStart(8),
        `${figure.firstP50}/${figure.firstP99}`.padStart(14),
        `${figure.fewest}/${figure.expected}`.padStart(12),
        figure.idle.serverCpu.toFixed(2).padStart(11),
        (figure.idle.pgPerSecond?.toFixed(2) ?? '—').padStart(12),
        (poll ? poll.idle.serverCpu.toFixed(2) : '—').padStart(11),
        (poll?.idle.pgPerSecond?.toFixed(2) ?? '—').padStart(12),
      );
    }
  }
  console.log(
    `\nload average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

main()
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
