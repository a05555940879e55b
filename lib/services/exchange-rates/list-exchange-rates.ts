import 'server-only';
import { type RateInForce, rateInForce } from '../../currency/exchange-rate-table';
import type { ServiceContext } from '../context';
import { loadExchangeRateTable } from '../currency/load-exchange-rate-table';

export interface ExchangeRateList {
  home: string;
  /** by currency, then date (newest last) */
  rates: RateInForce[];
}

/**
 * The rates into the home currency, for everyone who reads money (rates are not secret). With `on`,
 * only each currency's rate in force that day; with `currency`, only that currency's.
 */
export async function listExchangeRates({ ctx, input }: { ctx: ServiceContext; input: { currency?: string; on?: string } }): Promise<ExchangeRateList> {
  void ctx; // every signed-in user sees the rates the figures they read were converted with
  const table = await loadExchangeRateTable();
  const currencies = Object.keys(table.byCurrency)
    .filter((currency) => !input.currency || currency === input.currency)
    .sort();
  const rates: RateInForce[] = [];
  for (const currency of currencies) {
    if (input.on) {
      const rate = rateInForce(table, currency, input.on);
      if (rate) rates.push(rate);
    } else {
      for (const entry of table.byCurrency[currency] ?? []) rates.push({ currency, rate: entry.rate, validFrom: entry.validFrom });
    }
  }
  return { home: table.home, rates };
}
