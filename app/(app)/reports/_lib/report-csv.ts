import { csvLine } from '@/lib/csv/csv-line';
import { toPublicId } from '@/lib/ids';
import type { RateInForce } from '@/lib/currency/exchange-rate-table';
import { type ConvertedMoney, emptyConvertedMoney } from '@/lib/reports/converted-money';
import { percent } from '@/lib/reports/rates';
import { daysOf, majorDecimal } from '@/components/reports/format';
import type { LostFigure } from '@/lib/reports/lost-deals';
import type { LoadedReport } from './load-report';

// Each report's main table as CSV rows (RFC 4180): one record per line, money as exact decimals in
// major units next to its currency, instants as ISO 8601 UTC, the days a person chose as YYYY-MM-DD.
// Money reports put the converted figure first ("Value (USD)") and the money without a rate in an
// "Unconverted" column naming why, then the per-currency rows, and end with the rates used.

type Cell = string | number | null;

/**
 * The days a person chose for a snapshot, as the form shows them (YYYY-MM-DD): "as of the end of
 * 6 Dec" is written 2026-12-06, not the instant it ends (the next day's midnight).
 */
export interface SnapshotDays {
  asOf: string;
  compare: string;
}

/** The converted figure's amount, exact in major units. */
function convertedCell(money: ConvertedMoney): string {
  return majorDecimal(money.value, money.currency);
}

/** "CHF 700.00 (1 deal): no CHF rate; GBP …", or null when everything converted. */
export function unconvertedCell(money: ConvertedMoney): string | null {
  if (money.unconverted.length === 0) return null;
  return money.unconverted
    .map((u) => `${u.currency} ${majorDecimal(u.value, u.currency)} (${u.count} ${u.count === 1 ? 'deal' : 'deals'}): ${u.reason}`)
    .join('; ');
}

/** The stored rates the converted columns used, as a closing block. */
function ratesRows(currency: string, rates: RateInForce[]): Cell[][] {
  return [
    [],
    [`converted_to`, 'rate_currency', 'rate', 'valid_from'],
    ...(rates.length === 0 ? [[currency, null, null, null]] : rates.map((r): Cell[] => [currency, r.currency, r.rate, r.validFrom])),
  ];
}

