import type { ConvertedMoney } from './converted-money';
import type { MoneyByCurrency } from './money-by-currency';
import { percent } from './rates';

// The Lost deals report's arithmetic (pure: the service feeds it the period's lost deals, one row
// each, and the tests can feed it by hand). Every figure is a count, its share of all the deals lost
// in the period, and their value per currency, plus their converted value (each deal at the rate
// in force on the day it was lost, then summed; what had no rate kept apart and named).

/** One deal lost in the period. */
export interface LostDealRow {
  id: number;
  /** trimmed; null: no reason given */
  reason: string | null;
  /** the stage it was lost from (lost-from-stage-sql.ts) */
  lostFromStageId: number;
  ownerId: number | null;
  closedAt: Date;
  currency: string;
  value: bigint;
  /** deleted since: counted (a past period never changes), though no longer listed anywhere */
  deleted: boolean;
}

export interface LostFigure {
  count: number;
  /** percent of all the deals lost in the period, one decimal */
  share: number | null;
  value: MoneyByCurrency;
  /**
   * the deals' values converted (each on the day it was lost) and summed, and what had no rate
   * that day, per currency and named; null when values are not converted
   */
  converted: ConvertedMoney | null;
  /** how many of the deals were deleted since */
  deleted: number;
}

/** How the figures convert: into `currency`, each deal on its close date (null: no rate that day), and why a currency had none. */
export interface LostDealsConversion {
  currency: string;
  convert: (deal: LostDealRow) => bigint | null;
  /** "no EUR rate before 2026-01-01" */
  missingReason: (currency: string) => string;
}

export interface LostDealsSummary {
  total: LostFigure;
  /** by count, most first; "no reason given" (null) last */
  reasons: (LostFigure & { reason: string | null })[];
  /** in the order of `stageOrder`, then any other stage */
  stages: (LostFigure & { stageId: number })[];
  /** by count, most first; ownerless deals (null) last */
  owners: (LostFigure & { ownerId: number | null })[];
  /** every month of `months`, in order, with the count per reason */
  months: (LostFigure & { month: Date; reasons: { reason: string | null; count: number }[] })[];
}

class Accumulator {
  count = 0;
  deleted = 0;
  private money = new Map<string, bigint>();
  private convertedValue = 0n;
  private missing = new Map<string, { count: number; value: bigint }>();

  add(deal: LostDealRow, converted: bigint | null | undefined) {
    this.count += 1;
    if (deal.deleted) this.deleted += 1;
    this.money.set(deal.currency, (this.money.get(deal.currency) ?? 0n) + deal.value);
    if (converted === undefined) return;
    if (converted === null) {
      const missing = this.missing.get(deal.currency) ?? { count: 0, value: 0n };
      this.missing.set(deal.currency, { count: missing.count + 1, value: missing.value + deal.value });
    } else this.convertedValue += converted;
  }

  figure(all: number, conversion: LostDealsConversion | null): LostFigure {
    return {
      count: this.count,
      share: percent(this.count, all),
      value: Object.fromEntries([...this.money].sort(([a], [b]) => a.localeCompare(b))),
      converted:
        conversion === null
          ? null
          : {
              currency: conversion.currency,
              value: this.convertedValue,
              unconverted: [...this.missing]
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([currency, { count, value }]) => ({ currency, count, value, reason: conversion.missingReason(currency) })),
            },
      deleted: this.deleted,
    };
  }
}

function group<K>(map: Map<K, Accumulator>, key: K): Accumulator {
  let accumulator = map.get(key);
  if (!accumulator) {
    accumulator = new Accumulator();
    map.set(key, accumulator);
  }
  return accumulator;
}

/** The first instant of the UTC month of `date`, as a number (a map key). */
function monthKey(date: Date): number {
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}

/**
 * Sums the period's lost deals by reason, by the stage they were lost from, by owner and by month.
 * `conversion` adds each figure's converted value.
 */
export function summarizeLostDeals(
  deals: LostDealRow[],
  options: { stageOrder: number[]; months: Date[]; conversion?: LostDealsConversion },
): LostDealsSummary {
  const conversion = options.conversion ?? null;
  const total = new Accumulator();
  const reasons = new Map<string | null, Accumulator>();
  const stages = new Map<number, Accumulator>();
  const owners = new Map<number | null, Accumulator>();
  const months = new Map<number, Accumulator>();
  const monthReasons = new Map<number, Map<string | null, number>>();
  for (const deal of deals) {
    const converted = conversion === null ? undefined : conversion.convert(deal);
    total.add(deal, converted);
    group(reasons, deal.reason).add(deal, converted);
    group(stages, deal.lostFromStageId).add(deal, converted);
    group(owners, deal.ownerId).add(deal, converted);
    const month = monthKey(deal.closedAt);
    group(months, month).add(deal, converted);
    const perReason = monthReasons.get(month) ?? new Map<string | null, number>();
    perReason.set(deal.reason, (perReason.get(deal.reason) ?? 0) + 1);
    monthReasons.set(month, perReason);
  }
  const all = total.count;
  const figure = (a: Accumulator | undefined) => (a ?? new Accumulator()).figure(all, conversion);

  const reasonRows = [...reasons]
    .map(([reason, a]) => ({ reason, ...figure(a) }))
    .sort((a, b) => Number(a.reason === null) - Number(b.reason === null) || b.count - a.count || (a.reason ?? '').localeCompare(b.reason ?? ''));
  const order = new Map(options.stageOrder.map((id, i) => [id, i]));
  const stageRows = [...stages]
    .map(([stageId, a]) => ({ stageId, ...figure(a) }))
    .sort((a, b) => (order.get(a.stageId) ?? order.size) - (order.get(b.stageId) ?? order.size) || a.stageId - b.stageId);
  const ownerRows = [...owners]
    .map(([ownerId, a]) => ({ ownerId, ...figure(a) }))
    .sort((a, b) => Number(a.ownerId === null) - Number(b.ownerId === null) || b.count - a.count || (a.ownerId ?? 0) - (b.ownerId ?? 0));
  const reasonOrder = reasonRows.map((r) => r.reason);
  const monthRows = options.months.map((month) => {
    const key = monthKey(month);
    const perReason = monthReasons.get(key) ?? new Map();
    return {
      month: new Date(key),
      ...figure(months.get(key)),
      reasons: reasonOrder.filter((r) => perReason.has(r)).map((reason) => ({ reason, count: perReason.get(reason) as number })),
    };
  });
  return { total: figure(total), reasons: reasonRows, stages: stageRows, owners: ownerRows, months: monthRows };
}
