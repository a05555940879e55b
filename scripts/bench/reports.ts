// npm run bench:reports — the reports' services on the benchmark database (100,000 deals, 1,000,000
// stage-history rows) on PostgreSQL: per report and period, the median and max time of several
// calls, and the planner's total cost of the report's main statement (EXPLAIN (FORMAT JSON)).
// Targets: every report under 500 ms; the snapshot of any date under 300 ms.
//
//   BENCH_PG_URL   admin URL of a PostgreSQL server (default postgresql://postgres:postgres@localhost:5432/postgres);
//                  the database dealboard_bench there is created/reused (scripts/bench/bench-database.ts); only read
//                  here (bench:api writes to a database of its own)
//   BENCH_DATABASE another database name there instead of dealboard_bench
//   BENCH_RUNS     measured calls per case (default 7, after one warm-up call)
import { parseDatabaseUrl } from '../../lib/database/config';
import { openDatabase } from '../../lib/database/connect';
import { db, disconnectDb, setDatabaseConnection } from '../../lib/db';
import { queryRows } from '../../lib/database/run-sql';
import { sql, type RawBuilder } from '../../lib/database/typed-sql';
import type { ServiceContext } from '../../lib/services/context';
import { loadReportConversion } from '../../lib/services/reports/report-conversion';
import { forecastQuery, getForecastReport } from '../../lib/services/reports/get-forecast-report';
import { getLostDealsReport, lostDealsQuery } from '../../lib/services/reports/get-lost-deals-report';
import { FUNNEL_PLAN, funnelQuery, getFunnelReport } from '../../lib/services/reports/get-funnel-report';
import { getMovementReport, movementQuery } from '../../lib/services/reports/get-movement-report';
import { getPipelineSnapshot, snapshotQuery } from '../../lib/services/reports/get-pipeline-snapshot';
import { getSnapshotChanges, snapshotChangesQuery } from '../../lib/services/reports/get-snapshot-changes';
import { getStageDurationsReport, STAGE_DURATIONS_PLAN, stageDurationsQuery } from '../../lib/services/reports/get-stage-durations-report';
import { addDays, defaultPeriod, type ReportPeriod } from '../../lib/services/reports/report-period';
import { planSettings, type ReportPlanOptions } from '../../lib/services/reports/report-query';
import { resolveReportScope } from '../../lib/services/reports/report-scope';
import { ensurePostgresDatabase, prepareBenchDatabase } from './bench-database';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

interface Case {
  report: string;
  label: string;
  target: number;
  run: () => Promise<unknown>;
  main: RawBuilder<unknown>;
  /** the planner settings the report's service runs its main statement with */
  plan?: ReportPlanOptions;
}

interface Figure {
  report: string;
  label: string;
  median: number;
  max: number;
  cost: number;
  target: number;
}

