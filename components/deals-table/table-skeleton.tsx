// The deals table's placeholder while a page of deals loads (app/deals/(table)/loading.tsx).

function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-slate-200/70 ${className}`} />;
}

export function DealsTableSkeleton() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading deals" className="flex min-h-0 flex-1 flex-col overflow-hidden">
      <div className="flex items-center gap-4 border-b border-slate-200 bg-white px-6 py-3">
        <Bar className="h-6 w-20" />
        <Bar className="h-4 w-32" />
      </div>
      <div className="flex flex-wrap items-end gap-2 border-b border-slate-200 bg-white px-4 py-2 sm:px-6">
        <Bar className="h-8 w-72 max-sm:w-full" />
        {Array.from({ length: 4 }, (_, i) => (
          <Bar key={i} className="h-8 w-32" />
        ))}
      </div>
      <div className="min-h-0 flex-1 overflow-hidden px-4 py-3 sm:px-6">
        <div className="rounded-lg bg-white shadow-sm">
          <div className="h-9 rounded-t-lg bg-slate-100" />
          {Array.from({ length: 12 }, (_, i) => (
            <div key={i} className="flex items-center gap-4 border-t border-slate-100 px-3 py-3">
              <Bar className="h-4 w-4" />
              <Bar className={`h-4 ${i % 3 === 0 ? 'w-56' : i % 3 === 1 ? 'w-40' : 'w-48'}`} />
              <Bar className="h-4 w-20" />
              <Bar className="h-4 w-24 max-sm:hidden" />
              <Bar className="h-4 w-16 max-sm:hidden" />
              <Bar className="h-4 w-24 max-md:hidden" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
