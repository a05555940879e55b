import 'server-only';
import { getDbConnection } from '../../db';
import type { ServiceContext } from '../context';
import type { ReportPeriod } from './report-period';
import { inReportTransaction, planSettings, ts, type ReportPlanOptions } from './report-query';
import { resolveReportScope, visibleStages, type ReportFilters, type ReportScope, type ReportStage } from './report-scope';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const h = tableAs('stage_history', 'h');
const od = tableAs('deals', 'od');
const s = tableAs('stages', 's');
const u = tableAs('users', 'u');

export const STUCK_DEALS_LIMIT = 100;
const DAY_SECONDS = 86_400;

export interface StageDuration {
  stageId: number;
  /** deals with at least one closed stay in the stage in the period */
  deals: number;
  /** closed stays (a deal that left twice has two) */
  stays: number;
  /** per deal, the sum of its closed stays; over deals: median, 75th percentile, mean; seconds, null without stays */
  medianSeconds: number | null;
  p75Seconds: number | null;
  meanSeconds: number | null;
  /** open deals in the stage now */
  currentDeals: number;
  /** …of which have been in it longer than the 75th percentile */
  overP75: number;
  /** …of which have been in it longer than the stage's rotting days */
  rotting: number;
  /** …of which either */
  stuck: number;
}

export interface StuckDeal {
  id: number;
  name: string;
  stageId: number;
  ownerId: number | null;
  ownerName: string | null;
  value: bigint;
  currency: string;
  status: 'open' | 'stalled';
  stageEnteredAt: Date;
  secondsInStage: number;
  overP75: boolean;
  rotting: boolean;
}

export interface StageDurationsReport {
  scope: ReportScope;
  period: ReportPeriod;
  /** the moment "now" for the deals sitting in their stage */
  asOf: Date;
  stages: ReportStage[];
  durations: StageDuration[];
  /** open deals in a stage for longer than its 75th percentile or rotting days, longest first (at most STUCK_DEALS_LIMIT) */
  stuckDeals: StuckDeal[];
  stuckTotal: number;
}

interface CurrentRow {
  kind: 'stage' | 'deal';
  stageId: number;
  deals: number | null;
  overP75Count: number | null;
  rottingCount: number | null;
  stuck: number | null;
  id: number | null;
  name: string | null;
  ownerId: number | null;
  ownerName: string | null;
  value: bigint | null;
  currency: string | null;
  status: 'open' | 'stalled' | null;
  stageEnteredAt: Date | null;
  secondsInStage: number | null;
  overP75: boolean | null;
  rotting: boolean | null;
}

interface StatRow {
  stageId: number;
  deals: number;
  stays: number;
  median: number | null;
  p75: number | null;
  mean: number | null;
}

/**
 * The main statement. Closed stays in the period are the history rows of the pipeline's ordinary
 * stages whose stay ended (left_at, kept by a trigger) in [from, to): one row is one stay, read
 * from the (to_pipeline_id, left_at, …) index without touching the table. Stays are summed per
 * (deal, stage) — a deal that leaves and comes back adds both stays — then median, 75th percentile
 * (percentile_cont) and mean per stage. Work grows with the stays in the period, not with the
 * whole history. Deleted deals are included.
 */
