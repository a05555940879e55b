// shown while a settings section reads its data (the tabs above stay)
export default function LoadingSettings() {
  return (
    <div role="status" aria-busy="true" aria-label="Loading settings" className="mx-auto max-w-5xl space-y-3 p-4 sm:p-6">
      <div className="h-6 w-48 animate-pulse rounded bg-slate-200" />
      <div className="h-4 w-72 max-w-full animate-pulse rounded bg-slate-100" />
      {Array.from({ length: 4 }, (_, i) => (
        <div key={i} className="h-14 animate-pulse rounded-lg border border-slate-200 bg-white" />
      ))}
    </div>
  );
}
