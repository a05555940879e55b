import 'server-only';
import { type BoardConversion, type ConvertedTotal, NO_CONVERTED_TOTAL, weightedValue } from '../../board/converted-totals';
import type { BoardFilters } from '../../board/board-filters';
import { conversionSteps } from '../../currency/conversion-steps';
import { type RawClient, queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';
import { convertedValueSql } from '../currency/converted-value-sql';
import { boardFilterSql } from './board-filter-sql';

const d = tableAs('deals', 'd');
const s = tableAs('stages', 's');

/** A column's money in one currency: exact sums of minor units, as decimal strings. */
export interface StageTotal {
  currency: string;
  count: number;
  /** sum of the deals' values */
  total: string;
  /** sum of value × the stage's probability / 100, rounded half up to the minor unit */
  weighted: string;
}

export interface StageMoney {
  /** per currency, most deals first */
  totals: StageTotal[];
  /** the deals that could be converted, in the conversion's currency */
  converted: ConvertedTotal;
}

/**
 * Every live stage's money for the deals of a pipeline matching the filters, in one statement grouped
 * by stage and currency: per currency as stored, and converted deal by deal (convertedValueSql) into
 * the conversion's currency on its day, then summed, so a column's figure is the sum of its cards'.
 * A currency with no rate that day sums to NULL and stays out of the converted figure.
 */
export async function readStageMoney(
  client: Pick<RawClient, '$queryRawUnsafe'>,
  input: { pipelineId: number; filters: BoardFilters; conversion: BoardConversion },
): Promise<Map<number, StageMoney>> {
  const { conversion } = input;
  const currencies = [conversion.table.home, conversion.currency, ...Object.keys(conversion.table.byCurrency)];
  const steps = conversionSteps(conversion.table, currencies, conversion.currency);
  const converted = convertedValueSql(steps, d('value'), d('currency'), sql`${conversion.day}`);
  const rows = await queryRows<{
    stageId: number;
    probability: number;
    currency: string;
    count: number;
    total: string;
    weighted: string;
    converted: string | null;
  }>(
    client,
    sql`
    SELECT ${d('stage_id')} AS "stageId", MIN(${s('probability')})::int AS probability, ${d('currency')}, COUNT(*)::int AS count,
           SUM(${d('value')})::text AS total,
           ROUND(SUM(${d('value')} * ${s('probability')}) / 100.0)::bigint::text AS weighted,
           SUM(${converted})::text AS converted
    FROM ${d.from} JOIN ${s.from} ON ${s('id')} = ${d('stage_id')}
    WHERE ${d('pipeline_id')} = ${input.pipelineId} AND ${s('deleted_at')} IS NULL AND ${boardFilterSql(input.filters)}
    GROUP BY ${d('stage_id')}, ${d('currency')}`,
  );
  const byStage = new Map<number, StageMoney>();
  for (const row of rows) {
    const stageId = Number(row.stageId);
    const money = byStage.get(stageId) ?? { totals: [], converted: NO_CONVERTED_TOTAL };
    money.totals.push({ currency: String(row.currency).trim(), count: Number(row.count), total: String(row.total), weighted: String(row.weighted) });
    if (row.converted !== null) {
      const total = (BigInt(money.converted.total) + BigInt(String(row.converted))).toString();
      money.converted = { count: money.converted.count + Number(row.count), total, weighted: weightedValue(total, Number(row.probability)) };
    }
    byStage.set(stageId, money);
  }
  for (const money of byStage.values()) money.totals.sort((a, b) => b.count - a.count || a.currency.localeCompare(b.currency));
  return byStage;
}
