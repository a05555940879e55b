import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { conversionOn, convertMinorUnits } from '../../currency/convert-money';
import type { RateInForce } from '../../currency/exchange-rate-table';
import { mergeRates, missingRateReason, ratesInForceDuring } from '../../reports/converted-money';
import { summarizeLostDeals, type LostDealRow, type LostDealsSummary } from '../../reports/lost-deals';
import { loadExchangeRateTable } from '../currency/load-exchange-rate-table';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';
import { lostFromStageSql, lostReasonSql } from './lost-from-stage-sql';
import { ownerNames } from './owner-names';
import { monthsSpanned, startOfUtcMonth, type ReportPeriod } from './report-period';
import { inReportTransaction, ts } from './report-query';
import { resolveReportScope, visibleStages, type ReportFilters, type ReportScope, type ReportStage } from './report-scope';

const d = tableAs('deals', 'd');

export interface LostDealsReport extends LostDealsSummary {
  scope: ReportScope;
  period: ReportPeriod;
  /** the pipeline's stages the report shows (live ones, and deleted ones deals were lost from) */
  stages: LostDealsSummary['stages'];
  boardStages: ReportStage[];
  /** stages of other pipelines deals were lost from (they moved into this pipeline's lost stage) */
  otherStages: { id: number; name: string }[];
  ownerNames: { id: number; name: string }[];
  /** the currency values are converted into (the home currency unless the caller chose another) */
  currency: string;
  /** the stored rates the conversion used: for each converted deal, those in force on the day it was lost */
  ratesUsed: RateInForce[];
}

interface Row {
  id: number;
  reason: string | null;
  lostFromStageId: number;
  ownerId: number | null;
  closedAt: Date;
  currency: string;
  value: string;
  deleted: boolean;
}

/**
 * The deals of the pipeline lost in [from, to) (status lost, closed_at in the period), one row
 * each, with the stage each was lost from. Deleted deals are included, as in the other reports:
 * a past period's losses do not change when a deal is deleted. A reopened deal is no longer lost
 * and is not counted; lost again later, it counts in the period of its new close.
 */
export function lostDealsQuery(pipelineId: number, ownerId: number | null, period: ReportPeriod): RawBuilder<unknown> {
  const ownerCondition = ownerId === null ? sql`` : sql`AND ${d('owner_id')} = ${ownerId}`;
  return sql`
    SELECT ${d('id')}, ${lostReasonSql} AS reason, ${lostFromStageSql} AS "lostFromStageId", ${d('owner_id')} AS "ownerId",
           ${d('closed_at')} AS "closedAt", ${d('currency')}, ${d('value')}::text AS value, ${d('deleted_at')} IS NOT NULL AS deleted
    FROM ${d.from}
    WHERE ${d('pipeline_id')} = ${pipelineId} AND ${d('status')} = 'lost' ${ownerCondition}
      AND ${d('closed_at')} >= ${ts(period.from)}::timestamp(3) AND ${d('closed_at')} < ${ts(period.to)}::timestamp(3)`;
}

/** The first instant of every UTC month [from, to) touches. */
export function periodMonths(period: ReportPeriod): Date[] {
  return Array.from({ length: monthsSpanned(period) }, (_, i) => startOfUtcMonth(period.from, i));
}

/**
 * Lost deals: the deals lost in the period by reason (count, share, value), by the stage they were
 * lost from, by current owner and by month. Values per currency, and in the home currency (or
 * `currency`): each deal converted at the rate in force on the day it was lost, then summed
 * (docs/decisions/022-home-currency.md); deals without a rate that day are summed apart, per
 * currency, with the reason, as in the other reports.
 */
export async function getLostDealsReport({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ReportFilters & { period: ReportPeriod; currency?: string };
}): Promise<LostDealsReport> {
  const scope = await resolveReportScope({ ctx, input });
  const { rows, rates } = await inReportTransaction(async (tx) => ({
    rows: await queryRows<Row>(tx, lostDealsQuery(scope.pipeline.id, scope.owner?.id ?? null, input.period)),
    rates: await loadExchangeRateTable(tx),
  }));
  const target = input.currency ?? rates.home;
  const deals: LostDealRow[] = rows.map((r) => ({ ...r, currency: r.currency.trim(), value: BigInt(r.value), closedAt: new Date(r.closedAt) }));
  // one conversion per currency and day (thousands of deals share a few), with the rates it used
  const factors = new Map<string, string | null>();
  const used: RateInForce[][] = [];
  const summary = summarizeLostDeals(deals, {
    stageOrder: scope.stages.map((s) => s.id),
    months: periodMonths(input.period),
    conversion: {
      currency: target,
      missingReason: (currency) => missingRateReason(rates, currency, target),
      convert: (deal) => {
        const day = deal.closedAt.toISOString().slice(0, 10);
        const key = `${deal.currency}|${day}`;
        let factor = factors.get(key);
        if (factor === undefined) {
          const conversion = conversionOn(rates, deal.currency, target, day);
          factor = conversion.ok ? conversion.factor : null;
          if (conversion.ok) used.push(ratesInForceDuring(rates, [deal.currency], target, day, day));
          factors.set(key, factor);
        }
        return factor === null ? null : convertMinorUnits(deal.value, factor);
      },
    },
  });
  const known = new Set(scope.stages.map((s) => s.id));
  const otherIds = summary.stages.map((s) => s.stageId).filter((id) => !known.has(id));
  const [otherStages, names] = await Promise.all([
    otherIds.length === 0 ? [] : db.stage.findMany({ where: { id: { in: otherIds } }, select: { id: true, name: true }, orderBy: { id: 'asc' } }),
    ownerNames(summary.owners.map((o) => o.ownerId)),
  ]);
  return {
    ...summary,
    scope,
    period: input.period,
    boardStages: visibleStages(
      scope,
      summary.stages.map((s) => s.stageId),
    ),
    otherStages,
    ownerNames: [...names].map(([id, name]) => ({ id, name })),
    currency: target,
    ratesUsed: mergeRates(...used),
  };
}
