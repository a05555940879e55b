import Form from 'next/form';
import type { PeopleSort } from '@/lib/schemas/people-table';
import { SearchIcon } from '@/components/ui/icons';

/** The list's search box: a GET form, so the search is in the URL (and a new search starts at page 1). */
export function TableSearch({ action, q, sort, label, placeholder }: { action: string; q?: string; sort: PeopleSort; label: string; placeholder: string }) {
  return (
    <Form action={action} role="search" className="flex min-w-0 flex-1 items-center gap-2 sm:max-w-md">
      <div className="relative min-w-0 flex-1">
        <SearchIcon className="pointer-events-none absolute top-2 left-2.5 h-4 w-4 text-slate-500" />
        <input
          key={q ?? ''}
          type="search"
          name="q"
          defaultValue={q ?? ''}
          aria-label={label}
          placeholder={placeholder}
          maxLength={200}
          className="block w-full min-w-0 rounded-md border border-slate-300 bg-white py-1.5 pr-2.5 pl-8 text-sm shadow-xs placeholder:text-slate-400 focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/30"
        />
      </div>
      {sort !== 'name' ? <input type="hidden" name="sort" value={sort} /> : null}
      <button type="submit" className="h-8 shrink-0 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 hover:bg-slate-50">
        Search
      </button>
    </Form>
  );
}