export function reportCsvRows(loaded: LoadedReport, days: SnapshotDays): Cell[][] {
  switch (loaded.slug) {
    case 'movement': {
      const r = loaded.report;
      const stage = new Map(r.scope.stages.map((s) => [s.id, s.name]));
      const pipeline = new Map(r.otherPipelines.map((p) => [p.id, p.name]));
      const rows: Cell[][] = [['from', 'to', 'direction', 'moves', `Value (${r.currency})`, 'Unconverted', 'currency', 'value']];
      for (const c of r.cells) {
        const from =
          c.fromStageId !== null ? stage.get(c.fromStageId)! : c.fromPipelineId !== null ? `(pipeline ${pipeline.get(c.fromPipelineId)})` : '(new deal)';
        const to =
          c.toStageId !== null
            ? stage.get(c.toStageId)!
            : c.toPipelineId !== null
              ? `(pipeline ${pipeline.get(c.toPipelineId)})`
              : `(${c.direction} by status)`;
        const money = Object.entries(c.value);
        const converted = [convertedCell(c.converted), unconvertedCell(c.converted)];
        if (money.length === 0) rows.push([from, to, c.direction, c.count, ...converted, null, null]);
        money.forEach(([currency, value], i) => {
          rows.push([from, to, c.direction, i === 0 ? c.count : null, ...(i === 0 ? converted : [null, null]), currency, majorDecimal(value, currency)]);
        });
      }
      return [...rows, ...ratesRows(r.currency, r.ratesUsed)];
    }
    case 'funnel': {
      const r = loaded.report;
      const stage = new Map(r.scope.stages.map((s) => [s.id, s.name]));
      const rows: Cell[][] = [['owner', 'stage', 'entered', 'reached_next', 'conversion_rate_pct', 'won', 'win_rate_pct', 'lost']];
      rows.push(['(all)', '(entered the pipeline)', r.overall.entered, null, null, r.overall.won, percent(r.overall.won, r.overall.entered), r.overall.lost]);
      for (const s of r.steps)
        rows.push(['(all)', stage.get(s.stageId)!, s.entered, s.reachedNext, percent(s.reachedNext, s.entered), s.won, percent(s.won, s.entered), s.lost]);
      for (const o of r.owners) {
        const owner = o.owner?.name ?? '(no owner)';
        rows.push([owner, '(entered the pipeline)', o.overall.entered, null, null, o.overall.won, percent(o.overall.won, o.overall.entered), o.overall.lost]);
        for (const s of o.steps)
          rows.push([owner, stage.get(s.stageId)!, s.entered, s.reachedNext, percent(s.reachedNext, s.entered), s.won, percent(s.won, s.entered), s.lost]);
      }
      return rows;
    }
    case 'time-in-stage': {
      const r = loaded.report;
      const stage = new Map(r.scope.stages.map((s) => [s.id, s]));
      const rows: Cell[][] = [
        ['stage', 'deals', 'stays', 'median_days', 'p75_days', 'mean_days', 'rotting_days', 'open_in_stage_now', 'over_p75_now', 'rotting_now'],
      ];
      for (const d of r.durations) {
        rows.push([
          stage.get(d.stageId)!.name,
          d.deals,
          d.stays,
          daysOf(d.medianSeconds),
          daysOf(d.p75Seconds),
          daysOf(d.meanSeconds),
          stage.get(d.stageId)!.rottingDays,
          d.currentDeals,
          d.overP75,
          d.rotting,
        ]);
      }
      return rows;
    }
    case 'snapshot': {
      const r = loaded.report;
      const stage = new Map(r.scope.stages.map((s) => [s.id, s.name]));
      const rows: Cell[][] = [['as_of', 'stage', 'deals', `Value (${r.currency})`, 'Unconverted', 'currency', 'value']];
      const asOf = days.asOf;
      for (const c of r.columns) {
        const money = Object.entries(c.value);
        const converted = [convertedCell(c.converted), unconvertedCell(c.converted)];
        if (money.length === 0) rows.push([asOf, stage.get(c.stageId)!, c.count, ...converted, null, null]);
        money.forEach(([currency, value], i) => {
          rows.push([asOf, stage.get(c.stageId)!, i === 0 ? c.count : null, ...(i === 0 ? converted : [null, null]), currency, majorDecimal(value, currency)]);
        });
      }
      rows.push(...ratesRows(r.currency, r.ratesUsed));
      const changes = loaded.changes;
      rows.push([]);
      rows.push(['changes_from', 'changes_to', 'change', 'deals', 'currency', 'value']);
      for (const s of [
        ...changes.summary.map((x) => ({ change: x.change as string, count: x.count, value: x.value })),
        { change: 'slipped', ...changes.slipped },
      ]) {
        const money = Object.entries(s.value);
        if (money.length === 0) rows.push([days.compare, days.asOf, s.change, s.count, null, null]);
        money.forEach(([currency, value], i) => {
          rows.push([days.compare, days.asOf, s.change, i === 0 ? s.count : null, currency, majorDecimal(value, currency)]);
        });
      }
      rows.push([]);
      rows.push(['deal_id', 'deal', 'change', 'slipped', 'stage_then', 'stage_later', 'currency', 'value_then', 'value_later', 'expected_close_today']);
      for (const d of changes.deals) {
        rows.push([
          toPublicId('deal', d.id),
          d.name,
          d.change,
          d.slipped ? 'yes' : 'no',
          d.fromStageId === null ? null : (stage.get(d.fromStageId) ?? null),
          d.toStageId === null ? null : (stage.get(d.toStageId) ?? null),
          d.currency,
          d.valueBefore === null ? null : majorDecimal(d.valueBefore, d.currency),
          d.valueAfter === null ? null : majorDecimal(d.valueAfter, d.currency),
          d.expectedClose ? d.expectedClose.toISOString().slice(0, 10) : null,
        ]);
      }
      return rows;
    }
    case 'forecast': {
      const r = loaded.report;
      const rows: Cell[][] = [
        [
          'month',
          `Open value (${r.currency})`,
          `Weighted (${r.currency})`,
          `Won value (${r.currency})`,
          'Unconverted',
          'currency',
          'open_deals',
          'open_value',
          'weighted_value',
          'won_deals',
          'won_value',
        ],
      ];
      for (const m of r.months) {
        const month = m.month.toISOString().slice(0, 7);
        const currencies = [...new Set([...Object.keys(m.open.value), ...Object.keys(m.won.value)])].sort();
        const unconverted = [
          [`open`, unconvertedCell(m.open.converted)],
          [`won`, unconvertedCell(m.won.converted)],
        ].flatMap(([kind, note]) => (note ? [`${kind}: ${note}`] : []));
        const converted: Cell[] = [
          convertedCell(m.open.converted),
          convertedCell(m.open.convertedWeighted),
          convertedCell(m.won.converted),
          unconverted.length === 0 ? null : unconverted.join('; '),
        ];
        if (currencies.length === 0) rows.push([month, ...converted, null, 0, null, null, 0, null]);
        for (const [i, c] of currencies.entries()) {
          rows.push([
            month,
            ...(i === 0 ? converted : [null, null, null, null]),
            c,
            m.open.countByCurrency[c] ?? 0,
            m.open.value[c] === undefined ? '0' : majorDecimal(m.open.value[c]!, c),
            m.open.weighted[c] === undefined ? '0' : majorDecimal(m.open.weighted[c]!, c),
            m.won.countByCurrency[c] ?? 0,
            m.won.value[c] === undefined ? '0' : majorDecimal(m.won.value[c]!, c),
          ]);
        }
      }
      return [...rows, ...ratesRows(r.currency, r.ratesUsed)];
    }
    case 'lost-deals': {
      const r = loaded.report;
      const stage = new Map([...r.scope.stages, ...r.otherStages].map((s) => [s.id, s.name]));
      const owner = new Map(r.ownerNames.map((o) => [o.id, o.name]));
      // one record per figure and currency; the count, share and converted figure on its first
      const rows: Cell[][] = [['breakdown', 'item', 'deals', 'share_pct', `Value (${r.currency})`, 'Unconverted', 'currency', 'value']];
      const add = (breakdown: string, item: string, f: LostFigure) => {
        const converted = f.converted ?? emptyConvertedMoney(r.currency);
        const first: Cell[] = [breakdown, item, f.count, f.share, convertedCell(converted), unconvertedCell(converted)];
        const money = Object.entries(f.value);
        if (money.length === 0) rows.push([...first, null, null]);
        money.forEach(([currency, value], i) => {
          rows.push([...(i === 0 ? first : [breakdown, item, null, null, null, null]), currency, majorDecimal(value, currency)]);
        });
      };
      add('total', '(all lost deals)', r.total);
      for (const x of r.reasons) add('reason', x.reason ?? '(no reason given)', x);
      for (const x of r.stages) add('lost_from_stage', stage.get(x.stageId) ?? `(stage ${x.stageId})`, x);
      for (const x of r.owners) add('owner', x.ownerId === null ? '(no owner)' : (owner.get(x.ownerId) ?? '(unknown user)'), x);
      for (const x of r.months) add('month', x.month.toISOString().slice(0, 7), x);
      return [...rows, ...ratesRows(r.currency, r.ratesUsed)];
    }
  }
}

/** RFC 4180 text, formulas neutralised (lib/csv/csv-line.ts). */
export function toCsv(rows: Cell[][]): string {
  return rows.map(csvLine).join('');
}
