'use client';

import { useId, useState } from 'react';
import { type BoardConversion, type ConvertedTotal, describeUnconverted, type UnconvertedTotal } from '@/lib/board/converted-totals';
import { describeRate } from '@/lib/currency/convert-money';
import { rateInForce } from '@/lib/currency/exchange-rate-table';
import { compactMoney, formatMoney } from '@/lib/money/format-money';
import type { BoardStageSummary } from './board-data';

/**
 * One converted figure ("$3.2M"), first; the per-currency amounts behind it and the rates used on
 * hover, keyboard focus or a tap (a disclosure button with a tooltip), so the sum can be checked.
 */
export function ConvertedFigure({
  conversion,
  converted,
  totals,
  unconverted,
  pick = 'total',
  label,
  testId,
  className = '',
}: {
  conversion: BoardConversion;
  converted: ConvertedTotal;
  totals: BoardStageSummary['totals'];
  unconverted: UnconvertedTotal[];
  pick?: 'total' | 'weighted';
  /** what the figure is, for the breakdown's heading ("Negotiation total") */
  label: string;
  testId?: string;
  className?: string;
}) {
  const id = useId();
  const [pinned, setPinned] = useState(false);
  const figure = compactMoney(converted[pick], conversion.currency);
  const missing = new Set(unconverted.map((u) => u.currency));
  const foreign = totals.filter((t) => t.currency !== conversion.currency && !missing.has(t.currency));
  return (
    <span className={`group/figure relative inline-flex ${className}`}>
      <button
        type="button"
        data-testid={testId}
        aria-describedby={`${id}-breakdown`}
        aria-expanded={pinned}
        onClick={() => setPinned((p) => !p)}
        onBlur={() => setPinned(false)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') setPinned(false);
        }}
        className="rounded tabular-nums underline decoration-slate-300 decoration-dotted underline-offset-2 hover:decoration-slate-500 focus:outline-none focus-visible:ring-2 focus-visible:ring-blue-500"
      >
        {figure}
      </button>
      <span
        id={`${id}-breakdown`}
        role="tooltip"
        data-testid={testId ? `${testId}-breakdown` : undefined}
        className={`${pinned ? 'block' : 'hidden'} absolute left-0 top-full z-30 mt-1 w-64 rounded-md bg-slate-900 px-3 py-2 text-left text-xs font-normal leading-5 text-white shadow-lg group-hover/figure:block group-focus-within/figure:block`}
      >
        <span className="block font-semibold">
          {label}: {formatMoney(converted[pick], conversion.currency)}
        </span>
        <span className="block text-slate-300">
          {converted.count} {converted.count === 1 ? 'deal' : 'deals'} converted into {conversion.currency} at the rates of {conversion.day}, deal by deal
        </span>
        {totals.map((t) => (
          <span key={t.currency} className="block tabular-nums">
            {t.count} in {t.currency}: {formatMoney(t[pick], t.currency)}
            {missing.has(t.currency) ? ' (not converted)' : ''}
          </span>
        ))}
        {foreign.map((t) => {
          const rate = rateInForce(conversion.table, t.currency, conversion.day);
          return rate ? (
            <span key={`rate-${t.currency}`} className="block text-slate-300">
              {describeRate(rate, conversion.table.home)}
            </span>
          ) : null;
        })}
        {unconverted.map((u) => (
          <span key={`missing-${u.currency}`} className="block text-amber-300">
            + {describeUnconverted(u)}
          </span>
        ))}
      </span>
    </span>
  );
}

/** "+ 2 deals in CHF: no CHF rate", visible beside a figure that leaves them out. */
export function UnconvertedMarker({ unconverted, testId, className = '' }: { unconverted: UnconvertedTotal[]; testId?: string; className?: string }) {
  if (unconverted.length === 0) return null;
  const text = unconverted.map((u) => `+ ${describeUnconverted(u)}`).join('; ');
  return (
    <span data-testid={testId} title={text} className={`text-amber-800 ${className}`}>
      {text}
    </span>
  );
}
