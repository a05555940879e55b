import 'server-only';
import { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { ownerNames } from './owner-names';
import type { ReportPeriod } from './report-period';
import { inReportTransaction, ts } from './report-query';
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

/**
 * The main statement, one pass over the pipeline's history from `from` onwards grouped per deal
 * (a hash aggregate: no sort, no window). Ordinary stages are ranked in board order (1…n) and won
 * stages rank n + 1; lost stages have no rank. Per deal it keeps, for every ordinary stage, the
 * deal's first entry into it in [from, to), and for every rank k the LAST time it entered a stage
 * of rank ≥ k. A deal that entered stage S at e later reached rank k exactly when that last time is
 * after e — so "later" needs no self-join and no ordering. The per-deal row is then unfolded into
 * one row per stage entered, and counted per stage, per owner, per later stage reached (cumulative:
 * reaching a stage past the next one counts as reaching the next), and for the pipeline as a whole
 * (deals created in it or moved in during the period). "Later" runs to now, not to the end of the
 * period: a cohort is followed until it converts. Deals won or lost by status alone count from
 * deals.closed_at. Deleted deals are included.
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
  // stage IDs of rank ≥ k
  const atOrAbove = (k: number) => [...open.slice(k - 1), ...won];
  const firstEntries = open.map((id, i) => Prisma.sql`min(h.changed_at) FILTER (WHERE h.to_stage_id = ${id} AND h.changed_at < ${to}::timestamp(3)) AS ${col(`e${i + 1}`)}`);
  const lastAtRank = Array.from({ length: n }, (_, i) => i + 2).map(
    (k) => Prisma.sql`max(h.changed_at) FILTER (WHERE h.to_stage_id = ANY(${atOrAbove(k)}::int[])) AS ${col(`g${k}`)}`,
  );
  // the highest rank reached after `at`: the g's shrink as k grows, so test from the top
  const reachedAfter = (at: Prisma.Sql) =>
    Prisma.sql`CASE ${Prisma.join(
      Array.from({ length: n }, (_, i) => wonRank - i).map((k) => Prisma.sql`WHEN pd.${col(`g${k}`)} > ${at} THEN ${k}::int`),
      ' ',
    )} END`;
  const unfold = Prisma.join(
    open.map((id, i) => Prisma.sql`(${id}::int, ${i + 1}::int, pd.${col(`e${i + 1}`)})`),
    ', ',
  );
  const ranks = Prisma.join([...open.map((id, i) => Prisma.sql`(${id}::int, ${i + 1}::int)`), ...won.map((id) => Prisma.sql`(${id}::int, ${wonRank}::int)`)], ', ');
  const ownerJoin = ownerId === null ? Prisma.empty : Prisma.sql`JOIN deals od ON od.id = h.deal_id AND od.owner_id = ${ownerId}`;
  const wonBy = (at: Prisma.Sql, strict: boolean) =>
    Prisma.sql`(pd.${col(`g${wonRank}`)} ${Prisma.raw(strict ? '>' : '>=')} ${at} OR (d.status = 'won' AND d.pipeline_id = ${P} AND d.closed_at >= ${at}))`;
  const lostBy = (at: Prisma.Sql, strict: boolean) =>
    Prisma.sql`(pd.lost_at ${Prisma.raw(strict ? '>' : '>=')} ${at} OR (d.status = 'lost' AND d.pipeline_id = ${P} AND d.closed_at >= ${at}))`;
  return Prisma.sql`
    WITH per_deal AS (
      SELECT h.deal_id,
             ${Prisma.join(firstEntries, ', ')},
             ${Prisma.join(lastAtRank, ', ')},
             max(h.changed_at) FILTER (WHERE h.to_stage_id = ANY(${lost}::int[])) AS lost_at,
             min(h.changed_at) FILTER (WHERE h.from_pipeline_id IS DISTINCT FROM ${P} AND h.changed_at < ${to}::timestamp(3)) AS entered_pipeline_at
      FROM stage_history h ${ownerJoin}
      WHERE h.to_pipeline_id = ${P} AND h.changed_at >= ${from}::timestamp(3)
      GROUP BY h.deal_id
      HAVING min(h.changed_at) < ${to}::timestamp(3)
    ), ranks AS (
      SELECT * FROM (VALUES ${ranks}) AS r(stage_id, rank)
    ), steps AS (
      SELECT s.stage_id, s.rank, d.owner_id, w.won,
             coalesce(${lostBy(Prisma.sql`s.entered_at`, true)}, false) AS lost,
             GREATEST(${reachedAfter(Prisma.sql`s.entered_at`)}, CASE WHEN w.won THEN ${wonRank}::int END) AS reached
      FROM per_deal pd
      JOIN deals d ON d.id = pd.deal_id
      CROSS JOIN LATERAL (VALUES ${unfold}) AS s(stage_id, rank, entered_at)
      CROSS JOIN LATERAL (SELECT coalesce(${wonBy(Prisma.sql`s.entered_at`, true)}, false) AS won) w
      WHERE s.entered_at IS NOT NULL
    ), overall AS (
      SELECT d.owner_id,
             coalesce(${wonBy(Prisma.sql`pd.entered_pipeline_at`, false)}, false) AS won,
             coalesce(${lostBy(Prisma.sql`pd.entered_pipeline_at`, false)}, false) AS lost
      FROM per_deal pd JOIN deals d ON d.id = pd.deal_id
      WHERE pd.entered_pipeline_at IS NOT NULL
    )
    SELECT 'step' AS kind, GROUPING(owner_id)::int AS "allOwners", owner_id AS "ownerId", stage_id AS "stageId", NULL::int AS "targetStageId",
           count(*)::int AS entered, (count(*) FILTER (WHERE reached > rank))::int AS reached,
           (count(*) FILTER (WHERE won))::int AS won, (count(*) FILTER (WHERE lost))::int AS lost
    FROM steps GROUP BY GROUPING SETS ((stage_id), (owner_id, stage_id))
    UNION ALL
    SELECT 'reach', 1, NULL, s.stage_id, t.stage_id, sum(s.n)::int, coalesce(sum(s.n) FILTER (WHERE s.reached >= t.rank), 0)::int, 0, 0
    FROM (SELECT stage_id, rank, reached, count(*) AS n FROM steps GROUP BY stage_id, rank, reached) s
    JOIN ranks t ON t.rank > s.rank
    GROUP BY s.stage_id, t.stage_id
    UNION ALL
    SELECT 'overall', GROUPING(owner_id)::int, owner_id, NULL, NULL, count(*)::int, 0,
           (count(*) FILTER (WHERE won))::int, (count(*) FILTER (WHERE lost))::int
    FROM overall GROUP BY GROUPING SETS ((), (owner_id))`;
}

/**
 * Funnel / conversion: of the deals that entered each stage in [from, to), how many later reached
 * the next stage (or any after it), each later stage, and won; per owner; and of the deals that
 * entered the pipeline in the period, how many were won.
 */
export async function getFunnelReport({ ctx, input }: { ctx: ServiceContext; input: ReportFilters & { period: ReportPeriod } }): Promise<FunnelReport> {
  const scope = await resolveReportScope({ ctx, input });
  const rows = await inReportTransaction((tx) => tx.$queryRaw<Row[]>(funnelQuery(scope.pipeline.id, scope.owner?.id ?? null, scope.stages, input.period)));
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
