// The deal workspace's skeleton while the page loads (the layout has already checked the deal exists).
function Bar({ className }: { className: string }) {
  return <div className={`animate-pulse rounded-md bg-slate-200/70 ${className}`} />;
}

function CardSkeleton({ rows, className = '' }: { rows: number; className?: string }) {
  return (
    <div className={`rounded-xl border border-slate-200 bg-white shadow-sm ${className}`}>
      <div className="border-b border-slate-100 px-4 py-3">
        <Bar className="h-4 w-28" />
      </div>
      <div className="space-y-3 p-4">
        {Array.from({ length: rows }, (_, i) => (
          <Bar key={i} className={`h-4 ${i % 3 === 0 ? 'w-3/4' : i % 3 === 1 ? 'w-1/2' : 'w-2/3'}`} />
        ))}
      </div>
    </div>
  );
}

export default function DealLoading() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading the deal" className="flex min-h-0 flex-1 flex-col overflow-hidden">
      <div className="border-b border-slate-200 bg-white px-4 py-3 sm:px-6">
        <Bar className="h-3 w-40" />
        <div className="mt-2 flex items-center gap-3">
          <Bar className="h-7 w-72 max-w-[60%]" />
          <div className="ml-auto flex gap-2">
            <Bar className="h-8 w-16" />
            <Bar className="h-8 w-16" />
          </div>
        </div>
        <Bar className="mt-2 h-4 w-56" />
        <Bar className="mt-3 h-8 w-full" />
      </div>
      <div className="@container mx-auto w-full max-w-[90rem] space-y-4 p-3 sm:p-6">
        <Bar className="h-16 w-full rounded-xl" />
        <div className="grid grid-cols-1 gap-4 @4xl:grid-cols-[20rem_minmax(0,1fr)] @6xl:grid-cols-[22rem_minmax(0,1fr)]">
          <div className="space-y-4">
            <CardSkeleton rows={9} />
            <CardSkeleton rows={4} />
          </div>
          <div className="space-y-4">
            <CardSkeleton rows={5} />
            <CardSkeleton rows={6} />
            <CardSkeleton rows={4} />
          </div>
        </div>
      </div>
      <span className="sr-only" role="status">
        Loading the deal…
      </span>
    </div>
  );
}
