import 'server-only';
import type { ServiceContext } from '../context';
import { moneyOf, type MoneyByCurrency } from '../../reports/money-by-currency';
import { inReportTransaction, ts } from './report-query';
import { resolveReportScope, visibleStages, type ReportFilters, type ReportScope, type ReportStage } from './report-scope';
import { SNAPSHOT_CHANGE_KINDS as SNAPSHOT_CHANGES, type SnapshotChange } from './snapshot-change-kinds';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';

const a = tableAs('stages', 'a');
const d = tableAs('deals', 'd');
const h = tableAs('stage_history', 'h');
const sb = tableAs('stages', 'sb');

export { SNAPSHOT_CHANGES, type SnapshotChange };
export const DEFAULT_CHANGED_DEALS = 100;

export interface ChangedDeal {
  id: number;
  name: string;
  /** null when the deal sat in the same stage at both dates (it is listed because it slipped) */
  change: SnapshotChange | null;
  /** open at the later date although today's expected close falls between the two dates */
  slipped: boolean;
  /** the stage at the earlier / later date; null when not in the pipeline then */
  fromStageId: number | null;
  toStageId: number | null;
  /** history snapshots of the value at each date */
  valueBefore: bigint | null;
  valueAfter: bigint | null;
  currency: string;
  /** today's expected close (it is not historised) */
  expectedClose: Date | null;
  ownerId: number | null;
}

export interface SnapshotChanges {
  scope: ReportScope;
  from: Date;
  to: Date;
  stages: ReportStage[];
  /** per kind of change: deals and their value (at the later date; at the earlier one for deals that left) */
  summary: { change: SnapshotChange; count: number; value: MoneyByCurrency }[];
  slipped: { count: number; value: MoneyByCurrency };
  /** the changed deals, won first, then by value; at most `limit` */
  deals: ChangedDeal[];
  /** every changed or slipped deal */
  total: number;
}

interface Row {
  kind: 'summary' | 'slipped' | 'total' | 'deal';
  change: SnapshotChange | null;
  slipped: boolean | null;
  currency: string | null;
  rollup: number;
  count: number | null;
  value: string | null;
  dealId: number | null;
  name: string | null;
  fromStageId: number | null;
  toStageId: number | null;
  valueBefore: bigint | null;
  valueAfter: bigint | null;
  expectedClose: Date | null;
  ownerId: number | null;
}

/**
 * The main statement, proportional to what changed rather than to the whole history. The deals that
 * can have changed are those with history rows in (from, to] (their last one there is their state
 * at `to`), those deleted in between, and those whose expected close falls in between (slipping);
 * for each of them one index probe of (deal_id, changed_at) finds its last row at or before `from`
 * (its state then). Every other deal sat still. The change is classified by the two stages'
 * positions and outcomes. Expected close is not historised, so "slipped" compares TODAY's expected
 * close with the two dates.
 */