async function main(): Promise<void> {
  const admin = process.env.BENCH_PG_URL ?? 'postgresql://postgres:postgres@localhost:5432/postgres';
  const url = await ensurePostgresDatabase(admin, process.env.BENCH_DATABASE ?? 'dealboard_bench');
  console.log(`Benchmark database: ${url.replace(/:[^:@/]+@/, ':***@')}`);
  const bench = await prepareBenchDatabase(url);
  setDatabaseConnection(openDatabase(parseDatabaseUrl(url), { poolSize: 4 }));
  try {
    const user = await db.user.findFirstOrThrow({ where: { email: 'bench@dealboard.test' }, select: { id: true, name: true, email: true, role: true } });
    const ctx: ServiceContext = { user, source: 'ui' };
    const [extent] = await db.$queryRaw<{ historyRows: number; first: Date; last: Date }[]>`
      SELECT count(*)::int AS "historyRows", min(changed_at) AS first, max(changed_at) AS last FROM stage_history`;
    const { historyRows, first, last } = extent!;
    const [busiest] = await db.$queryRaw<{ quarter: Date; rows: number }[]>`
      SELECT date_trunc('quarter', changed_at) AS quarter, count(*)::int AS rows FROM stage_history GROUP BY 1 ORDER BY 2 DESC LIMIT 1`;
    const now = new Date();
    const recent = defaultPeriod('movement', now);
    const busy: ReportPeriod = { from: busiest!.quarter, to: new Date(Date.UTC(busiest!.quarter.getUTCFullYear(), busiest!.quarter.getUTCMonth() + 3, 1)) };
    const [recentCount] = await db.$queryRaw<{ recentRows: number }[]>`
      SELECT count(*)::int AS "recentRows" FROM stage_history WHERE changed_at >= ${recent.from.toISOString()}::timestamp(3) AND changed_at < ${recent.to.toISOString()}::timestamp(3)`;
    console.log(
      `${historyRows.toLocaleString()} history rows from ${day(first)} to ${day(last)}; ` +
        `last 90 days (the reports' default): ${recentCount!.recentRows.toLocaleString()} rows; busiest quarter ${day(busy.from)}…${day(addDays(busy.to, -1))}: ${busiest!.rows.toLocaleString()} rows`,
    );

    const P = bench.pipelineId;
    const { stages } = await resolveReportScope({ ctx, input: { pipelineId: P } });
    const input = { pipelineId: P };
    const conversion = await loadReportConversion();
    const periods: [string, ReportPeriod][] = [
      ['last 90 days', recent],
      ['busiest quarter', busy],
    ];
    const cases: Case[] = [];
    for (const [label, period] of periods) {
      cases.push(
        {
          report: 'movement',
          label,
          target: 500,
          run: () => getMovementReport({ ctx, input: { ...input, period } }),
          main: movementQuery(P, null, period, conversion),
        },
        {
          report: 'funnel',
          label,
          target: 500,
          run: () => getFunnelReport({ ctx, input: { ...input, period } }),
          main: funnelQuery(P, null, stages, period),
          plan: FUNNEL_PLAN,
        },
        {
          report: 'stage-durations',
          label,
          target: 500,
          run: () => getStageDurationsReport({ ctx, input: { ...input, period, now } }),
          main: stageDurationsQuery(P, null, stages, period),
          plan: STAGE_DURATIONS_PLAN,
        },
        {
          report: 'lost-deals',
          label,
          target: 500,
          run: () => getLostDealsReport({ ctx, input: { ...input, period } }),
          main: lostDealsQuery(P, null, period),
        },
      );
    }
    const forecast = defaultPeriod('forecast', now);
    cases.push({
      report: 'forecast',
      label: 'default (6 months)',
      target: 500,
      run: () => getForecastReport({ ctx, input: { ...input, period: forecast } }),
      main: forecastQuery(P, null, forecast, conversion, now.toISOString().slice(0, 10)),
    });
    const span = last.getTime() - first.getTime();
    for (const fraction of [0.1, 0.35, 0.6, 0.85, 1]) {
      const asOf = new Date(first.getTime() + span * fraction + (fraction === 1 ? 1000 : 0));
      cases.push({
        report: 'snapshot',
        label: `as of ${day(asOf)}`,
        target: 300,
        run: () => getPipelineSnapshot({ ctx, input: { ...input, asOf } }),
        main: snapshotQuery(
          P,
          null,
          asOf,
          50,
          stages.map((s) => s.id),
          conversion,
        ),
      });
    }
    const to = new Date(last.getTime() + 1000);
    const from = addDays(to, -30);
    cases.push({
      report: 'snapshot-changes',
      label: '30 days to the latest move',
      target: 500,
      run: () => getSnapshotChanges({ ctx, input: { ...input, from, to } }),
      main: snapshotChangesQuery(P, null, from, to, 100),
    });
    // with an owner filter (a tenth of the deals)
    cases.push({
      report: 'movement (one owner)',
      label: 'last 90 days',
      target: 500,
      run: () => getMovementReport({ ctx, input: { ...input, ownerId: bench.ownerId, period: recent } }),
      main: movementQuery(P, bench.ownerId, recent, conversion),
    });

    const figures: Figure[] = [];
    for (const c of cases) {
      await c.run(); // warm-up: caches, prepared plans
      const times: number[] = [];
      for (let i = 0; i < RUNS; i += 1) {
        const started = performance.now();
        await c.run();
        times.push(performance.now() - started);
      }
      times.sort((a, b) => a - b);
      const figure = {
        report: c.report,
        label: c.label,
        median: times[Math.floor(times.length / 2)]!,
        max: times[times.length - 1]!,
        cost: await planCost(c.main, c.plan),
        target: c.target,
      };
      figures.push(figure);
      console.log(`  ${pad(c.report, 22)} ${pad(c.label, 28)} median ${ms(figure.median)}  max ${ms(figure.max)}  cost ${figure.cost.toFixed(0)}`);
    }

    console.log(`\nReport                 Period                       median      max   plan cost  target`);
    for (const f of figures) {
      const verdict = f.median <= f.target ? 'ok' : 'OVER';
      console.log(`${pad(f.report, 22)} ${pad(f.label, 28)} ${ms(f.median)} ${ms(f.max)} ${f.cost.toFixed(0).padStart(11)}  <${f.target} ms ${verdict}`);
    }
  } finally {
    await disconnectDb();
  }
}

/** The planner's total cost of a statement (JIT off, as the reports run). */
async function planCost(statement: RawBuilder<unknown>, plan: ReportPlanOptions = {}): Promise<number> {
  return db.$transaction(async (tx) => {
    await queryRows(tx, sql`SELECT ${planSettings(plan)}`);
    const [row] = await queryRows<{ 'QUERY PLAN': [{ Plan: { 'Total Cost': number } }] }>(tx, sql`EXPLAIN (FORMAT JSON) ${statement}`);
    return row!['QUERY PLAN'][0].Plan['Total Cost'];
  });
}

function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function ms(value: number): string {
  return `${value.toFixed(0).padStart(5)} ms`;
}

function pad(text: string, width: number): string {
  return text.padEnd(width);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
