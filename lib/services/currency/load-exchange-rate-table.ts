import 'server-only';
import { db } from '../../db';
import { createExchangeRateTable, type ExchangeRateTable } from '../../currency/exchange-rate-table';
import type { DbClient } from '../deals/resolve-deal-references';
import { readHomeCurrency } from './home-currency';

/**
 * The home currency and every rate into it: a small table (a rate per currency per day at most), read
 * whole in two primary-key/unique-index reads so any date can be converted without another query.
 */
export async function loadExchangeRateTable(client: DbClient | typeof db = db): Promise<ExchangeRateTable> {
  const home = await readHomeCurrency(client);
  const rows = await client.exchangeRate.findMany({
    where: { base: home },
    orderBy: [{ currency: 'asc' }, { validFrom: 'asc' }],
    select: { currency: true, rate: true, validFrom: true },
  });
  return createExchangeRateTable(
    home,
    rows.map((row) => ({ currency: row.currency.trim(), rate: row.rate.toFixed(), validFrom: row.validFrom.toISOString().slice(0, 10) })),
  );
}
