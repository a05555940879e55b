// The exchange rates in force on a day, for converting money into one currency. Pure: the browser's
// optimistic board totals and the server's reports read the same table the same way.

/** One stored rate: `rate` units of the home currency buy one unit of `currency`, from `validFrom` on. */
export interface ExchangeRateEntry {
  currency: string;
  /** a positive decimal string */
  rate: string;
  /** YYYY-MM-DD */
  validFrom: string;
}

/** The rates into one home currency, per currency in date order. */
export interface ExchangeRateTable {
  home: string;
  /** currency → its rates, oldest first */
  byCurrency: Record<string, ExchangeRateEntry[]>;
}

/** A rate as used for a conversion, for saying which rate a figure used. */
export interface RateInForce {
  currency: string;
  rate: string;
  validFrom: string;
}

export function createExchangeRateTable(home: string, entries: readonly ExchangeRateEntry[]): ExchangeRateTable {
  const byCurrency: Record<string, ExchangeRateEntry[]> = {};
  for (const entry of entries) {
    const currency = entry.currency.trim().toUpperCase();
    if (currency === home) continue;
    byCurrency[currency] ??= [];
    byCurrency[currency].push({ currency, rate: entry.rate, validFrom: entry.validFrom });
  }
  for (const list of Object.values(byCurrency)) list.sort((a, b) => a.validFrom.localeCompare(b.validFrom));
  return { home, byCurrency };
}

/**
 * The rate of `currency` in force on `day` (YYYY-MM-DD): the latest one whose date is not after it.
 * The home currency is always 1. Null when the currency has no rate on or before that day.
 */
export function rateInForce(table: ExchangeRateTable, currency: string, day: string): RateInForce | null {
  const code = currency.trim().toUpperCase();
  if (code === table.home) return { currency: code, rate: '1', validFrom: '0001-01-01' };
  const list = table.byCurrency[code];
  if (!list) return null;
  let found: ExchangeRateEntry | null = null;
  for (const entry of list) {
    if (entry.validFrom > day) break;
    found = entry;
  }
  return found ? { currency: code, rate: found.rate, validFrom: found.validFrom } : null;
}

/** The first day a currency can be converted, or null when it has no rate at all. */
export function firstRateDay(table: ExchangeRateTable, currency: string): string | null {
  const code = currency.trim().toUpperCase();
  if (code === table.home) return '0001-01-01';
  return table.byCurrency[code]?.[0]?.validFrom ?? null;
}

/** Every day on which some rate of `currencies` changes, sorted: the breakpoints of a dated conversion. */
export function rateChangeDays(table: ExchangeRateTable, currencies: readonly string[]): string[] {
  const days = new Set<string>();
  for (const currency of currencies) for (const entry of table.byCurrency[currency.trim().toUpperCase()] ?? []) days.add(entry.validFrom);
  return [...days].sort();
}
