// The board's shape while its data loads: header strip, columns of grey cards, the drop targets.

const CARDS_PER_COLUMN = [4, 3, 3, 2, 1, 1];

export function BoardSkeleton({ withToolbar = true }: { withToolbar?: boolean }) {
  return (
    <div className="flex min-h-0 flex-1 flex-col" role="status" aria-busy="true" aria-label="Loading the board" data-testid="board-skeleton">
      {withToolbar ? (
        <div className="flex h-12 shrink-0 items-center gap-2 border-b border-slate-200 bg-white px-4">
          <div className="h-8 w-56 animate-pulse rounded-md bg-slate-100" />
          <div className="h-8 w-32 animate-pulse rounded-md bg-slate-100 max-sm:hidden" />
          <div className="h-8 w-28 animate-pulse rounded-md bg-slate-100 max-sm:hidden" />
        </div>
      ) : null}
      <div className="flex min-h-0 flex-1 gap-3 overflow-hidden p-3 sm:p-4">
        {CARDS_PER_COLUMN.map((cards, column) => (
          <div key={column} className="flex h-full w-[17rem] shrink-0 flex-col gap-2 rounded-xl bg-slate-100 p-2 ring-1 ring-slate-200">
            <div className="mb-1 space-y-1.5 px-1 pt-1">
              <div className="h-4 w-28 animate-pulse rounded bg-slate-200" />
              <div className="h-3 w-20 animate-pulse rounded bg-slate-200" />
            </div>
            {Array.from({ length: cards }, (_, i) => (
              <div key={i} className="h-28 animate-pulse rounded-lg bg-white/80 ring-1 ring-slate-200" />
            ))}
          </div>
        ))}
      </div>
      <div className="flex h-16 shrink-0 gap-3 border-t border-slate-200 px-4 py-2">
        <div className="flex-1 rounded-lg border-2 border-dashed border-slate-200" />
        <div className="flex-1 rounded-lg border-2 border-dashed border-slate-200" />
      </div>
    </div>
  );
}
