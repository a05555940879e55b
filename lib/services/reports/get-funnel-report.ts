import 'server-only';
import type { ServiceContext } from '../context';
import { ownerNames } from './owner-names';
import type { ReportPeriod } from './report-period';
import { inReportTransaction, ts, type ReportPlanOptions } from './report-query';
import { resolveReportScope, visibleStages, type ReportFilters, type ReportScope, type ReportStage } from './report-scope';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const h = tableAs('stage_history', 'h');
const od = tableAs('deals', 'od');

export interface FunnelCounts {
  /** deals that entered the stage (or the pipeline) in the period, each counted once */
  entered: number;
  /** of those, deals that later reached a stage after this one (or won) */
  reachedNext: number;
  /** of those, deals later won (a won stage, or status won) */
  won: number;
  /** of those, deals later lost */
  lost: number;
}

export interface FunnelStep extends FunnelCounts {
  stageId: number;
  /** for every later stage (won stages last): how many of the entered deals reached it or a stage after it */
  reached: { stageId: number; count: number }[];
}

export interface FunnelOwner {
  owner: { id: number; name: string } | null;
  /** the pipeline cohort of this owner's deals */
  overall: Omit<FunnelCounts, 'reachedNext'>;
  steps: (FunnelCounts & { stageId: number })[];
}

export interface FunnelReport {
  scope: ReportScope;
  period: ReportPeriod;
  stages: ReportStage[];
  /** one per ordinary (not won/lost) stage that had entries, in board order */
  steps: FunnelStep[];
  /** deals that entered the pipeline in the period (created in it or moved in from another) */
  overall: Omit<FunnelCounts, 'reachedNext'>;
  owners: FunnelOwner[];
}

/**
 * One row per (owner, stage entered, highest rank reached afterwards, lost afterwards): how many
 * deals. `rank` is null for the pipeline cohort, whose rows say won as `reachedRank` n + 1.
 */
interface Row {
  ownerId: number | null;
  rank: number | null;
  reachedRank: number;
  lost: boolean;
  deals: number;
}

/** Grouped as the rows stream from the per-deal covering index, not hashed (decision 007). */
export const FUNNEL_PLAN: ReportPlanOptions = { hashAggregate: false, randomPageCost: 1.1 };

/**
 * The main statement. Its shape does not depend on the number of stages (a column per stage, and
 * one per pair of stages for the reach matrix, passed PostgreSQL's 1,664 target-list entries at 54
 * stages): the stages are ranked by parameters — ordinary stages in board order 1…n, won stages
 * n + 1, lost stages 0 — and every answer is a row per stage, not a column.
 *
 * One pass over the pipeline's history from `from` onwards, in deal order from the covering index on
 * (deal_id, changed_at, …). A window over each deal's rows, newest first, gives every row the highest
 * rank and whether the deal was lost in the rows strictly after it (the frame ends 1 ms before the
 * row: changed_at has millisecond precision); the frame only grows, so each row costs one step.
 * Grouped per (deal, rank), the first entry into an ordinary stage in [from, to) keeps those facts
 * (later entries of the same stage see fewer rows after them, so the first has the highest rank and
 * the lost flag if any has them); grouped per deal, the pipeline cohort's entry (created in it or
 * moved in from another, in the period) is compared with the deal's last won and lost rows. A deal
 * that entered stage i reached rank k afterwards exactly when a row of rank ≥ k follows its entry, so
 * "later" needs no self-join. The rows are then counted per (owner, stage, rank reached, lost), few
 * rows, which the report sums (reaching a stage past the next one counts as reaching the next).
 * "Later" runs to now, not to the end of the period: a cohort is followed until it converts. Deals
 * won or lost by status alone count from deals.closed_at. Deleted deals are included.
 */
