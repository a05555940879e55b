// Money in reports: exact sums of integer minor units, one entry per currency (never converted; the
// converted figure beside it is lib/reports/converted-money.ts).

/** Currency code → minor units, currency codes in alphabetical order. */
export type MoneyByCurrency = Record<string, bigint>;

/** Builds a MoneyByCurrency from SQL rows carrying a currency and a sum as text (exact). */
export function moneyOf(entries: Iterable<{ currency: string; value: string | bigint | null }>): MoneyByCurrency {
  const pairs = [...entries]
    .filter((e) => e.value !== null)
    .map((e) => [e.currency.trim(), BigInt(e.value!)] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return Object.fromEntries(pairs);
}

/** The currency with the largest amount (the one a chart plots first), or null when empty. */
export function mainCurrency(...maps: MoneyByCurrency[]): string | null {
  const totals = new Map<string, bigint>();
  for (const map of maps) for (const [currency, value] of Object.entries(map)) totals.set(currency, (totals.get(currency) ?? 0n) + value);
  let best: string | null = null;
  for (const [currency, value] of totals) if (best === null || value > totals.get(best)!) best = currency;
  return best;
}
