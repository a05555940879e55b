import { describeRate } from '@/lib/currency/convert-money';
import type { RateInForce } from '@/lib/currency/exchange-rate-table';
import { formatMoney } from '@/lib/money/format-money';
import type { ConvertedMoney } from '@/lib/reports/converted-money';
import type { MoneyByCurrency } from '@/lib/reports/money-by-currency';
import { formatMoneyMap } from './format';

// Converted report figures (server components): the converted amount first, money without a rate
// named beside it (never counted as 0), the per-currency amounts behind a toggle.

/** "+ CHF 700 not converted (no CHF rate)", one line per currency. */
export function UnconvertedLines({ money, compact = false }: { money: ConvertedMoney; compact?: boolean }) {
  if (money.unconverted.length === 0) return null;
  return (
    <span className="block text-xs font-normal leading-snug text-amber-800">
      {money.unconverted.map((u) => (
        <span key={u.currency} className="block">
          + {formatMoney(u.value, u.currency, { compact })} not converted ({u.reason})
        </span>
      ))}
    </span>
  );
}

/**
 * A headline figure: the converted amount, what could not be converted, and the amounts per
 * currency in a disclosure (a details element: reachable by keyboard, works without script).
 */
export function ConvertedStat({ money, breakdown }: { money: ConvertedMoney; breakdown: MoneyByCurrency }) {
  const currencies = Object.keys(breakdown);
  return (
    <span className="block">
      <span className="block truncate" data-converted={money.currency}>
        {formatMoney(money.value, money.currency, { compact: true })}
      </span>
      <UnconvertedLines money={money} compact />
      {currencies.length > 0 ? (
        <details className="mt-0.5 text-xs font-normal text-slate-500">
          <summary className="cursor-pointer rounded hover:text-slate-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-300">
            By currency
          </summary>
          <span className="block">
            {Object.entries(breakdown).map(([currency, value]) => (
              <span key={currency} className="block tabular-nums">
                {formatMoney(value, currency)}
              </span>
            ))}
          </span>
        </details>
      ) : null}
    </span>
  );
}

/**
 * A table's money: the converted amount (its per-currency amounts as the hover title), a mark for
 * money not converted, and the per-currency amounts below when the page shows the breakdown.
 */
export function ConvertedCell({
  money,
  breakdown,
  showBreakdown,
  compact = false,
}: {
  money: ConvertedMoney;
  breakdown: MoneyByCurrency;
  showBreakdown: boolean;
  compact?: boolean;
}) {
  const empty = Object.keys(breakdown).length === 0;
  if (empty) return <span className="text-slate-400">—</span>;
  return (
    <span className="block" title={formatMoneyMap(breakdown)}>
      <span className="block">{formatMoney(money.value, money.currency, { compact })}</span>
      {money.unconverted.map((u) => (
        <span key={u.currency} className="block text-xs text-amber-800" title={u.reason}>
          + {formatMoney(u.value, u.currency, { compact: true })} <span className="sr-only">not converted: {u.reason}</span>
        </span>
      ))}
      {showBreakdown
        ? Object.entries(breakdown).map(([currency, value]) => (
            <span key={currency} className="block text-xs text-slate-500">
              {formatMoney(value, currency, { compact })}
            </span>
          ))
        : null}
    </span>
  );
}

/** "Converted to USD at the rates in force on each deal's date — rates used: …", and what had no rate. */
export function ConversionNote({
  currency,
  home,
  rates,
  basis,
  unconverted,
}: {
  currency: string;
  home: string;
  rates: RateInForce[];
  basis: string;
  /** every figure's unconverted money, to name the missing rates once */
  unconverted: ConvertedMoney[];
}) {
  const missing = [...new Set(unconverted.flatMap((m) => m.unconverted.map((u) => u.reason)))].sort();
  return (
    <div
      role="note"
      aria-label="Currency conversion"
      className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-xs leading-relaxed text-slate-600"
    >
      <p>
        Converted to <strong className="font-semibold text-slate-800">{currency}</strong> at the rates in force {basis} — rates used:{' '}
        {rates.length === 0 ? 'none needed' : rates.map((r) => describeRate(r, home)).join(' · ')}.
      </p>
      {missing.length > 0 ? (
        <p className="mt-1 text-amber-800">Not converted, shown apart: {missing.join('; ')}. Add the rate in Settings → Currencies to include it.</p>
      ) : null}
    </div>
  );
}

/** A figure as short text: "$1.2K", with "+ CHF 700 not converted" when some money had no rate. */
export function convertedSummary(money: ConvertedMoney, breakdown: MoneyByCurrency): string {
  if (Object.keys(breakdown).length === 0) return '—';
  const apart = money.unconverted.map((u) => ` + ${formatMoney(u.value, u.currency, { compact: true })} not converted`).join('');
  return `${formatMoney(money.value, money.currency, { compact: true })}${apart}`;
}
