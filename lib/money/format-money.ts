// Money is integer minor units (bigint or a safe number); formatting never goes through floats.

const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, VND: 0, CLP: 0, ISK: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3 };

export function minorUnitDigits(currency: string): number {
  return MINOR_DIGITS[currency.toUpperCase()] ?? 2;
}

const SYMBOLS = new Map<string, { symbol: string; symbolFirst: boolean }>();

/**
 * The currency's symbol and on which side of the number it goes, from Intl once per currency:
 * building an Intl.NumberFormat is costly, and a board formats money for every card it renders
 * (it was the board's largest JavaScript cost while scrolling, measured by npm run bench:ui).
 */
function currencySymbol(currency: string, digits: number): { symbol: string; symbolFirst: boolean } {
  let known = SYMBOLS.get(currency);
  if (!known) {
    const parts = new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).formatToParts(
      0,
    );
    known = {
      symbol: parts
        .filter((p) => p.type === 'currency')
        .map((p) => p.value)
        .join(''),
      symbolFirst: parts.findIndex((p) => p.type === 'currency') < parts.findIndex((p) => p.type === 'integer'),
    };
    SYMBOLS.set(currency, known);
  }
  return known;
}

/** "1234567" minor USD → "$12,345.67"; exact for any size. */
export function formatMoney(minor: bigint | number | string, currency: string, options: { compact?: boolean } = {}): string {
  if (options.compact) return compactMoney(minor, currency);
  const value = BigInt(minor);
  const digits = minorUnitDigits(currency);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scale = 10n ** BigInt(digits);
  const major = abs / scale;
  const fraction = abs % scale;
  const { symbol, symbolFirst } = currencySymbol(currency, digits);
  const grouped = major.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const number = digits > 0 ? `${grouped}.${fraction.toString().padStart(digits, '0')}` : grouped;
  const body = symbolFirst ? `${symbol}${number}` : `${number} ${symbol}`;
  return negative ? `-${body}` : body;
}

const UNITS: [string, bigint][] = [
  ['T', 1_000_000_000_000n],
  ['B', 1_000_000_000n],
  ['M', 1_000_000n],
  ['K', 1_000n],
];

/**
 * "$76K", "€1.2M", "$3,550.00" — money in a few characters. Deterministic integer arithmetic (one
 * decimal, rounded half up), not Intl's compact notation: Node's and the browsers' ICU disagree on
 * it ("$76.0K" vs "$76K"), which breaks hydration of server-rendered cards.
 */
export function compactMoney(minor: bigint | number | string, currency: string): string {
  const value = BigInt(minor);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const major = abs / 10n ** BigInt(minorUnitDigits(currency));
  if (major < 10_000n) {
    // whole units: "$7,322" (the exact figure is in the title)
    const scale = 10n ** BigInt(minorUnitDigits(currency));
    const rounded = ((abs + scale / 2n) / scale) * scale;
    return formatMoney(negative ? -rounded : rounded, currency).replace(/\.\d+(?=\D*$)/, '');
  }
  const zero = formatMoney(0, currency);
  const prefix = /^[^\d]*/.exec(zero)?.[0] ?? '';
  const suffix = /[^\d]*$/.exec(zero)?.[0] ?? '';
  for (let i = UNITS.length - 1; i >= 0; i -= 1) {
    const [unit, size] = UNITS[i]!;
    const tenths = (major * 10n + size / 2n) / size;
    const bigger = UNITS[i - 1];
    if (tenths >= 10_000n && bigger) continue; // 999.96K → 1M
    const text = tenths % 10n === 0n ? `${tenths / 10n}` : `${tenths / 10n}.${tenths % 10n}`;
    if (tenths < 10_000n || !bigger) return `${negative ? '-' : ''}${prefix}${text}${unit}${suffix}`;
  }
  return formatMoney(value, currency);
}
