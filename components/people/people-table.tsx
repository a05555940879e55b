import Link from 'next/link';
import type { ReactNode } from 'react';
import type { PeopleSort } from '@/lib/schemas/people-table';
import { ChevronDownIcon, ChevronUpIcon } from '@/components/ui/icons';
import { tableHref } from './table-href';

// The /contacts and /companies tables: sortable headers (links, so the sort lives in the URL),
// rows, and a pager saying which rows of how many are shown.

export interface TableState {
  base: string;
  q?: string;
  sort: PeopleSort;
  page: number;
}

export type Column = { label: string; sortBy?: 'name' | 'deals'; className?: string };

function SortHeader({ column, state }: { column: Column & { sortBy: 'name' | 'deals' }; state: TableState }) {
  const ascending = column.sortBy;
  const descending = `-${column.sortBy}` as PeopleSort;
  const active = state.sort === ascending ? 'ascending' : state.sort === descending ? 'descending' : null;
  // names start A→Z, deal counts start with the most
  const next: PeopleSort = active === null ? (column.sortBy === 'name' ? ascending : descending) : active === 'ascending' ? descending : ascending;
  return (
    <th scope="col" aria-sort={active ?? undefined} className={`px-3 py-2 font-medium ${column.className ?? ''}`}>
      <Link
        href={tableHref(state.base, { q: state.q, sort: next, page: 1 })}
        className={`inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-blue-500 ${active ? 'text-slate-900' : ''}`}
        title={`Sort by ${column.label.toLowerCase()}${next.startsWith('-') ? ', descending' : ', ascending'}`}
      >
        {column.label}
        {active === 'ascending' ? <ChevronUpIcon className="h-3.5 w-3.5" /> : active === 'descending' ? <ChevronDownIcon className="h-3.5 w-3.5" /> : null}
      </Link>
    </th>
  );
}

export function PeopleTable({ label, columns, state, children }: { label: string; columns: Column[]; state: TableState; children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table aria-label={label} className="w-full border-collapse text-sm">
        <thead className="bg-slate-100 text-left text-xs uppercase tracking-wide text-slate-500">
          <tr>
            {columns.map((column) =>
              column.sortBy ? (
                <SortHeader key={column.label} column={{ ...column, sortBy: column.sortBy }} state={state} />
              ) : (
                <th key={column.label} scope="col" className={`px-3 py-2 font-medium ${column.className ?? ''}`}>
                  {column.label}
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">{children}</tbody>
      </table>
    </div>
  );
}

export function Td({ children, className = '' }: { children: ReactNode; className?: string }) {
  return <td className={`px-3 py-2 align-top ${className}`}>{children}</td>;
}

/** "51–100 of 523" with previous / next links. */
export function Pager({ state, total, pageSize, noun }: { state: TableState; total: number; pageSize: number; noun: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const first = total === 0 ? 0 : (state.page - 1) * pageSize + 1;
  const last = Math.min(total, state.page * pageSize);
  const linkClass = 'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50';
  const disabledClass = 'rounded-md border border-slate-200 px-3 py-1.5 text-sm text-slate-300';
  return (
    <nav aria-label="Pages" className="flex flex-wrap items-center gap-3 text-sm text-slate-600">
      <p role="status" data-testid="table-count">
        {first > last ? `${total} ${noun}` : `${first}–${last} of ${total} ${noun}`}
      </p>
      {pages > 1 || state.page > 1 ? (
        <div className="ml-auto flex items-center gap-2">
          {state.page > 1 ? (
            <Link href={tableHref(state.base, { ...state, page: Math.min(state.page - 1, pages) })} className={linkClass} rel="prev">
              Previous
            </Link>
          ) : (
            <span aria-disabled="true" className={disabledClass}>
              Previous
            </span>
          )}
          <span className="tabular-nums">
            Page {state.page} of {pages}
          </span>
          {state.page < pages ? (
            <Link href={tableHref(state.base, { ...state, page: state.page + 1 })} className={linkClass} rel="next">
              Next
            </Link>
          ) : (
            <span aria-disabled="true" className={disabledClass}>
              Next
            </span>
          )}
        </div>
      ) : null}
    </nav>
  );
}
