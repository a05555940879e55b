import 'server-only';
import type { BoardConversion } from '../../board/converted-totals';
import { conversionSteps } from '../../currency/conversion-steps';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';
import { utcDay } from '../../time/utc-day';
import { convertedValueSql } from '../currency/converted-value-sql';
import { loadExchangeRateTable } from '../currency/load-exchange-rate-table';

const d = tableAs('deals', 'd');

/**
 * The deals table's "value in the home currency": each deal (alias d) converted at today's rates,
 * NULL where its currency has no rate. The table's column and sort and its CSV export read it here.
 */
export async function loadDealsTableConversion(): Promise<{ conversion: BoardConversion; converted: RawBuilder<unknown> }> {
  const table = await loadExchangeRateTable();
  const conversion: BoardConversion = { currency: table.home, day: utcDay(), table };
  const steps = conversionSteps(table, [table.home, ...Object.keys(table.byCurrency)], table.home);
  return { conversion, converted: convertedValueSql(steps, d('value'), d('currency'), sql`${conversion.day}`) };
}
