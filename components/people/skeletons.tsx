// Loading skeletons of the contact and company pages (the lists' Suspense fallback, loading.tsx of the record pages).

function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-slate-200/70 ${className}`} />;
}

/** A list's rows while they load (the page's header and search box stay). */
export function TableRowsSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-busy="true" aria-label={label} className="overflow-hidden rounded-lg border border-slate-200 bg-white shadow-sm">
      <Bar className="h-8 w-full rounded-none" />
      {Array.from({ length: 10 }, (_, i) => (
        <div key={i} className="flex gap-4 border-t border-slate-100 px-3 py-2.5">
          <Bar className="h-4 w-1/4" />
          <Bar className="h-4 w-1/3" />
          <Bar className="h-4 w-1/6" />
        </div>
      ))}
      <span className="sr-only" role="status">
        {label}…
      </span>
    </div>
  );
}

/** A record page: title, fields card, deals card. */
export function RecordSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-busy="true" aria-label={label} className="flex min-h-0 flex-1 flex-col overflow-hidden">
      <div className="border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
        <Bar className="h-3 w-24" />
        <Bar className="mt-2 h-7 w-64 max-w-[70%]" />
      </div>
      <div className="mx-auto grid w-full max-w-[90rem] grid-cols-1 gap-4 p-3 sm:p-6 lg:grid-cols-[22rem_minmax(0,1fr)]">
        <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          {Array.from({ length: 5 }, (_, i) => (
            <Bar key={i} className={`h-4 ${i % 2 ? 'w-2/3' : 'w-3/4'}`} />
          ))}
        </div>
        <div className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
          <Bar className="h-5 w-40" />
          {Array.from({ length: 6 }, (_, i) => (
            <Bar key={i} className="h-4 w-full" />
          ))}
        </div>
      </div>
      <span className="sr-only" role="status">
        {label}…
      </span>
    </div>
  );
}
