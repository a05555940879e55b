'use client';

import { useSearchParams } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import {
  BOARD_STATUSES,
  DEFAULT_BOARD_FILTERS,
  hasActiveFilters,
  parseBoardFilters,
  parseFilterAmount,
  valueRangeIsEmpty,
  type BoardFilters,
  type BoardStatus,
} from '@/lib/board/board-filters';
import type { BoardMeta, BoardSummary } from './board-data';
import { sumConvertedTotals, unconvertedTotals } from '@/lib/board/converted-totals';
import { ConvertedFigure, UnconvertedMarker } from './converted-figure';
import { FilterIcon, SearchIcon } from './icons';
import { useTypedBeforeHydration } from '@/components/ui/use-typed-before-hydration';

const STATUS_CHOICES: { value: string; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'open,stalled', label: 'Open + stalled' },
  { value: 'stalled', label: 'Stalled' },
  { value: 'won', label: 'Won' },
  { value: 'lost', label: 'Lost' },
  { value: 'all', label: 'All statuses' },
];

function statusValue(statuses: BoardStatus[]): string {
  return statuses.length === BOARD_STATUSES.length ? 'all' : statuses.join(',');
}

function statusesOf(value: string): BoardStatus[] {
  if (value === 'all') return [...BOARD_STATUSES];
  return BOARD_STATUSES.filter((s) => value.split(',').includes(s));
}

const inputClass =
  'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-800 focus:border-blue-500 focus:outline-none focus:ring-1 focus:ring-blue-500';

