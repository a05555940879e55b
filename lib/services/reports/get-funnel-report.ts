import 'server-only';
import { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { ownerNames } from './owner-names';
import type { ReportPeriod } from './report-period';
import { inReportTransaction, ts, type ReportPlanOptions } from './report-query';
import { resolveReportScope, visibleStages, type ReportFilters, type ReportScope, type ReportStage } from './report-scope';

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

interface Row {
  kind: 'step' | 'reach' | 'overall';
  allOwners: number;
  ownerId: number | null;
  stageId: number | null;
  targetStageId: number | null;
  entered: number;
  reached: number;
  won: number;
  lost: number;
}

/** Grouped as the rows stream from the per-deal covering index, not hashed (decision 007). */
export const FUNNEL_PLAN: ReportPlanOptions = { hashAggregate: false, randomPageCost: 1.1 };

/**
 * The main statement, one pass over the pipeline's history from `from` onwards grouped per deal
 * (no window, no self-join; run without hash aggregation, the rows stream in deal order from the
 * covering index on (deal_id, changed_at, …) and are grouped as they come, with no hash table of
 * every deal). Ordinary stages are ranked in board order (1…n) and won stages rank n + 1; lost stages
 * rank 0; each aggregate tests the row's stage id against the ids of the ranks it wants. Per deal the statement
 * keeps, for every ordinary stage, the deal's first entry into it in [from, to), and for every rank k
 * the LAST time it entered a stage of rank ≥ k. A deal that entered stage S at e later reached rank
 * k exactly when that last time is after e — so "later" needs no self-join and no ordering. Each
 * deal row then gets, per stage it entered, the highest rank it reached afterwards and whether it
 * was won or lost afterwards; one aggregate over those rows (for all owners and per owner) counts
 * every step, every later stage reached (cumulative: reaching a stage past the next one counts as
 * reaching the next) and the pipeline as a whole (deals created in it or moved in during the
 * period); the few aggregate rows are unfolded into the report's rows at the end. "Later" runs to
 * now, not to the end of the period: a cohort is followed until it converts. Deals won or lost by
 * status alone count from deals.closed_at. Deleted deals are included.
 */
export function funnelQuery(pipelineId: number, ownerId: number | null, stages: ReportStage[], period: ReportPeriod): Prisma.Sql {
  const P = pipelineId;
  const from = ts(period.from);
  const to = ts(period.to);
  const open = stages.filter((s) => s.outcome === null).map((s) => s.id);
  const won = stages.filter((s) => s.outcome === 'won').map((s) => s.id);
  const lost = stages.filter((s) => s.outcome === 'lost').map((s) => s.id);
  const n = open.length;
  const wonRank = n + 1;
  if (n === 0) return Prisma.sql`SELECT NULL::text AS kind, 0 AS "allOwners", NULL::int AS "ownerId", NULL::int AS "stageId", NULL::int AS "targetStageId", 0 AS entered, 0 AS reached, 0 AS won, 0 AS lost WHERE false`;
  const col = (name: string) => Prisma.raw(`"${name}"`);
  const ranks = Array.from({ length: n }, (_, i) => i + 1); // 1…n
  // ranks as stage-id predicates on the scanned row (a plain equality or a short IN list per aggregate is
  // cheaper than ranking each row with a CASE that the planner would inline into every FILTER)
  const rankAtLeast = (k: number) => [...open.slice(k - 1), ...won];
  const firstEntries = ranks.map((i) => Prisma.sql`min(r.changed_at) FILTER (WHERE ${stageIn([open[i - 1]!])} AND r.changed_at < ${to}::timestamp(3)) AS ${col(`e${i}`)}`);
  const lastAtRank = Array.from({ length: n }, (_, i) => i + 2).map((k) => Prisma.sql`max(r.changed_at) FILTER (WHERE ${stageIn(rankAtLeast(k))}) AS ${col(`g${k}`)}`);
  // per stage entered: won / lost afterwards, and the highest rank reached afterwards (the g's shrink as k
  // grows, so test from the top, and only ranks above the stage's own); at least the stage's own rank, so r is
  // null exactly when the deal did not enter
  const wonAfter = (i: number) =>
    Prisma.sql`(pd.${col(`g${wonRank}`)} > pd.${col(`e${i}`)} OR (d.status = 'won' AND d.pipeline_id = ${P} AND d.closed_at >= pd.${col(`e${i}`)}))`;
  const lostAfter = (i: number) =>
    Prisma.sql`(pd.lost_at > pd.${col(`e${i}`)} OR (d.status = 'lost' AND d.pipeline_id = ${P} AND d.closed_at >= pd.${col(`e${i}`)}))`;
  const perStage = ranks.map(
    (i) => Prisma.sql`
      coalesce(${wonAfter(i)}, false) AS ${col(`w${i}`)},
      coalesce(${lostAfter(i)}, false) AS ${col(`l${i}`)},
      CASE WHEN pd.${col(`e${i}`)} IS NULL THEN NULL
           WHEN ${wonAfter(i)} THEN ${wonRank}::int
           ${joinOrEmpty(ranks.filter((k) => k > i).reverse().map((k) => Prisma.sql`WHEN pd.${col(`g${k}`)} > pd.${col(`e${i}`)} THEN ${k}::int`))}
           ELSE ${i}::int END AS ${col(`r${i}`)}`,
  );
  // targets of the reach matrix: every later ordinary stage, and each won stage (rank n + 1)
  const targets = [...open.map((id, i) => ({ id, rank: i + 1 })), ...won.map((id) => ({ id, rank: wonRank }))];
  const counts = ranks.map(
    (i) => Prisma.sql`
      count(*) FILTER (WHERE f.${col(`r${i}`)} IS NOT NULL) AS ${col(`n${i}`)},
      count(*) FILTER (WHERE f.${col(`r${i}`)} > ${i}::int) AS ${col(`x${i}`)},
      count(*) FILTER (WHERE f.${col(`r${i}`)} IS NOT NULL AND f.${col(`w${i}`)}) AS ${col(`wn${i}`)},
      count(*) FILTER (WHERE f.${col(`r${i}`)} IS NOT NULL AND f.${col(`l${i}`)}) AS ${col(`ls${i}`)},
      ${Prisma.join(
        ranks.filter((j) => j > i).concat([wonRank]).map((j) => Prisma.sql`count(*) FILTER (WHERE f.${col(`r${i}`)} >= ${j}::int) AS ${col(`c${i}_${j}`)}`),
        ', ',
      )}`,
  );
  const unfold = Prisma.join(
    [
      ...ranks.map((i) => Prisma.sql`('step', ${open[i - 1]!}::int, NULL::int, a.${col(`n${i}`)}, a.${col(`x${i}`)}, a.${col(`wn${i}`)}, a.${col(`ls${i}`)})`),
      ...ranks.flatMap((i) =>
        targets.filter((t) => t.rank > i).map((t) => Prisma.sql`('reach', ${open[i - 1]!}::int, ${t.id}::int, a.${col(`n${i}`)}, a.${col(`c${i}_${t.rank}`)}, 0::bigint, 0::bigint)`),
      ),
      Prisma.sql`('overall', NULL::int, NULL::int, a.pipeline_entered, 0::bigint, a.pipeline_won, a.pipeline_lost)`,
    ],
    ', ',
  );
  const ownerJoin = ownerId === null ? Prisma.empty : Prisma.sql`JOIN deals od ON od.id = h.deal_id AND od.owner_id = ${ownerId}`;
  return Prisma.sql`
    WITH per_deal AS (
      SELECT r.deal_id,
             ${Prisma.join(firstEntries, ', ')},
             ${Prisma.join(lastAtRank, ', ')},
             max(r.changed_at) FILTER (WHERE ${stageIn(lost)}) AS lost_at,
             min(r.changed_at) FILTER (WHERE r.from_pipeline_id IS DISTINCT FROM ${P} AND r.changed_at < ${to}::timestamp(3)) AS entered_pipeline_at
      FROM (
        SELECT h.deal_id, h.changed_at, h.from_pipeline_id, h.to_stage_id
        FROM stage_history h ${ownerJoin}
        WHERE h.to_pipeline_id = ${P} AND h.changed_at >= ${from}::timestamp(3)
      ) r
      GROUP BY r.deal_id
      HAVING min(r.changed_at) < ${to}::timestamp(3)
    ), flags AS (
      SELECT d.owner_id, ${Prisma.join(perStage, ', ')},
             pd.entered_pipeline_at IS NOT NULL AS in_pipeline,
             coalesce(pd.${col(`g${wonRank}`)} >= pd.entered_pipeline_at OR (d.status = 'won' AND d.pipeline_id = ${P} AND d.closed_at >= pd.entered_pipeline_at), false) AS pipeline_won,
             coalesce(pd.lost_at >= pd.entered_pipeline_at OR (d.status = 'lost' AND d.pipeline_id = ${P} AND d.closed_at >= pd.entered_pipeline_at), false) AS pipeline_lost
      FROM per_deal pd JOIN deals d ON d.id = pd.deal_id
    ), agg AS (
      SELECT GROUPING(f.owner_id)::int AS all_owners, f.owner_id, ${Prisma.join(counts, ', ')},
             count(*) FILTER (WHERE f.in_pipeline) AS pipeline_entered,
             count(*) FILTER (WHERE f.in_pipeline AND f.pipeline_won) AS pipeline_won,
             count(*) FILTER (WHERE f.in_pipeline AND f.pipeline_lost) AS pipeline_lost
      FROM flags f GROUP BY GROUPING SETS ((), (f.owner_id))
    )
    SELECT v.kind, a.all_owners AS "allOwners", a.owner_id AS "ownerId", v.stage_id AS "stageId", v.target_stage_id AS "targetStageId",
           v.entered::int AS entered, v.reached::int AS reached, v.won::int AS won, v.lost::int AS lost
    FROM agg a
    CROSS JOIN LATERAL (VALUES ${unfold}) AS v(kind, stage_id, target_stage_id, entered, reached, won, lost)
    WHERE CASE v.kind WHEN 'step' THEN v.entered > 0
                      WHEN 'reach' THEN a.all_owners = 1 AND v.entered > 0
                      ELSE a.all_owners = 1 OR v.entered > 0 END`;
}

/** `r.to_stage_id` is one of `ids` (false for none) */
function stageIn(ids: number[]): Prisma.Sql {
  if (ids.length === 0) return Prisma.sql`false`;
  if (ids.length === 1) return Prisma.sql`r.to_stage_id = ${ids[0]!}::int`;
  return Prisma.sql`r.to_stage_id IN (${Prisma.join(ids.map((id) => Prisma.sql`${id}::int`))})`;
}

function joinOrEmpty(parts: Prisma.Sql[]): Prisma.Sql {
  return parts.length === 0 ? Prisma.empty : Prisma.join(parts, ' ');
}

/**
 * Funnel / conversion: of the deals that entered each stage in [from, to), how many later reached
 * the next stage (or any after it), each later stage, and won; per owner; and of the deals that
 * entered the pipeline in the period, how many were won.
 */
export async function getFunnelReport({ ctx, input }: { ctx: ServiceContext; input: ReportFilters & { period: ReportPeriod } }): Promise<FunnelReport> {
  const scope = await resolveReportScope({ ctx, input });
  const rows = await inReportTransaction(
    (tx) => tx.$queryRaw<Row[]>(funnelQuery(scope.pipeline.id, scope.owner?.id ?? null, scope.stages, input.period)),
    FUNNEL_PLAN,
  );
  const names = await ownerNames(rows.map((r) => r.ownerId));
  const order = new Map(scope.stages.map((s, i) => [s.id, i]));
  const byStage = <T extends { stageId: number }>(a: T, b: T) => (order.get(a.stageId) ?? 0) - (order.get(b.stageId) ?? 0);
  const counts = (r: Row): FunnelCounts => ({ entered: r.entered, reachedNext: r.reached, won: r.won, lost: r.lost });

  const reach = new Map<number, { stageId: number; count: number }[]>();
  for (const r of rows.filter((r) => r.kind === 'reach')) {
    const list = reach.get(r.stageId!) ?? [];
    list.push({ stageId: r.targetStageId!, count: r.reached });
    reach.set(r.stageId!, list);
  }
  const steps: FunnelStep[] = rows
    .filter((r) => r.kind === 'step' && r.allOwners === 1)
    .map((r) => ({ stageId: r.stageId!, ...counts(r), reached: (reach.get(r.stageId!) ?? []).sort(byStage) }))
    .sort(byStage);

  const overallRow = rows.find((r) => r.kind === 'overall' && r.allOwners === 1);
  const ownerIds = [...new Set(rows.filter((r) => r.allOwners === 0).map((r) => r.ownerId))];
  const owners: FunnelOwner[] = ownerIds
    .map((ownerId) => {
      const overall = rows.find((r) => r.kind === 'overall' && r.allOwners === 0 && r.ownerId === ownerId);
      return {
        owner: ownerId === null ? null : { id: ownerId, name: names.get(ownerId) ?? 'Unknown user' },
        overall: overall ? { entered: overall.entered, won: overall.won, lost: overall.lost } : { entered: 0, won: 0, lost: 0 },
        steps: rows
          .filter((r) => r.kind === 'step' && r.allOwners === 0 && r.ownerId === ownerId)
          .map((r) => ({ stageId: r.stageId!, ...counts(r) }))
          .sort(byStage),
      };
    })
    .sort((a, b) => b.overall.entered - a.overall.entered || (a.owner?.name ?? '\uffff').localeCompare(b.owner?.name ?? '\uffff'));

  return {
    scope,
    period: input.period,
    stages: visibleStages(scope, steps.flatMap((s) => [s.stageId, ...s.reached.map((r) => r.stageId)])),
    steps,
    overall: overallRow ? { entered: overallRow.entered, won: overallRow.won, lost: overallRow.lost } : { entered: 0, won: 0, lost: 0 },
    owners,
  };
}
