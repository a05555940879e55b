import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '@/components/app-shell/page-header';
import { ReportNav } from '@/components/reports/report-nav';
import { REPORTS } from '@/lib/reports/report-catalog';

export const metadata: Metadata = { title: 'Reports' };

// /reports – the pipeline reports, computed from the stage history
export default function ReportsPage() {
  return (
    <>
      <PageHeader title="Reports" />
      <div className="min-h-0 flex-1 overflow-auto">
        <div className="bg-white">
          <ReportNav current={null} query={{}} />
        </div>
        <div className="grid gap-4 p-4 sm:grid-cols-2 sm:p-6 xl:grid-cols-3">
          {REPORTS.map((report) => (
            <Link
              key={report.slug}
              href={`/reports/${report.slug}`}
              className="group rounded-lg border border-slate-200 bg-white p-5 shadow-sm transition hover:border-indigo-300 hover:shadow"
            >
              <h2 className="text-base font-semibold text-slate-900 group-hover:text-indigo-700">{report.title}</h2>
              <p className="mt-1 text-sm text-slate-600">{report.summary}</p>
            </Link>
          ))}
        </div>
        <p className="px-4 pb-6 text-xs text-slate-500 sm:px-6">
          Every number comes from the deals’ stage history, which keeps each deal’s value and each stage’s probability at the moment of every move. Deleted
          deals keep their history, so past periods never change. Dates are UTC.
        </p>
      </div>
    </>
  );
}
