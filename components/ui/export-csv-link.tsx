import { DownloadIcon } from './icons';

// "Export CSV": a plain link to a download route (the browser saves the streamed file itself, so
// no script holds the rows). The href carries the list's current filters.

/** `compact`: on phones only the icon shows (the label stays the link's name). */
export function ExportCsvLink({ href, label = 'Export CSV', compact = false }: { href: string; label?: string; compact?: boolean }) {
  return (
    <a
      href={href}
      download
      className={`inline-flex h-8 shrink-0 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-600 ${compact ? 'max-sm:px-2' : ''}`}
    >
      <DownloadIcon className="h-4 w-4 text-slate-500" />
      <span className={compact ? 'max-sm:sr-only' : ''}>{label}</span>
    </a>
  );
}