export function stageDurationsQuery(pipelineId: number, ownerId: number | null, stages: ReportStage[], period: ReportPeriod): RawBuilder<unknown> {
  const from = ts(period.from);
  const to = ts(period.to);
  const open = stages.filter((s) => s.outcome === null).map((s) => s.id);
  const ownerJoin = ownerId === null ? sql`` : sql`JOIN ${od.from} ON ${od('id')} = ${h('deal_id')} AND ${od('owner_id')} = ${ownerId}`;
  return sql`
    WITH per_deal AS (
      SELECT ${h('deal_id')}, ${h('to_stage_id')} AS stage_id, sum(date_part('epoch', ${h('left_at')} - ${h('changed_at')})) AS seconds, count(*) AS stays
      FROM ${h.from} ${ownerJoin}
      WHERE ${h('to_pipeline_id')} = ${pipelineId} AND ${h('to_stage_id')} = ANY(${open}::int[])
        AND ${h('left_at')} >= ${from}::timestamp(3) AND ${h('left_at')} < ${to}::timestamp(3)
      -- stage first: the per-stage percentiles below then read the groups in order, without another sort
      GROUP BY ${h('to_stage_id')}, ${h('deal_id')}
    )
    SELECT stage_id AS "stageId", count(*)::int AS deals, sum(stays)::int AS stays,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) AS median,
           percentile_cont(0.75) WITHIN GROUP (ORDER BY seconds) AS p75,
           avg(seconds) AS mean
    FROM per_deal
    GROUP BY stage_id`;
}

/** A WITH clause: `flagged`, the open deals of the pipeline sitting in an ordinary stage now, with the stage's thresholds. */
function currentDealsSql(pipelineId: number, ownerId: number | null, asOf: Date, p75: Map<number, number>): RawBuilder<unknown> {
  const thresholds =
    p75.size === 0
      ? sql`SELECT NULL::int AS stage_id, NULL::float8 AS p75`
      : sql`SELECT * FROM (VALUES ${sql.join([...p75].map(([stage, seconds]) => sql`(${stage}::int, ${seconds}::float8)`))}) AS t(stage_id, p75)`;
  const ownerCondition = ownerId === null ? sql`` : sql`AND ${d('owner_id')} = ${ownerId}`;
  return sql`
    WITH thresholds AS (${thresholds}),
    current AS (
      SELECT ${d('id')}, ${d('name')}, ${d('stage_id')}, ${d('owner_id')}, ${d('value')}, ${d('currency')}, ${d('status')}::text AS status, ${d('stage_entered_at')},
             date_part('epoch', ${ts(asOf)}::timestamp(3) - ${d('stage_entered_at')}) AS seconds,
             t.p75, ${s('rotting_days')}
      FROM ${d.from}
      JOIN ${s.from} ON ${s('id')} = ${d('stage_id')} AND ${s('outcome')} IS NULL
      LEFT JOIN thresholds t ON t.stage_id = ${d('stage_id')}
      WHERE ${d('pipeline_id')} = ${pipelineId} AND ${d('deleted_at')} IS NULL AND ${d('status')} IN ('open', 'stalled') ${ownerCondition}
    ), flagged AS (
      SELECT c.*, coalesce(c.seconds > c.p75, false) AS over_p75,
             coalesce(c.seconds > c.rotting_days * ${DAY_SECONDS}, false) AS rotting
      FROM current c
    )`;
}

/** Per (deal, stage) sums over a quarter are ~300,000 groups: sorted, not hashed (report-query.ts). */
export const STAGE_DURATIONS_PLAN: ReportPlanOptions = { hashAggregate: false };

/**
 * Time in stage: per ordinary stage, the median, 75th percentile and mean time deals spent in it
 * over the stays that ended in [from, to), and the open deals sitting in a stage now for longer
 * than that stage's 75th percentile or its rotting days.
 */
