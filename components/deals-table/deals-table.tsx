'use client';

import Link from 'next/link';
import { useEffect, useRef, useState } from 'react';
import { dealsTableHref, FIRST_DIRECTION, type DealsTableParams, type DealsTableSort } from '@/lib/schemas/deals-table';
import { SortAscIcon, SortDescIcon, SortIcon } from '@/components/ui/icons';
import { BulkActionBar } from './bulk-action-bar';
import { Pagination } from './pagination';
import type { DealsTableItem, DealsTableOptions } from './types';

// On a phone the table scrolls sideways under its first two columns (the checkbox and the deal), which
// stay put: every column is reachable with the deal it belongs to in view.
// the checkbox column is exactly as wide as the Deal column's offset, so the kept Deal column sits
// flush against it and never over the Stage column
const STICKY_CHECKBOX = 'w-10 min-w-10 max-sm:sticky max-sm:left-0 max-sm:z-[1]';
const STICKY_DEAL = 'max-sm:sticky max-sm:left-10 max-sm:z-[1] max-sm:w-40 max-sm:min-w-40 max-sm:shadow-[1px_0_0_var(--color-slate-200)]';

/** The columns; Value and Value in (the home currency) both sort by the converted value, so currencies compare. */
const columnsFor = (homeCurrency: string): { sort: DealsTableSort; label: string; className?: string }[] => [
  { sort: 'name', label: 'Deal', className: `min-w-52 ${STICKY_DEAL}` },
  { sort: 'stage', label: 'Stage' },
  { sort: 'status', label: 'Status' },
  { sort: 'lost_reason', label: 'Loss reason' },
  { sort: 'value', label: 'Value', className: 'text-right' },
  { sort: 'value', label: `Value in ${homeCurrency}`, className: 'text-right' },
  { sort: 'owner', label: 'Owner' },
  { sort: 'expected_close', label: 'Expected close' },
  { sort: 'updated', label: 'Updated' },
  { sort: 'created', label: 'Created' },
];

const STATUS_STYLE: Record<DealsTableItem['status'], string> = {
  open: 'bg-blue-50 text-blue-800',
  stalled: 'bg-amber-50 text-amber-800',
  won: 'bg-emerald-50 text-emerald-800',
  lost: 'bg-rose-50 text-rose-800',
};

/**
 * One page of deals: sortable column headers (links, so the order is in the URL), a checkbox per row
 * and one for the whole page, the bulk-action bar while deals are selected, and the pager.
 * The page renders it keyed by its URL, so a new page, filter or order starts with nothing selected.
 */
