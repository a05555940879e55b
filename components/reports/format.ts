import { formatMoney, minorUnitDigits } from '@/lib/money/format-money';

export { formatDurationSeconds as formatDuration } from '@/lib/time/format-duration';

// Formatting shared by the report pages, charts and CSV files (pure).

/** Money per currency as text: "$1,200.00 + €300.00"; "—" when empty. */
export function formatMoneyMap(money: Record<string, bigint>, options: { compact?: boolean } = {}): string {
  const entries = Object.entries(money).filter(([, v]) => v !== 0n);
  if (entries.length === 0) return '—';
  return entries.map(([currency, value]) => formatMoney(value, currency, options)).join(' + ');
}

/** Minor units → major units as a number, for charts (exact enough to draw). */
export function majorUnits(minor: bigint, currency: string): number {
  return Number(minor) / 10 ** minorUnitDigits(currency);
}

/** Minor units → an exact decimal string in major units, for CSV ("1234.50"). */
export function majorDecimal(minor: bigint, currency: string): string {
  const digits = minorUnitDigits(currency);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  const text = digits === 0 ? `${abs}` : `${abs / scale}.${(abs % scale).toString().padStart(digits, '0')}`;
  return negative ? `-${text}` : text;
}

/** Compact axis labels: 1200 → "1.2k", 3400000 → "3.4M". */
export function compactNumber(value: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

export function formatPercent(value: number | null): string {
  return value === null ? '—' : `${value.toFixed(value % 1 === 0 ? 0 : 1)}%`;
}

const DAY_SECONDS = 86_400;

export function daysOf(seconds: number | null): number | null {
  return seconds === null ? null : Math.round((seconds / DAY_SECONDS) * 10) / 10;
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

export function formatDay(date: Date): string {
  return DATE.format(date);
}

export function formatMonth(date: Date): string {
  return MONTH.format(date);
}

/** An exclusive period end shown as its last day. */
export function formatPeriod(from: Date, to: Date): string {
  return `${formatDay(from)} – ${formatDay(new Date(to.getTime() - 1))}`;
}
