// npm run bench:export — GET /api/v1/deals/export of the benchmark database's 100,000 deals against
// `next start` on PostgreSQL: time to first byte, total time, bytes and rows, and the server's peak
// memory (resident set of the server process and its children, sampled every 20 ms during the
// download, and the kernel's high-water mark). Three runs after a warm-up; the median is printed
// with the machine's load. Targets: under 10 s, peak server memory under 300 MB.
//
//   BENCH_PG_URL    admin URL of a PostgreSQL server (default postgresql://postgres:postgres@localhost:5432/postgres);
//                   the database dealboard_bench there is created/reused (scripts/bench/bench-database.ts) and only
//                   read here (an API key is added per run)
//   BENCH_DATABASE  another database name there instead of dealboard_bench
//   BENCH_PORT      the server's port (default 3490); BENCH_RUNS measured runs (default 3)
//   BENCH_QUERY     the export's query string (default: none, every deal)
//   BENCH_NODE_FLAGS the server's Node flags instead of npm start's (e.g. "" to measure without them)
//
// measureExport() is the measuring part, for other benches (an import bench can export, then import).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { buildNext, hasProductionBuild, benchServerNodeFlags } from '../lib/next-process';
import { ensurePostgresDatabase, prepareBenchDatabase, BENCH_DEALS } from './bench-database';

const PORT = Number(process.env.BENCH_PORT ?? 3490);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const TARGET_SECONDS = 10;
const TARGET_PEAK_MB = 300;

export interface ExportFigures {
  status: number;
  ttfbMs: number;
  totalMs: number;
  bytes: number;
  /** records after the header */
  rows: number;
  /** the server's resident memory before the request, and its highest sample during it (MB) */
  rssBeforeMb: number;
  peakRssMb: number;
  /** the kernel's high-water mark of the server process since it started (MB) */
  hwmMb: number;
}

export function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // the process ended
  }
}

/** The process and its descendants (next start may serve from a child process). */
export function processTree(pid: number): number[] {
  const pids = [pid];
  for (let i = 0; i < pids.length; i += 1) {
    for (const task of safeReaddir(`/proc/${pids[i]}/task`)) {
      const children = safeRead(`/proc/${pids[i]}/task/${task}/children`).trim();
      if (children) pids.push(...children.split(/\s+/).map(Number));
    }
  }
  return pids;
}

const safeReaddir = (dir: string) => {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
};
const safeRead = (file: string) => {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

export const rssKb = (pid: number) => processTree(pid).reduce((sum, p) => sum + statusKb(p, 'VmRSS'), 0);
export const mb = (kb: number) => Math.round(kb / 102.4) / 10;

/** Downloads `url` once, reading as fast as it arrives, while sampling the server's memory. */
export async function measureExport({ url, headers, serverPid }: { url: string; headers: Record<string, string>; serverPid: number }): Promise<ExportFigures> {
  const rssBefore = rssKb(serverPid);
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssKb(serverPid));
  }, 20);
  try {
    const started = performance.now();
    const response = await fetch(url, { headers });
    const reader = response.body!.getReader();
    let ttfb = 0;
    let bytes = 0;
    let lineBreaks = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (bytes === 0) ttfb = performance.now() - started;
      bytes += value.byteLength;
      for (let i = 0; i < value.length; i += 1) if (value[i] === 10) lineBreaks += 1;
    }
    const total = performance.now() - started;
    peak = Math.max(peak, rssKb(serverPid));
    const hwm = Math.max(...processTree(serverPid).map((p) => statusKb(p, 'VmHWM')));
    // every record ends in CRLF; no bench value holds a line break
    return {
      status: response.status,
      ttfbMs: ttfb,
      totalMs: total,
      bytes,
      rows: lineBreaks - 1,
      rssBeforeMb: mb(rssBefore),
      peakRssMb: mb(peak),
      hwmMb: mb(hwm),
    };
  } finally {
    clearInterval(sampler);
  }
}