export function DealsTable({
  rows,
  params,
  options,
  total,
  pageSize,
  homeCurrency,
}: {
  /** the currency of the converted value column (Value sorts by it) */
  homeCurrency: string;
  rows: DealsTableItem[];
  params: DealsTableParams;
  options: DealsTableOptions;
  total: number;
  pageSize: number;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  // deals that left the page (deleted, filtered out after a change) are no longer selected
  const selectedIds = rows.filter((r) => selected.has(r.id)).map((r) => r.id);
  const allSelected = rows.length > 0 && selectedIds.length === rows.length;
  const someSelected = selectedIds.length > 0 && !allSelected;
  const selectAllRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = someSelected;
  }, [someSelected]);

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const sortHref = (sort: DealsTableSort) =>
    dealsTableHref({ ...params, sort, dir: params.sort === sort ? (params.dir === 'asc' ? 'desc' : 'asc') : FIRST_DIRECTION[sort], page: 1 });

  return (
    <>
      {selectedIds.length > 0 ? <BulkActionBar dealIds={selectedIds} options={options} onDone={() => setSelected(new Set())} /> : null}
      {/* on a phone, a column scrolled into view (by keyboard focus too) stops clear of the kept checkbox and Deal columns */}
      <div className="min-h-0 flex-1 overflow-auto py-3 sm:px-6 max-sm:scroll-pl-[12.5rem]" data-testid="deals-table-scroll">
        <table aria-label="Deals" className="w-full min-w-[70rem] border-collapse rounded-lg bg-white text-sm shadow-sm">
          <thead className="sticky top-0 z-10 bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className={`bg-slate-100 px-2 py-2 ${STICKY_CHECKBOX}`}>
                <input
                  ref={selectAllRef}
                  type="checkbox"
                  aria-label="Select all deals on this page"
                  checked={allSelected}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(rows.map((r) => r.id)))}
                  className="h-4 w-4 accent-blue-600"
                />
              </th>
              {columnsFor(homeCurrency).map((column) => {
                const active = params.sort === column.sort;
                const Icon = active ? (params.dir === 'asc' ? SortAscIcon : SortDescIcon) : SortIcon;
                return (
                  <th
                    key={column.label}
                    scope="col"
                    aria-sort={active ? (params.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                    className={`bg-slate-100 px-2 py-2 font-medium ${column.className ?? ''}`}
                  >
                    <Link
                      href={sortHref(column.sort)}
                      scroll={false}
                      className={`inline-flex items-center gap-1 whitespace-nowrap hover:text-slate-900 ${active ? 'text-slate-900' : ''}`}
                    >
                      {column.label}
                      <Icon className={`h-3.5 w-3.5 ${active ? '' : 'text-slate-300'}`} />
                    </Link>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((deal) => {
              const isSelected = selected.has(deal.id);
              const stickyBackground = isSelected ? 'max-sm:bg-blue-50' : 'max-sm:bg-white';
              return (
                <tr key={deal.id} data-testid="deal-row" className={isSelected ? 'bg-blue-50/60' : 'hover:bg-slate-50'}>
                  <td className={`px-2 py-2 ${STICKY_CHECKBOX} ${stickyBackground}`}>
                    <input
                      type="checkbox"
                      aria-label={`Select ${deal.name}`}
                      checked={isSelected}
                      onChange={() => toggle(deal.id)}
                      className="h-4 w-4 accent-blue-600"
                    />
                  </td>
                  <td className={`px-2 py-2 ${STICKY_DEAL} ${stickyBackground}`}>
                    {/* a long name wraps anywhere, up to two lines, so it never widens the table; the title shows it all */}
                    <Link
                      href={`/deals/${deal.id}`}
                      title={deal.name}
                      className="line-clamp-2 max-w-md font-medium wrap-anywhere text-slate-900 hover:underline"
                    >
                      {deal.name}
                    </Link>
                    {deal.companyName ? (
                      <div title={deal.companyName} className="line-clamp-1 text-xs wrap-anywhere text-slate-500">
                        {deal.companyName}
                      </div>
                    ) : null}
                  </td>
                  <td className="px-2 py-2" data-testid="deal-stage">
                    <span className="whitespace-nowrap text-slate-500">{deal.pipelineName} ·</span> <span className="whitespace-nowrap">{deal.stageName}</span>
                  </td>
                  <td className="px-2 py-2">
                    <span data-testid="deal-status" className={`rounded-full px-2 py-0.5 text-xs font-medium capitalize ${STATUS_STYLE[deal.status]}`}>
                      {deal.status}
                    </span>
                  </td>
                  <td className="px-2 py-2" data-testid="deal-loss-reason">
                    {deal.status !== 'lost' ? null : deal.lostReason ? (
                      <span title={deal.lostReason} className="line-clamp-2 max-w-48 wrap-anywhere">
                        {deal.lostReason}
                      </span>
                    ) : (
                      <span className="text-slate-500">No reason</span>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums">{deal.value}</td>
                  <td className="whitespace-nowrap px-2 py-2 text-right tabular-nums" data-testid="deal-converted-value">
                    {deal.convertedValue ?? (
                      <span title={`Not converted: ${deal.missingRate}`} className="text-slate-500">
                        <span aria-hidden="true">—</span>
                        <span className="sr-only">Not converted: {deal.missingRate}</span>
                      </span>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-2 py-2">{deal.ownerName ?? <span className="text-slate-500">—</span>}</td>
                  <td className="whitespace-nowrap px-2 py-2 tabular-nums">{deal.expectedClose ?? <span className="text-slate-500">—</span>}</td>
                  <td className="whitespace-nowrap px-2 py-2 tabular-nums text-slate-600">{deal.updated}</td>
                  <td className="whitespace-nowrap px-2 py-2 tabular-nums text-slate-600">{deal.created}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pagination params={params} total={total} pageSize={pageSize} shown={rows.length} />
    </>
  );
}
