import Link from 'next/link';

/** No deal matches: say so, and offer the way back (clear the filters, or the board to add deals). */
export function DealsEmptyState({ filtered, clearHref }: { filtered: boolean; clearHref: string }) {
  return (
    <div className="flex flex-1 flex-col items-center justify-center gap-2 p-10 text-center" data-testid="deals-empty">
      <p className="text-base font-medium text-slate-800">{filtered ? 'No deals match these filters' : 'No open deals yet'}</p>
      <p className="text-sm text-slate-500">
        {filtered ? 'Try a broader search, or another status or owner.' : 'Add deals on the board, or show won and lost deals too.'}
      </p>
      {filtered ? (
        <Link href={clearHref} className="mt-2 rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
          Clear filters
        </Link>
      ) : (
        <Link href="/pipelines" className="mt-2 rounded-md bg-blue-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-blue-700">
          Open the board
        </Link>
      )}
    </div>
  );
}
