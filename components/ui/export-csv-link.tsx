import { DownloadIcon } from './icons';

// "Export CSV": a plain link to a download route (the browser saves the streamed file itself, so
// no script holds the rows). The href carries the list's current filters.

export function ExportCsvLink({ href, label = 'Export CSV', className = '' }: { href: string; label?: string; className?: string }) {
  return (
    <a
      href={href}
      download
      className={`inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${className}`}
    >
      <DownloadIcon className="h-4 w-4 text-slate-500" />
      {label}
    </a>
  );
}