export async function getStageDurationsReport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ReportFilters & { period: ReportPeriod; now?: Date };
}): Promise<StageDurationsReport> {
  const scope = await resolveReportScope({ ctx, input });
  const asOf = input.now ?? new Date();
  const ownerId = scope.owner?.id ?? null;
  const { stats, perStage, stuck } = await inReportTransaction(async (tx) => {
    const stats = await queryRows<StatRow>(tx, stageDurationsQuery(scope.pipeline.id, ownerId, scope.stages, input.period));
    const p75 = new Map(stats.filter((s) => s.p75 !== null).map((s) => [s.stageId, s.p75!]));
    const current = currentDealsSql(scope.pipeline.id, ownerId, asOf, p75);
    // the deals sitting in a stage now are few groups (one per stage): the default plan settings, hashing included, again
    if (getDbConnection().engine === 'postgresql') await queryRows(tx, sql`SELECT ${planSettings()}`);
    // one statement: counts per stage, and the longest-sitting stuck deals
    const rows = await queryRows<CurrentRow>(
      tx,
      sql`
      ${current}, per_stage AS (
        SELECT stage_id, count(*)::int AS deals, (count(*) FILTER (WHERE over_p75))::int AS over_p75,
               (count(*) FILTER (WHERE rotting))::int AS rotting, (count(*) FILTER (WHERE over_p75 OR rotting))::int AS stuck
        FROM flagged GROUP BY stage_id
      ), longest AS (
        SELECT * FROM flagged WHERE over_p75 OR rotting ORDER BY seconds DESC, id LIMIT ${STUCK_DEALS_LIMIT}
      )
      SELECT 'stage' AS kind, stage_id AS "stageId", deals, over_p75 AS "overP75Count", rotting AS "rottingCount", stuck,
             NULL::int AS id, NULL AS name, NULL::int AS "ownerId", NULL AS "ownerName", NULL::bigint AS value, NULL AS currency,
             NULL AS status, NULL::timestamp AS "stageEnteredAt", NULL::float8 AS "secondsInStage", NULL::boolean AS "overP75", NULL::boolean AS rotting
      FROM per_stage
      UNION ALL
      SELECT 'deal', l.stage_id, NULL, NULL, NULL, NULL, l.id, l.name, l.owner_id, ${u('name')}, l.value, l.currency, l.status, l.stage_entered_at,
             l.seconds, l.over_p75, l.rotting
      FROM longest l LEFT JOIN ${u.from} ON ${u('id')} = l.owner_id`,
    );
    const perStage = rows
      .filter((r) => r.kind === 'stage')
      .map((r) => ({ stageId: r.stageId, deals: r.deals!, overP75: r.overP75Count!, rotting: r.rottingCount!, stuck: r.stuck! }));
    const stuck = rows
      .filter((r) => r.kind === 'deal')
      .map((r) => ({
        id: r.id!,
        name: r.name!,
        stageId: r.stageId,
        ownerId: r.ownerId,
        ownerName: r.ownerName,
        value: r.value!,
        currency: r.currency!,
        status: r.status!,
        stageEnteredAt: r.stageEnteredAt!,
        secondsInStage: r.secondsInStage!,
        overP75: r.overP75!,
        rotting: r.rotting!,
      }))
      .sort((a, b) => b.secondsInStage - a.secondsInStage || a.id - b.id);
    return { stats, perStage, stuck };
  }, STAGE_DURATIONS_PLAN);

  const statsOf = new Map(stats.map((s) => [s.stageId, s]));
  const nowOf = new Map(perStage.map((s) => [s.stageId, s]));
  const stages = visibleStages(scope, [...statsOf.keys(), ...nowOf.keys()]).filter((s) => s.outcome === null);
  return {
    scope,
    period: input.period,
    asOf,
    stages: visibleStages(scope, [...statsOf.keys(), ...nowOf.keys()]),
    durations: stages.map((stage) => {
      const s = statsOf.get(stage.id);
      const n = nowOf.get(stage.id);
      return {
        stageId: stage.id,
        deals: s?.deals ?? 0,
        stays: s?.stays ?? 0,
        medianSeconds: s?.median ?? null,
        p75Seconds: s?.p75 ?? null,
        meanSeconds: s?.mean === null || s?.mean === undefined ? null : Number(s.mean),
        currentDeals: n?.deals ?? 0,
        overP75: n?.overP75 ?? 0,
        rotting: n?.rotting ?? 0,
        stuck: n?.stuck ?? 0,
      };
    }),
    stuckDeals: stuck.map((d) => ({ ...d, currency: d.currency.trim(), secondsInStage: Number(d.secondsInStage) })),
    stuckTotal: perStage.reduce((sum, s) => sum + s.stuck, 0),
  };
}