/** `next start` on `databaseUrl`, as npm start starts it (its Node flags unless BENCH_NODE_FLAGS says others). */
export async function startServer(databaseUrl: string, port = PORT): Promise<ChildProcess> {
  // started as npm start starts it (the same Node flags)
  const flags = benchServerNodeFlags();
  const child = spawn(process.execPath, [...flags, 'node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), DATABASE_URL: databaseUrl, API_RATE_LIMIT_PER_MINUTE: '100000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // a server that could not start (its port taken) must not leave another process answering for it
  let exited = false;
  child.once('exit', () => {
    exited = true;
  });
  for (let i = 0; i < 240; i += 1) {
    if (exited) throw new Error(`next start exited before answering (is port ${port} taken? BENCH_PORT sets another)`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  child.kill('SIGTERM');
  throw new Error('next start did not answer /api/health within 120 s');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** The export benchmark: a production server on the benchmark database, then RUNS timed exports. */
export async function benchExport(): Promise<void> {
  if (!hasProductionBuild()) buildNext();
  const admin = process.env.BENCH_PG_URL ?? 'postgresql://postgres:postgres@localhost:5432/postgres';
  const databaseUrl = await ensurePostgresDatabase(admin, process.env.BENCH_DATABASE ?? 'dealboard_bench');
  const bench = await prepareBenchDatabase(databaseUrl);
  const server = await startServer(bench.url);
  try {
    const headers = { 'X-Api-Key': bench.apiKey };
    const url = `http://127.0.0.1:${PORT}/api/v1/deals/export${process.env.BENCH_QUERY ? `?${process.env.BENCH_QUERY}` : ''}`;
    const idle = processTree(server.pid!).map((pid) => `${pid}: ${mb(statusKb(pid, 'VmRSS'))} MB`);
    console.log(`server started; resident memory before any export: ${idle.join(', ')}`);
    // warm-up: the route's code loaded and the database's pages cached, as on a server that has been up
    const warm = await measureExport({ url, headers, serverPid: server.pid! });
    console.log(
      `warm-up: ${warm.rows.toLocaleString()} rows in ${(warm.totalMs / 1000).toFixed(2)} s, first byte ${warm.ttfbMs.toFixed(0)} ms, server RSS ${warm.rssBeforeMb} → peak ${warm.peakRssMb} MB`,
    );
    const runs: ExportFigures[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const figures = await measureExport({ url, headers, serverPid: server.pid! });
      if (figures.status !== 200) throw new Error(`The export answered ${figures.status}`);
      runs.push(figures);
      console.log(
        `run ${run}: first byte ${figures.ttfbMs.toFixed(0)} ms, total ${(figures.totalMs / 1000).toFixed(2)} s, ` +
          `${(figures.bytes / 1e6).toFixed(1)} MB, ${figures.rows.toLocaleString()} rows, server RSS ${figures.rssBeforeMb} → peak ${figures.peakRssMb} MB (high-water mark ${figures.hwmMb} MB)`,
      );
    }
    const total = median(runs.map((r) => r.totalMs)) / 1000;
    const peak = median(runs.map((r) => r.peakRssMb));
    console.log(
      `\nExport of ${BENCH_DEALS.toLocaleString()} deals (PostgreSQL), median of ${RUNS}; load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}, ${os.cpus().length} cores`,
    );
    console.log(`  time to first byte  ${median(runs.map((r) => r.ttfbMs)).toFixed(0)} ms`);
    console.log(`  total time          ${total.toFixed(2)} s   (target < ${TARGET_SECONDS} s: ${total < TARGET_SECONDS ? 'met' : 'MISSED'})`);
    console.log(`  bytes               ${(median(runs.map((r) => r.bytes)) / 1e6).toFixed(1)} MB, ${median(runs.map((r) => r.rows)).toLocaleString()} rows`);
    console.log(
      `  server peak RSS     ${peak} MB   (target < ${TARGET_PEAK_MB} MB: ${peak < TARGET_PEAK_MB ? 'met' : 'MISSED'}; before the request ${median(runs.map((r) => r.rssBeforeMb))} MB)`,
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}

// run as a script, not when another bench imports measureExport
if (process.argv[1] && fs.realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  benchExport().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
