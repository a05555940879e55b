// npm run bench:table-export — the deals table's CSV export (what "Export CSV" on /deals and on a
// board downloads) of the benchmark database's 100,000 deals on PostgreSQL, per sort column: the
// service's whole stream read to the end, in this process (the route adds only the session check and
// the response around it; bench:export measures the HTTP path and the server's memory). BENCH_RUNS
// runs per sort (default 3); the median is printed with the machine's load.
//
//   BENCH_PG_URL    admin URL of a PostgreSQL server (default postgresql://postgres:postgres@localhost:5432/postgres)
//   BENCH_DATABASE  another database name there instead of dealboard_bench (only read here)
//   BENCH_SORTS     column:direction list (default: the table's default, updated:desc, then value, stage, owner, name)
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../../lib/database/connect';
import { parseDatabaseUrl } from '../../lib/database/config';
import { db, disconnectDb, setDatabaseConnection } from '../../lib/db';
import { parseDealsTableParams } from '../../lib/schemas/deals-table';
import { exportDealsCsv } from '../../lib/services/deals/export-deals-csv';
import { ensurePostgresDatabase, prepareBenchDatabase } from './bench-database';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const SORTS = (process.env.BENCH_SORTS ?? 'updated:desc,value:desc,stage:asc,owner:asc,name:asc').split(',');
const TARGET_SECONDS = 10;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main() {
  const admin = process.env.BENCH_PG_URL ?? 'postgresql://postgres:postgres@localhost:5432/postgres';
  const bench = await prepareBenchDatabase(await ensurePostgresDatabase(admin, process.env.BENCH_DATABASE ?? 'dealboard_bench'));
  setDatabaseConnection(openDatabase(parseDatabaseUrl(bench.url), { poolSize: 4 }));
  try {
    const user = await db.user.findUniqueOrThrow({ where: { id: bench.ownerId } });
    const ctx = { user, source: 'ui' as const };
    const results: { sort: string; seconds: number }[] = [];
    for (const entry of SORTS) {
      const [sort, dir] = entry.split(':');
      const params = parseDealsTableParams({ status: 'all', sort, dir });
      const seconds: number[] = [];
      let rows = 0;
      for (let run = 0; run < RUNS; run += 1) {
        const started = performance.now();
        const stream = await exportDealsCsv({ ctx, input: { filter: { kind: 'table', params } } });
        let text = '';
        const decoder = new TextDecoder();
        rows = 0;
        for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
          text = decoder.decode(chunk);
          rows += text.split('\r\n').length - 1;
        }
        seconds.push((performance.now() - started) / 1000);
      }
      results.push({ sort: `${params.sort} ${params.dir}`, seconds: median(seconds) });
      console.log(`${params.sort} ${params.dir}: ${seconds.map((s) => s.toFixed(2)).join(' / ')} s (${(rows - 1).toLocaleString()} deals)`);
    }
    console.log(
      `\nmedian of ${RUNS} runs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}:`,
    );
    for (const r of results)
      console.log(`  ${r.sort.padEnd(22)} ${r.seconds.toFixed(2)} s   (target < ${TARGET_SECONDS} s: ${r.seconds < TARGET_SECONDS ? 'met' : 'MISSED'})`);
  } finally {
    await disconnectDb();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
