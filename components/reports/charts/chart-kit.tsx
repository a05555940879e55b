'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

// Shared pieces of the report charts (client components: recharts draws in the browser).

export const COLORS = {
  new: '#6366f1',
  forward: '#10b981',
  backward: '#f59e0b',
  won: '#047857',
  lost: '#e11d48',
  reopened: '#8b5cf6',
  transfer: '#94a3b8',
  entered: '#c7d2fe',
  reached: '#6366f1',
  median: '#6366f1',
  p75: '#a5b4fc',
  mean: '#f59e0b',
  open: '#c7d2fe',
  weighted: '#6366f1',
  value: '#6366f1',
} as const;

export const AXIS_TICK = { fontSize: 12, fill: '#475569' };

/** Legend text in one readable colour (recharts colours it like the series, too pale for light bars). */
export function legendText(value: unknown) {
  return <span style={{ color: '#334155' }}>{String(value)}</span>;
}

/** Keeps legend and tooltip items in the order the series are drawn (recharts sorts them by name otherwise). */
export function seriesOrder(keys: readonly string[]) {
  return (item: { dataKey?: unknown }) => keys.indexOf(String(item.dataKey));
}
export const AXIS_LABEL = { fontSize: 12, fill: '#334155' };

/**
 * A chart with a visible caption; the chart itself also carries an accessible title and
 * description. `children` gets whether the figure is narrow (a phone): charts then write category
 * names above their bars instead of in a column beside them.
 */
export function ChartFigure({ caption, children, controls }: { caption: string; children: (narrow: boolean) => ReactNode; controls?: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const [narrow, setNarrow] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setNarrow((entry?.contentRect.width ?? 1000) < NARROW_WIDTH));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return (
    <figure ref={ref} className="min-w-0">
      <figcaption className="mb-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-500">
        <span>{caption}</span>
        {controls}
      </figcaption>
      {children(narrow)}
    </figure>
  );
}

const NARROW_WIDTH = 440;

interface TickProps {
  x?: number | string;
  y?: number | string;
  payload?: { value?: unknown };
}

/**
 * The category axis of a horizontal bar chart: the name beside the bars (wide), or above them,
 * starting at the left edge (narrow, with the axis mirrored into the plot).
 */
export function categoryAxis(narrow: boolean, options: { barsHeight: number; maxChars?: number }) {
  const max = options.maxChars ?? 15;
  if (!narrow) return { width: 108, mirror: false, tick: AXIS_TICK, tickFormatter: shortLabel(max) } as const;
  const tick = ({ x, y, payload }: TickProps) => (
    <text x={Number(x)} y={Number(y) - options.barsHeight / 2 - 5} textAnchor="start" fontSize={12} fill="#334155">
      {String(payload?.value ?? '')}
    </text>
  );
  return { width: 1, mirror: true, tick, tickFormatter: undefined } as const;
}

/** Buttons to pick which currency a money chart shows (currencies are never converted). */
export function useCurrencyPicker(currencies: string[]) {
  const [chosen, setCurrency] = useState(currencies[0] ?? 'USD');
  // a new set of data (another filter) may not hold the chosen currency: show its main one then
  const currency = currencies.includes(chosen) ? chosen : (currencies[0] ?? 'USD');
  const picker =
    currencies.length > 1 ? (
      <fieldset aria-label="Currency" className="inline-flex overflow-hidden rounded-md border border-slate-300">
        {currencies.map((c) => (
          <button
            key={c}
            type="button"
            aria-pressed={c === currency}
            onClick={() => setCurrency(c)}
            className={`px-2 py-0.5 text-xs ${c === currency ? 'bg-indigo-600 text-white' : 'bg-white text-slate-700 hover:bg-slate-50'}`}
          >
            {c}
          </button>
        ))}
      </fieldset>
    ) : null;
  return { currency, picker };
}

/** Height for a horizontal bar chart with one band per category (taller bands when names sit above the bars). */
export function bandHeight(categories: number, perBand = 44, extra = 70, narrow = false): number {
  return Math.max(160, categories * (perBand + (narrow ? 18 : 0)) + extra);
}

export function moneyTick(currency: string) {
  const formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  return (value: number) => formatter.format(value);
}

export function moneyText(currency: string) {
  const formatter = new Intl.NumberFormat('en-US', { style: 'currency', currency, maximumFractionDigits: 0 });
  return (value: number) => formatter.format(value);
}

/** Stage names can be long: shorten them on the axis (the table has them in full). */
export function shortLabel(max: number) {
  return (value: string) => (value.length > max ? `${value.slice(0, max - 1)}…` : value);
}