export function funnelQuery(pipelineId: number, ownerId: number | null, stages: ReportStage[], period: ReportPeriod): RawBuilder<unknown> {
  const P = pipelineId;
  const from = ts(period.from);
  const to = ts(period.to);
  const open = stages.filter((s) => s.outcome === null).map((s) => s.id);
  const won = stages.filter((s) => s.outcome === 'won').map((s) => s.id);
  const lost = stages.filter((s) => s.outcome === 'lost').map((s) => s.id);
  const wonRank = open.length + 1;
  const ownerJoin = ownerId === null ? sql`` : sql`JOIN ${od.from} ON ${od('id')} = ${h('deal_id')} AND ${od('owner_id')} = ${ownerId}`;
  // rows into a stage of none of the lists (there are none: every stage of the pipeline is in scope) rank null, as before
  return sql`
    WITH ranked AS (
      SELECT ${h('deal_id')}, ${h('changed_at')}, ${h('from_pipeline_id')} IS DISTINCT FROM ${P} AS enters_pipeline,
             CASE WHEN ${h('to_stage_id')} = ANY(${won}::int[]) THEN ${wonRank}::int
                  WHEN ${h('to_stage_id')} = ANY(${lost}::int[]) THEN 0
                  ELSE array_position(${open}::int[], ${h('to_stage_id')}) END AS rank,
             ${h('to_stage_id')} = ANY(${lost}::int[]) AS lost
      FROM ${h.from} ${ownerJoin}
      WHERE ${h('to_pipeline_id')} = ${P} AND ${h('changed_at')} >= ${from}::timestamp(3)
    ), marked AS (
      SELECT r.*, max(r.rank) OVER later AS later_rank, bool_or(r.lost) OVER later AS lost_later
      FROM ranked r
      WINDOW later AS (PARTITION BY r.deal_id ORDER BY r.changed_at DESC RANGE BETWEEN UNBOUNDED PRECEDING AND '1 millisecond' PRECEDING)
    ), per_deal AS (
      SELECT m.deal_id, m.rank, GROUPING(m.rank)::int AS whole_deal,
             min(m.changed_at) FILTER (WHERE m.changed_at < ${to}::timestamp(3)) AS entered_at,
             max(m.later_rank) AS later_rank, bool_or(m.lost_later) AS lost_later,
             min(m.changed_at) FILTER (WHERE m.enters_pipeline AND m.changed_at < ${to}::timestamp(3)) AS pipeline_entered_at,
             max(m.changed_at) FILTER (WHERE m.rank = ${wonRank}::int) AS won_at,
             max(m.changed_at) FILTER (WHERE m.lost) AS lost_at
      FROM marked m
      GROUP BY GROUPING SETS ((m.deal_id, m.rank), (m.deal_id))
    ), flags AS (
      SELECT ${d('owner_id')}, CASE WHEN p.whole_deal = 0 THEN p.rank END AS rank,
             CASE WHEN p.whole_deal = 1
                  THEN CASE WHEN p.won_at >= p.pipeline_entered_at OR (${d('status')} = 'won' AND ${d('pipeline_id')} = ${P} AND ${d('closed_at')} >= p.pipeline_entered_at) THEN ${wonRank}::int ELSE 0 END
                  WHEN p.later_rank = ${wonRank}::int OR (${d('status')} = 'won' AND ${d('pipeline_id')} = ${P} AND ${d('closed_at')} >= p.entered_at) THEN ${wonRank}::int
                  ELSE greatest(p.rank, p.later_rank) END AS reached_rank,
             coalesce(CASE WHEN p.whole_deal = 1
                           THEN p.lost_at >= p.pipeline_entered_at OR (${d('status')} = 'lost' AND ${d('pipeline_id')} = ${P} AND ${d('closed_at')} >= p.pipeline_entered_at)
                           ELSE p.lost_later OR (${d('status')} = 'lost' AND ${d('pipeline_id')} = ${P} AND ${d('closed_at')} >= p.entered_at) END, false) AS lost
      FROM per_deal p JOIN ${d.from} ON ${d('id')} = p.deal_id
      WHERE CASE WHEN p.whole_deal = 1 THEN p.pipeline_entered_at IS NOT NULL
                 ELSE p.rank BETWEEN 1 AND ${open.length}::int AND p.entered_at IS NOT NULL END
    )
    SELECT f.owner_id AS "ownerId", f.rank, f.reached_rank AS "reachedRank", f.lost, count(*)::int AS deals
    FROM flags f
    GROUP BY f.owner_id, f.rank, f.reached_rank, f.lost`;
}

