'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState, useTransition } from 'react';
import { BOARD_STATUSES, type BoardFilters, type BoardStatus } from '@/lib/board/board-filters';
import { clearedDealsTableHref, dealsTableHref, dealsTableIsFiltered, lossFiltersSet, NO_LOSS_REASON, type DealsTableParams } from '@/lib/schemas/deals-table';
import { FilterIcon, SearchIcon } from '@/components/ui/icons';
import { useTypedBeforeHydration } from '@/components/ui/use-typed-before-hydration';
import { buttonClass, inputClass } from './styles';
import type { DealsTableOptions } from './types';

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

const AMOUNT = /^\d{1,13}(\.\d{1,3})?$/;

/** The table's search and filters. Every change is a new URL (page 1), so a filtered table is a link to share. */
export function DealsFilters({ params, options }: { params: DealsTableParams; options: DealsTableOptions }) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const { filters } = params;
  const [q, setQ] = useState(filters.q ?? '');
  const [min, setMin] = useState(filters.min ?? '');
  const [max, setMax] = useState(filters.max ?? '');
  const rangesSet = Boolean(filters.min || filters.max || filters.closeFrom || filters.closeTo);
  const [more, setMore] = useState(rangesSet);
  // the controls change the URL only once the page is interactive: busy until then
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  // follow the URL (back/forward, "Clear filters")
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);
  useEffect(() => setMin(filters.min ?? ''), [filters.min]);
  useEffect(() => setMax(filters.max ?? ''), [filters.max]);
  const searchInput = useRef<HTMLInputElement>(null);
  useTypedBeforeHydration(searchInput, q, setQ);

  const go = (next: Partial<DealsTableParams>, nextFilters: Partial<BoardFilters>, mode: 'push' | 'replace' = 'push') => {
    const href = dealsTableHref({ ...params, ...next, filters: { ...filters, ...nextFilters }, page: 1 });
    startTransition(() => (mode === 'push' ? router.push(href, { scroll: false }) : router.replace(href, { scroll: false })));
  };

  // search as you type, without a history entry per keystroke
  // biome-ignore lint/correctness/useExhaustiveDependencies: only typing and the URL's search restart the timer (`go` is rebuilt every render)
  useEffect(() => {
    const text = q.trim();
    if (text === (filters.q ?? '')) return;
    const timer = setTimeout(() => go({}, { q: text === '' ? null : text }, 'replace'), 300);
    return () => clearTimeout(timer);
  }, [q, filters.q]);

  const commitAmount = (field: 'min' | 'max', text: string) => {
    const cleaned = text.trim().replace(/,/g, '');
    const value = AMOUNT.test(cleaned) ? cleaned : null;
    if (value !== filters[field]) go({}, { [field]: value });
    if (value === null) (field === 'min' ? setMin : setMax)('');
  };

  const pipeline = options.pipelines.find((p) => p.id === params.pipeline) ?? null;
  // a reason from a link (free text, or renamed since) stays choosable
  const linked = params.lostReason;
  const otherReasons =
    linked && linked !== NO_LOSS_REASON && !options.lostReasons.includes(linked) && !options.otherLossReasons.includes(linked)
      ? [...options.otherLossReasons, linked]
      : options.otherLossReasons;
  // the lost deals' own filters show when the table is about lost deals
  const onlyLost = filters.statuses.length === 1 && filters.statuses[0] === 'lost';
  const showLossFilters = onlyLost || lossFiltersSet(params);

  return (
    <search aria-label="Filter deals" aria-busy={!ready || pending} className="shrink-0 border-b border-slate-200 bg-white px-4 py-2 sm:px-6">
      <div className="flex flex-wrap items-end gap-2">
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
            placeholder="Search deals, companies, contacts"
            maxLength={200}
            className={`${inputClass} w-72 pl-8 max-sm:w-full`}
          />
        </div>
        <Select id={`${id}-pipeline`} label="Pipeline" value={params.pipeline ?? ''} onChange={(value) => go({ pipeline: value || null, stage: null }, {})}>
          <option value="">All pipelines</option>
          {options.pipelines.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </Select>
        <Select id={`${id}-stage`} label="Stage" value={params.stage ?? ''} disabled={!pipeline} onChange={(value) => go({ stage: value || null }, {})}>
          <option value="">{pipeline ? 'All stages' : 'Choose a pipeline'}</option>
          {pipeline?.stages.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </Select>
        <Select id={`${id}-status`} label="Status" value={statusValue(filters.statuses)} onChange={(value) => go({}, { statuses: statusesOf(value) })}>
          {STATUS_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
        <Select
          id={`${id}-lost-reason`}
          label="Loss reason"
          value={params.lostReason ?? ''}
          // a loss reason is about lost deals: choosing one shows them
          onChange={(value) => go({ lostReason: value || null }, value ? { statuses: ['lost'] } : {})}
        >
          <option value="">Any</option>
          {options.lostReasons.map((reason) => (
            <option key={reason} value={reason}>
              {reason}
            </option>
          ))}
          {otherReasons.length > 0 ? (
            <optgroup label="Other reasons given">
              {otherReasons.map((reason) => (
                <option key={reason} value={reason}>
                  {reason}
                </option>
              ))}
            </optgroup>
          ) : null}
          <option value={NO_LOSS_REASON}>No reason given</option>
        </Select>
        <Select id={`${id}-owner`} label="Owner" value={filters.owner ?? ''} onChange={(value) => go({}, { owner: value || null })}>
          <option value="">Anyone</option>
          {options.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </Select>
        <button
          type="button"
          aria-expanded={more}
          aria-controls={`${id}-ranges`}
          onClick={() => setMore((m) => !m)}
          className={`${buttonClass} ${rangesSet ? 'border-blue-300 bg-blue-50 text-blue-800' : ''}`}
        >
          <FilterIcon /> Value &amp; close date
        </button>
        {dealsTableIsFiltered(params) ? (
          <Link
            href={clearedDealsTableHref(params)}
            className="inline-flex h-8 items-center rounded-md px-2 text-sm font-medium text-blue-700 hover:bg-blue-50"
          >
            Clear filters
          </Link>
        ) : null}
        {pending ? <span className="mb-2 h-2 w-2 animate-pulse rounded-full bg-blue-500" role="status" aria-label="Loading" /> : null}
      </div>
      {showLossFilters ? (
        <fieldset className="mt-2 flex flex-wrap items-end gap-x-4 gap-y-2">
          <legend className="sr-only">Lost deals</legend>
          <div className="flex flex-wrap items-end gap-1">
            <div className="flex flex-col">
              <label htmlFor={`${id}-closed-from`} className="mb-0.5 text-[11px] font-medium text-slate-600">
                Closed from
              </label>
              <input
                id={`${id}-closed-from`}
                type="date"
                value={params.closedFrom ?? ''}
                onChange={(e) => go({ closedFrom: e.target.value || null }, {})}
                className={`${inputClass} w-36`}
              />
            </div>
            <span className="px-1 pb-1.5 text-slate-500">–</span>
            <div className="flex flex-col">
              <label htmlFor={`${id}-closed-to`} className="mb-0.5 text-[11px] font-medium text-slate-600">
                Closed to
              </label>
              <input
                id={`${id}-closed-to`}
                type="date"
                value={params.closedTo ?? ''}
                onChange={(e) => go({ closedTo: e.target.value || null }, {})}
                className={`${inputClass} w-36`}
              />
            </div>
          </div>
          <Select id={`${id}-lost-from`} label="Lost from stage" value={params.lostFrom ?? ''} onChange={(value) => go({ lostFrom: value || null }, {})}>
            <option value="">Any stage</option>
            {options.pipelines.map((p) => (
              <optgroup key={p.id} label={p.name}>
                {p.stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </fieldset>
      ) : null}
      {more ? (
        <div id={`${id}-ranges`} className="mt-2 flex flex-wrap items-end gap-x-4 gap-y-2">
          <fieldset className="flex flex-wrap items-end gap-1">
            <legend className="mb-0.5 text-[11px] font-medium text-slate-600">Value (in each deal’s currency)</legend>
            <label htmlFor={`${id}-min`} className="sr-only">
              Minimum value
            </label>
            <input
              id={`${id}-min`}
              inputMode="decimal"
              placeholder="Min"
              value={min}
              onChange={(e) => setMin(e.target.value)}
              onBlur={(e) => commitAmount('min', e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && commitAmount('min', e.currentTarget.value)}
              className={`${inputClass} w-28`}
            />
            <span className="px-1 pb-1.5 text-slate-500">–</span>
            <label htmlFor={`${id}-max`} className="sr-only">
              Maximum value
            </label>
            <input
              id={`${id}-max`}
              inputMode="decimal"
              placeholder="Max"
              value={max}
              onChange={(e) => setMax(e.target.value)}
              onBlur={(e) => commitAmount('max', e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && commitAmount('max', e.currentTarget.value)}
              className={`${inputClass} w-28`}
            />
          </fieldset>
          <fieldset className="flex flex-wrap items-end gap-1">
            <legend className="mb-0.5 text-[11px] font-medium text-slate-600">Expected close</legend>
            <label htmlFor={`${id}-from`} className="sr-only">
              Expected close from
            </label>
            <input
              id={`${id}-from`}
              type="date"
              value={filters.closeFrom ?? ''}
              onChange={(e) => go({}, { closeFrom: e.target.value || null })}
              className={`${inputClass} w-36`}
            />
            <span className="px-1 pb-1.5 text-slate-500">–</span>
            <label htmlFor={`${id}-to`} className="sr-only">
              Expected close to
            </label>
            <input
              id={`${id}-to`}
              type="date"
              value={filters.closeTo ?? ''}
              onChange={(e) => go({}, { closeTo: e.target.value || null })}
              className={`${inputClass} w-36`}
            />
          </fieldset>
        </div>
      ) : null}
    </search>
  );
}

function Select({
  id,
  label,
  value,
  disabled,
  onChange,
  children,
}: {
  id: string;
  label: string;
  value: string;
  disabled?: boolean;
  onChange: (value: string) => void;
  children: React.ReactNode;
}) {
  return (
    <div className="flex flex-col max-sm:min-w-[calc(50%-0.25rem)] max-sm:flex-1">
      <label htmlFor={id} className="mb-0.5 text-[11px] font-medium text-slate-600">
        {label}
      </label>
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(e) => onChange(e.target.value)}
        className={`${inputClass} max-w-48 disabled:bg-slate-50 disabled:text-slate-400 max-sm:max-w-none`}
      >
        {children}
      </select>
    </div>
  );
}
