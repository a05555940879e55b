// Money is integer minor units (bigint or a safe number); formatting never goes through floats.

const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

export function minorUnitDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

/** "1234567" minor USD → "$12,345.67"; exact for any size. */
export function formatMoney(minor: bigint | number | string, currency: string, options: { compact?: boolean } = {}): string {
  const value = BigInt(minor);
  const digits = minorUnitDigits(currency);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(digits);
  const major = abs / scale;
  const fraction = abs % scale;
  if (options.compact && major >= 10_000n) {
    const formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
    return formatter.format(Number(negative ? -major : major));
  }
  const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).formatToParts(0);
  const symbol = parts.filter((p) => p.type === 'currency').map((p) => p.value).join('');
  const symbolFirst = parts.findIndex((p) => p.type === 'currency') < parts.findIndex((p) => p.type === 'integer');
  const grouped = major.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = digits > 0 ? `${grouped}.${fraction.toString().padStart(digits, '0')}` : grouped;
  const body = symbolFirst ? `${symbol}${number}` : `${number} ${symbol}`;
  return negative ? `-${body}` : body;
}