/**
 * Funnel / conversion: of the deals that entered each stage in [from, to), how many later reached
 * the next stage (or any after it), each later stage, and won; per owner; and of the deals that
 * entered the pipeline in the period, how many were won.
 */
export async function getFunnelReport({ ctx, input }: { ctx: ServiceContext; input: ReportFilters & { period: ReportPeriod } }): Promise<FunnelReport> {
  const scope = await resolveReportScope({ ctx, input });
  const open = scope.stages.filter((s) => s.outcome === null);
  // a pipeline of outcome stages only has no steps, and has always answered an empty funnel
  const rows =
    open.length === 0
      ? []
      : await inReportTransaction((tx) => queryRows<Row>(tx, funnelQuery(scope.pipeline.id, scope.owner?.id ?? null, scope.stages, input.period)), FUNNEL_PLAN);
  const names = await ownerNames(rows.map((r) => r.ownerId));
  const wonRank = open.length + 1;
  // later stages a step's deals can reach: the ordinary stages after it and every won stage, in board order
  const targets = scope.stages.flatMap((s) => (s.outcome === 'lost' ? [] : [{ stageId: s.id, rank: s.outcome === 'won' ? wonRank : open.indexOf(s) + 1 }]));
  const countsOf = (list: Row[], rank: number): FunnelCounts => {
    const counts = { entered: 0, reachedNext: 0, won: 0, lost: 0 };
    for (const r of list) {
      counts.entered += r.deals;
      if (r.reachedRank > rank) counts.reachedNext += r.deals;
      if (r.reachedRank === wonRank) counts.won += r.deals;
      if (r.lost) counts.lost += r.deals;
    }
    return counts;
  };
  const overallOf = (list: Row[]) => {
    const { entered, won, lost } = countsOf(
      list.filter((r) => r.rank === null),
      wonRank,
    );
    return { entered, won, lost };
  };
  /** the steps of `list`, in board order: the ordinary stages that had entries */
  const stepsOf = (list: Row[]) =>
    open.flatMap((stage, i) => {
      const entries = list.filter((r) => r.rank === i + 1);
      return entries.length === 0 ? [] : [{ stageId: stage.id, rank: i + 1, entries, ...countsOf(entries, i + 1) }];
    });

  const steps: FunnelStep[] = stepsOf(rows).map(({ stageId, rank, entries, ...counts }) => ({
    stageId,
    ...counts,
    reached: targets
      .filter((t) => t.rank > rank)
      .map((t) => ({ stageId: t.stageId, count: entries.reduce((sum, r) => sum + (r.reachedRank >= t.rank ? r.deals : 0), 0) })),
  }));
  const byOwner = new Map<number | null, Row[]>();
  for (const r of rows) {
    const list = byOwner.get(r.ownerId) ?? [];
    list.push(r);
    byOwner.set(r.ownerId, list);
  }
  const owners: FunnelOwner[] = [...byOwner]
    .map(([ownerId, list]) => ({
      owner: ownerId === null ? null : { id: ownerId, name: names.get(ownerId) ?? 'Unknown user' },
      overall: overallOf(list),
      steps: stepsOf(list).map(({ stageId, entered, reachedNext, won, lost }) => ({ stageId, entered, reachedNext, won, lost })),
    }))
    .sort((a, b) => b.overall.entered - a.overall.entered || (a.owner?.name ?? '\uffff').localeCompare(b.owner?.name ?? '\uffff'));

  return {
    scope,
    period: input.period,
    stages: visibleStages(
      scope,
      steps.flatMap((s) => [s.stageId, ...s.reached.map((r) => r.stageId)]),
    ),
    steps,
    overall: overallOf(rows),
    owners,
  };
}