export function snapshotChangesQuery(pipelineId: number, ownerId: number | null, from: Date, to: Date, limit: number): RawBuilder<unknown> {
  const P = pipelineId;
  const t1 = ts(from);
  const t2 = ts(to);
  const ownerCondition = ownerId === null ? sql`` : sql`AND ${d('owner_id')} = ${ownerId}`;
  const changeOrder = sql.raw(`CASE change ${SNAPSHOT_CHANGES.map((c, i) => `WHEN '${c}' THEN ${i}`).join(' ')} ELSE ${SNAPSHOT_CHANGES.length} END`);
  return sql`
    WITH moved AS (
      SELECT DISTINCT ON (${h('deal_id')}) ${h('deal_id')}, ${h('to_stage_id')}, ${h('to_pipeline_id')}, ${h('value')}, ${h('currency')},
             bool_or(${h('from_pipeline_id')} IS NULL) OVER (PARTITION BY ${h('deal_id')}) AS created
      FROM ${h.from} WHERE ${h('changed_at')} > ${t1}::timestamp(3) AND ${h('changed_at')} <= ${t2}::timestamp(3)
      ORDER BY ${h('deal_id')} DESC, ${h('changed_at')} DESC, ${h('id')} DESC
    ), candidates AS (
      SELECT deal_id FROM moved
      UNION
      SELECT ${d('id')} FROM ${d.from}
      WHERE (${d('deleted_at')} > ${t1}::timestamp(3) AND ${d('deleted_at')} <= ${t2}::timestamp(3))
         OR (${d('expected_close')} > ${t1}::timestamp(3) AND ${d('expected_close')} <= ${t2}::timestamp(3))
    ), pairs AS (
      SELECT c.deal_id,
             CASE WHEN b.to_pipeline_id = ${P} THEN b.to_stage_id END AS stage1, b.value AS value1, b.currency AS currency1,
             CASE WHEN coalesce(m.to_pipeline_id, b.to_pipeline_id) = ${P} THEN coalesce(m.to_stage_id, b.to_stage_id) END AS stage2,
             coalesce(m.value, b.value) AS value2, coalesce(m.currency, b.currency) AS currency2, coalesce(m.created, false) AS created
      FROM candidates c
      LEFT JOIN moved m ON m.deal_id = c.deal_id
      LEFT JOIN LATERAL (
        SELECT ${h('to_stage_id')}, ${h('to_pipeline_id')}, ${h('value')}, ${h('currency')} FROM ${h.from}
        WHERE ${h('deal_id')} = c.deal_id AND ${h('changed_at')} <= ${t1}::timestamp(3)
        ORDER BY ${h('changed_at')} DESC, ${h('id')} DESC LIMIT 1
      ) b ON true
      WHERE b.to_pipeline_id = ${P} OR m.to_pipeline_id = ${P}
    ), states AS (
      SELECT p.*, ${d('name')}, ${d('owner_id')}, ${d('expected_close')}, ${d('deleted_at')},
             p.stage1 IS NOT NULL AND (${d('deleted_at')} IS NULL OR ${d('deleted_at')} > ${t1}::timestamp(3)) AS at1,
             p.stage2 IS NOT NULL AND (${d('deleted_at')} IS NULL OR ${d('deleted_at')} > ${t2}::timestamp(3)) AS at2
      FROM pairs p JOIN ${d.from} ON ${d('id')} = p.deal_id ${ownerCondition}
    ), changes AS (
      SELECT s.deal_id, s.name, s.owner_id, s.expected_close,
             CASE WHEN s.at1 THEN s.stage1 END AS stage1, CASE WHEN s.at2 THEN s.stage2 END AS stage2,
             CASE WHEN s.at1 THEN s.value1 END AS value1, CASE WHEN s.at2 THEN s.value2 END AS value2,
             CASE WHEN s.at2 THEN s.value2 ELSE s.value1 END AS value,
             CASE WHEN s.at2 THEN s.currency2 ELSE s.currency1 END AS currency,
             CASE WHEN s.at2 AND NOT s.at1 THEN CASE WHEN s.created THEN 'created' ELSE 'transferred_in' END
                  WHEN s.at1 AND NOT s.at2 THEN CASE WHEN s.deleted_at <= ${t2}::timestamp(3) THEN 'deleted' ELSE 'transferred_out' END
                  WHEN s.stage1 = s.stage2 THEN NULL
                  WHEN ${sb('outcome')} IS NOT NULL THEN ${sb('outcome')}::text
                  WHEN ${a('outcome')} IS NOT NULL THEN 'reopened'
                  WHEN (${sb('position')}, ${sb('id')}) > (${a('position')}, ${a('id')}) THEN 'forward'
                  ELSE 'backward' END AS change,
             coalesce(s.at2 AND ${sb('outcome')} IS NULL AND s.expected_close > ${t1}::timestamp(3) AND s.expected_close <= ${t2}::timestamp(3), false) AS slipped
      FROM states s
      LEFT JOIN ${a.from} ON ${a('id')} = s.stage1
      LEFT JOIN ${sb.from} ON ${sb('id')} = s.stage2
      WHERE s.at1 OR s.at2
    ), relevant AS MATERIALIZED (
      SELECT * FROM changes WHERE change IS NOT NULL OR slipped
    )
    SELECT 'summary' AS kind, change, NULL::boolean AS slipped, currency, GROUPING(currency)::int AS rollup, count(*)::int AS count,
           sum(value)::text AS value, NULL::int AS "dealId", NULL AS name, NULL::int AS "fromStageId", NULL::int AS "toStageId",
           NULL::bigint AS "valueBefore", NULL::bigint AS "valueAfter", NULL::timestamp AS "expectedClose", NULL::int AS "ownerId"
    FROM relevant WHERE change IS NOT NULL GROUP BY GROUPING SETS ((change, currency), (change))
    UNION ALL
    SELECT 'slipped', NULL, true, currency, GROUPING(currency)::int, count(*)::int, sum(value)::text, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL
    FROM relevant WHERE slipped GROUP BY GROUPING SETS ((currency), ())
    UNION ALL
    SELECT 'total', NULL, NULL, NULL, 1, count(*)::int, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL FROM relevant
    UNION ALL
    SELECT * FROM (
      SELECT 'deal', change, slipped, currency, 0, NULL::int, NULL::text, deal_id, name, stage1, stage2, value1, value2, expected_close, owner_id
      FROM relevant ORDER BY ${changeOrder}, value DESC, deal_id LIMIT ${limit}
    ) listed`;
}

