import Link from 'next/link';
import { dealsTableHref, type DealsTableParams } from '@/lib/schemas/deals-table';
import { ChevronLeftIcon, ChevronRightIcon } from '@/components/ui/icons';

const count = new Intl.NumberFormat('en-US');

const linkClass = 'inline-flex h-8 items-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 text-sm font-medium text-slate-700 hover:bg-slate-50';
const disabledClass = 'inline-flex h-8 items-center gap-1 rounded-md border border-slate-200 px-2.5 text-sm text-slate-300';

/** "51–100 of 1,234" and the previous/next page links. */
export function Pagination({ params, total, pageSize, shown }: { params: DealsTableParams; total: number; pageSize: number; shown: number }) {
  const first = (params.page - 1) * pageSize + 1;
  const last = first + shown - 1;
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav aria-label="Pages" className="flex shrink-0 items-center gap-2 border-t border-slate-200 bg-white px-4 py-2 text-sm sm:px-6">
      <p className="tabular-nums text-slate-600" data-testid="deals-range">
        {count.format(first)}–{count.format(last)} of {count.format(total)}
      </p>
      <div className="ml-auto flex items-center gap-2">
        {params.page > 1 ? (
          <Link href={dealsTableHref({ ...params, page: params.page - 1 })} className={linkClass} aria-label="Previous page">
            <ChevronLeftIcon /> <span className="max-sm:sr-only">Previous</span>
          </Link>
        ) : (
          <span className={disabledClass} aria-disabled="true">
            <ChevronLeftIcon /> <span className="max-sm:sr-only">Previous</span>
          </span>
        )}
        <span className="tabular-nums text-slate-500">
          Page {count.format(params.page)} of {count.format(lastPage)}
        </span>
        {params.page < lastPage ? (
          <Link href={dealsTableHref({ ...params, page: params.page + 1 })} className={linkClass} aria-label="Next page">
            <span className="max-sm:sr-only">Next</span> <ChevronRightIcon />
          </Link>
        ) : (
          <span className={disabledClass} aria-disabled="true">
            <span className="max-sm:sr-only">Next</span> <ChevronRightIcon />
          </span>
        )}
      </div>
    </nav>
  );
}