/** Board filters, kept in the URL (a filtered board is a link to share), and the board's totals. */
export function FiltersBar({
  filters,
  meta,
  summary,
  onChange,
  loading,
  offline,
}: {
  filters: BoardFilters;
  meta: BoardMeta | undefined;
  summary: BoardSummary;
  onChange: (next: BoardFilters, mode: 'push' | 'replace') => void;
  loading: boolean;
  offline: boolean;
}) {
  const id = useId();
  const [q, setQ] = useState(filters.q ?? '');
  const [min, setMin] = useState(filters.min ?? '');
  const [max, setMax] = useState(filters.max ?? '');
  const [open, setOpen] = useState(false);
  const [more, setMore] = useState(false);

  // the fields follow the URL (back/forward), which changes as soon as a filter is applied
  const searchParams = useSearchParams();
  const applied = useMemo(() => parseBoardFilters(searchParams), [searchParams]);
  useEffect(() => setQ(applied.q ?? ''), [applied.q]);
  useEffect(() => setMin(applied.min ?? ''), [applied.min]);
  useEffect(() => setMax(applied.max ?? ''), [applied.max]);
  const searchInput = useRef<HTMLInputElement>(null);
  useTypedBeforeHydration(searchInput, q, setQ);

  // The filters last asked for: the URL catches up a render later, and a change made
  // in that gap (blurring a typed value by picking a date) must build on it, not on the stale props.
  const requested = useRef(applied);
  useEffect(() => {
    requested.current = applied;
  }, [applied]);

  /** Applies a change on top of everything the fields show, typed values included, so field and URL agree. */
  const apply = (patch: Partial<BoardFilters>, mode: 'push' | 'replace' = 'push') => {
    const text = q.trim();
    const next: BoardFilters = {
      ...requested.current,
      q: text === '' ? null : text,
      min: parseFilterAmount(min),
      max: parseFilterAmount(max),
      ...patch,
    };
    if (next.min === null) setMin('');
    if (next.max === null) setMax('');
    requested.current = next;
    onChange(next, mode);
  };

  const clear = () => {
    setQ('');
    setMin('');
    setMax('');
    requested.current = { ...DEFAULT_BOARD_FILTERS };
    onChange({ ...DEFAULT_BOARD_FILTERS }, 'push');
  };

  // search as you type, without a history entry per keystroke
  useEffect(() => {
    const text = q.trim();
    if (text === (requested.current.q ?? '')) return;
    const timer = setTimeout(() => {
      requested.current = { ...requested.current, q: text === '' ? null : text };
      onChange(requested.current, 'replace');
    }, 300);
    return () => clearTimeout(timer);
  }, [q, onChange]);

  const commitAmount = (field: 'min' | 'max', text: string) => {
    const value = parseFilterAmount(text);
    if (value !== requested.current[field]) apply({ [field]: value });
    else if (value === null) (field === 'min' ? setMin : setMax)('');
  };

  const emptyRange = valueRangeIsEmpty(applied);

  const totals = summary.stages.filter((s) => s.outcome === null || filters.statuses.includes(s.outcome));
  const count = totals.reduce((n, s) => n + s.count, 0);
  const byCurrency = new Map<string, { currency: string; count: number; total: bigint; weighted: bigint }>();
  for (const stage of totals) {
    for (const t of stage.totals) {
      const entry = byCurrency.get(t.currency) ?? { currency: t.currency, count: 0, total: 0n, weighted: 0n };
      entry.count += t.count;
      entry.total += BigInt(t.total);
      entry.weighted += BigInt(t.weighted);
      byCurrency.set(t.currency, entry);
    }
  }
  const boardTotals = [...byCurrency.values()]
    .sort((a, b) => b.count - a.count)
    .map((t) => ({ currency: t.currency, count: t.count, total: t.total.toString(), weighted: t.weighted.toString() }));
  // the header is the sum of the columns shown, so it adds up to what the columns say
  const converted = sumConvertedTotals(totals.map((s) => s.converted));
  const unconverted = unconvertedTotals(summary.conversion, boardTotals);

  const active = hasActiveFilters(applied);
  const extraCount =
    [applied.owner, applied.min, applied.max, applied.closeFrom, applied.closeTo].filter(Boolean).length + (statusValue(applied.statuses) !== 'open' ? 1 : 0);

  const rangeActive = Boolean(applied.min || applied.max || applied.closeFrom || applied.closeTo);
  const showRanges = more || rangeActive;

  return (
    <search className="block shrink-0 border-b border-slate-200 bg-white px-4 py-2" aria-label="Filter the board">
      <div className="flex flex-wrap items-center gap-2">
        <div className="relative max-sm:w-full">
          <SearchIcon className="pointer-events-none absolute left-2 top-2 h-4 w-4 text-slate-500" />
          <label htmlFor={`${id}-q`} className="sr-only">
            Search deals
          </label>
          <input
            ref={searchInput}
            id={`${id}-q`}
            type="search"
            value={q}
            onChange={(e) => setQ(e.target.value)}
            placeholder="Search deals, companies, people"
            className={`${inputClass} w-64 pl-8 max-sm:w-full`}
          />
        </div>
        <button
          type="button"
          onClick={() => setOpen((o) => !o)}
          aria-expanded={open}
          className="flex h-8 items-center gap-1 rounded-md border border-slate-300 px-2 text-sm text-slate-700 sm:hidden"
        >
          <FilterIcon className="h-4 w-4" /> {extraCount ? `Filters (${extraCount})` : 'Filters'}
        </button>
        <div className={`${open ? 'flex' : 'hidden'} w-full flex-wrap items-center gap-2 sm:flex sm:w-auto`}>
          <div className="flex items-center gap-1 text-xs text-slate-600">
            <label htmlFor={`${id}-owner`}>Owner</label>
            <select
              id={`${id}-owner`}
              value={applied.owner ?? ''}
              onChange={(e) => apply({ owner: e.target.value || null })}
              className={`${inputClass} max-w-40`}
            >
              <option value="">Everyone</option>
              {meta?.users.map((u) => (
                <option key={u.id} value={u.publicId}>
                  {u.id === meta.me.id ? `${u.name} (me)` : u.name}
                </option>
              ))}
            </select>
          </div>
          <div className="flex items-center gap-1 text-xs text-slate-600">
            <label htmlFor={`${id}-status`}>Status</label>
            <select
              id={`${id}-status`}
              value={statusValue(applied.statuses)}
              onChange={(e) => apply({ statuses: statusesOf(e.target.value) })}
              className={inputClass}
            >
              {STATUS_CHOICES.some((c) => c.value === statusValue(applied.statuses)) ? null : (
                <option value={statusValue(applied.statuses)}>{applied.statuses.join(' + ')}</option>
              )}
              {STATUS_CHOICES.map((c) => (
                <option key={c.value} value={c.value}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <button
            type="button"
            onClick={() => setMore((m) => !m)}
            aria-expanded={showRanges}
            aria-controls={`${id}-ranges`}
            className={`flex h-8 items-center gap-1 rounded-md border px-2 text-sm ${rangeActive ? 'border-blue-300 bg-blue-50 text-blue-800' : 'border-slate-300 text-slate-700 hover:bg-slate-50'}`}
          >
            <FilterIcon className="h-4 w-4" />
            {rangeActive ? 'Value & close date •' : 'Value & close date'}
          </button>
          {active ? (
            <button type="button" onClick={clear} className="h-8 rounded-md px-2 text-sm font-medium text-blue-700 hover:bg-blue-50">
              Clear filters
            </button>
          ) : null}
        </div>
        <p className="flex flex-wrap items-center gap-x-2 text-xs text-slate-600 max-sm:min-w-0 max-sm:flex-1 sm:ml-auto" data-testid="board-totals">
          {loading ? <span role="status" className="h-2 w-2 animate-pulse rounded-full bg-blue-500" aria-label="Loading" /> : null}
          {offline ? <span className="rounded bg-amber-100 px-1.5 py-0.5 text-amber-800">Reconnecting…</span> : null}
          <span>
            <strong className="tabular-nums text-slate-800">{count}</strong> {count === 1 ? 'deal' : 'deals'}
          </span>
          <span className="text-slate-300 max-sm:hidden">|</span>
          <ConvertedFigure
            testId="board-total"
            label="Board total"
            conversion={summary.conversion}
            converted={converted}
            totals={boardTotals}
            unconverted={unconverted}
            className="font-semibold text-slate-800"
          />
          <span className="text-slate-300 max-sm:hidden">|</span>
          <span className="max-sm:hidden">
            weighted{' '}
            <ConvertedFigure
              testId="board-weighted"
              label="Board weighted"
              pick="weighted"
              conversion={summary.conversion}
              converted={converted}
              totals={boardTotals}
              unconverted={unconverted}
            />
          </span>
          <UnconvertedMarker testId="board-unconverted" unconverted={unconverted} />
        </p>
      </div>
      {showRanges ? (
        <div id={`${id}-ranges`} className={`${open ? 'flex' : 'hidden'} mt-2 flex-wrap items-center gap-x-4 gap-y-2 sm:flex`}>
          <fieldset className="flex items-center gap-1 text-xs text-slate-600">
            <legend className="sr-only">Value</legend>
            <label htmlFor={`${id}-min`}>Value</label>
            <input
              id={`${id}-min`}
              aria-label="Minimum value"
              inputMode="decimal"
              value={min}
              onChange={(e) => setMin(e.target.value)}
              onBlur={(e) => commitAmount('min', e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && commitAmount('min', e.currentTarget.value)}
              placeholder="min"
              className={`${inputClass} w-24`}
            />
            <span aria-hidden="true">–</span>
            <input
              aria-label="Maximum value"
              inputMode="decimal"
              value={max}
              onChange={(e) => setMax(e.target.value)}
              onBlur={(e) => commitAmount('max', e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && commitAmount('max', e.currentTarget.value)}
              placeholder="max"
              className={`${inputClass} w-24`}
            />
            <span className="text-slate-500">in each deal’s currency</span>
          </fieldset>
          {emptyRange ? (
            <p role="status" data-testid="value-range-empty" className="w-full rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
              No deal can match: the minimum value ({applied.min}) is above the maximum ({applied.max}). Swap them or clear one.
            </p>
          ) : null}
          <fieldset className="flex items-center gap-1 text-xs text-slate-600">
            <legend className="sr-only">Expected close</legend>
            <label htmlFor={`${id}-from`}>Expected close</label>
            <input
              id={`${id}-from`}
              aria-label="Expected close from"
              type="date"
              value={applied.closeFrom ?? ''}
              onChange={(e) => apply({ closeFrom: e.target.value || null })}
              className={`${inputClass} w-36`}
            />
            <span aria-hidden="true">–</span>
            <input
              aria-label="Expected close to"
              type="date"
              value={applied.closeTo ?? ''}
              onChange={(e) => apply({ closeTo: e.target.value || null })}
              className={`${inputClass} w-36`}
            />
          </fieldset>
        </div>
      ) : null}
    </search>
  );
}