/**
 * Compares the board at two dates: which deals moved forward, moved back, were won, lost,
 * reopened, created, moved in or out of the pipeline, deleted — and which slipped their expected
 * close (today's expected close, which is not historised, fell between the two dates while the
 * deal was still open at the later one).
 */
export async function getSnapshotChanges({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ReportFilters & { from: Date; to: Date; limit?: number };
}): Promise<SnapshotChanges> {
  const scope = await resolveReportScope({ ctx, input });
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_CHANGED_DEALS, 0), 200);
  const rows = await inReportTransaction((tx) =>
    queryRows<Row>(tx, snapshotChangesQuery(scope.pipeline.id, scope.owner?.id ?? null, input.from, input.to, limit)),
  );
  const money = (list: Row[]) => moneyOf(list.filter((r) => r.rollup === 0).map((r) => ({ currency: r.currency!, value: r.value })));
  const summaryRows = rows.filter((r) => r.kind === 'summary');
  const slippedRows = rows.filter((r) => r.kind === 'slipped');
  const deals: ChangedDeal[] = rows
    .filter((r) => r.kind === 'deal')
    .map((r) => ({
      id: r.dealId!,
      name: r.name!,
      change: r.change,
      slipped: r.slipped === true,
      fromStageId: r.fromStageId,
      toStageId: r.toStageId,
      valueBefore: r.valueBefore,
      valueAfter: r.valueAfter,
      currency: r.currency!.trim(),
      expectedClose: r.expectedClose,
      ownerId: r.ownerId,
    }));
  return {
    scope,
    from: input.from,
    to: input.to,
    stages: visibleStages(
      scope,
      deals.flatMap((d) => [d.fromStageId, d.toStageId]),
    ),
    summary: SNAPSHOT_CHANGES.map((change) => {
      const list = summaryRows.filter((r) => r.change === change);
      return { change, count: list.find((r) => r.rollup === 1)?.count ?? 0, value: money(list) };
    }),
    slipped: { count: slippedRows.find((r) => r.rollup === 1)?.count ?? 0, value: money(slippedRows) },
    deals,
    total: rows.find((r) => r.kind === 'total')?.count ?? 0,
  };
}
