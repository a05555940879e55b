import Link from 'next/link';
import { REPORTS, type ReportSlug } from '@/lib/reports/report-catalog';

// the reports over a past period, which keep its dates from one to another
const HISTORY = new Set<ReportSlug>(['movement', 'funnel', 'time-in-stage', 'lost-deals']);

/** The reports as tabs; a link keeps the pipeline and owner (and the dates of history reports). */
export function ReportNav({
  current,
  query,
}: {
  current: ReportSlug | null;
  query: { pipeline?: string; owner?: string; from?: string; to?: string; currency?: string };
}) {
  return (
    <nav aria-label="Reports" className="-mb-px flex gap-1 overflow-x-auto border-b border-slate-200 px-2 sm:px-4 lg:px-6">
      {REPORTS.map((report) => {
        const params = new URLSearchParams();
        if (query.pipeline) params.set('pipeline', query.pipeline);
        if (query.owner) params.set('owner', query.owner);
        if (query.currency && (report.slug === 'movement' || report.slug === 'forecast' || report.slug === 'snapshot' || report.slug === 'lost-deals'))
          params.set('currency', query.currency);
        const history = HISTORY.has(report.slug);
        const fromHistory = current !== null && HISTORY.has(current);
        if (history && fromHistory && query.from && query.to) {
          params.set('from', query.from);
          params.set('to', query.to);
        }
        const active = report.slug === current;
        const search = params.toString();
        return (
          <Link
            key={report.slug}
            href={`/reports/${report.slug}${search ? `?${search}` : ''}`}
            aria-current={active ? 'page' : undefined}
            className={`shrink-0 whitespace-nowrap border-b-2 px-3 py-2 text-sm ${
              active ? 'border-indigo-600 font-medium text-indigo-700' : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
            }`}
          >
            {report.title}
          </Link>
        );
      })}
    </nav>
  );
}
