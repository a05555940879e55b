import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PageHeader } from '@/components/app-shell/page-header';
import { DurationsView } from '@/components/reports/durations-view';
import { ForecastView } from '@/components/reports/forecast-view';
import { formatDay, formatPeriod } from '@/components/reports/format';
import { FunnelView } from '@/components/reports/funnel-view';
import { LostDealsView } from '@/components/reports/lost-deals-view';
import { MovementView } from '@/components/reports/movement-view';
import { ReportFilters } from '@/components/reports/report-filters';
import { ReportNav } from '@/components/reports/report-nav';
import { SnapshotView } from '@/components/reports/snapshot-view';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { loadReport } from '../_lib/load-report';
import { parseReportSearch, type SearchParams } from '@/lib/reports/report-search';
import { findReport } from '@/lib/reports/report-catalog';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ report: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const report = findReport((await params).report);
  return { title: report ? `${report.title} · Reports` : 'Reports' };
}

// /reports/:report – one pipeline report: filters in the URL, a chart, the same numbers as tables,
// and a CSV download. The page calls the report services directly (never our HTTP API).
export default async function ReportPage({ params, searchParams }: Props) {
  const definition = findReport((await params).report);
  if (!definition) notFound();
  const slug = definition.slug;
  const ctx = await getBrowserContext();
  const now = new Date();
  const search = await parseReportSearch(ctx, slug, await searchParams, now);
  const loaded = search.pipelines.length === 0 ? null : await loadReport(ctx, slug, search, now);

  const converts = slug === 'movement' || slug === 'forecast' || slug === 'snapshot';
  const hasCurrency = converts || slug === 'lost-deals';
  const query = new URLSearchParams();
  query.set('pipeline', search.form.pipeline);
  if (search.form.owner) query.set('owner', search.form.owner);
  if (hasCurrency) query.set('currency', search.form.currency);
  if (slug === 'snapshot') {
    query.set('as_of', search.form.asOf);
    if (search.form.compare) query.set('compare', search.form.compare);
  } else {
    query.set('from', search.form.from);
    query.set('to', search.form.to);
  }
  const ownerName = search.owners.find((o) => o.id === search.ownerId)?.name;
  // the per-currency amounts beside each converted figure: a link, so the choice is in the URL
  const breakdownQuery = new URLSearchParams(query);
  if (!search.breakdown) breakdownQuery.set('breakdown', '1');
  const view = { home: search.homeCurrency, showBreakdown: search.breakdown };
  const scopeText =
    slug === 'snapshot'
      ? `as of the end of ${formatDay(new Date(search.asOf.getTime() - 1))}`
      : slug === 'forecast'
        ? `expected close ${formatPeriod(search.period.from, search.period.to)}`
        : formatPeriod(search.period.from, search.period.to);

  return (
    <>
      <PageHeader title="Reports" />
      <div className="min-h-0 flex-1 overflow-auto">
        <div className="bg-white">
          <ReportNav
            current={slug}
            query={{ pipeline: search.form.pipeline, owner: search.form.owner, from: search.form.from, to: search.form.to, currency: search.form.currency }}
          />
        </div>
        <div className="space-y-4 p-2 sm:p-4 lg:p-6">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h2 className="text-xl font-semibold text-slate-900">{definition.title}</h2>
              <p className="mt-0.5 text-sm text-slate-600">
                {search.pipelineName} · {ownerName ? `${ownerName}’s deals` : 'all owners'} · {scopeText} <span className="text-slate-500">(UTC)</span>
              </p>
            </div>
            <div className="flex flex-wrap items-center gap-2">
              {converts ? (
                <a
                  href={`/reports/${slug}?${breakdownQuery.toString()}`}
                  className="inline-flex h-9 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
                >
                  {search.breakdown ? 'Hide amounts per currency' : 'Show amounts per currency'}
                </a>
              ) : null}
              <a
                href={`/reports/${slug}/csv?${query.toString()}`}
                download
                className="inline-flex h-9 items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50"
              >
                <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
                  <path d="M10 3a1 1 0 0 1 1 1v7.59l2.3-2.3a1 1 0 1 1 1.4 1.42l-4 4a1 1 0 0 1-1.4 0l-4-4a1 1 0 1 1 1.4-1.42L9 11.6V4a1 1 0 0 1 1-1ZM4 15a1 1 0 0 1 1 1h10a1 1 0 1 1 0 2H5a2 2 0 0 1-2-2 1 1 0 0 1 1-1Z" />
                </svg>
                Download CSV
              </a>
            </div>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-3 shadow-sm sm:p-4">
            <ReportFilters slug={slug} search={search} />
          </div>
          {search.problems.length > 0 ? (
            <div role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
              {search.problems.map((p) => (
                <p key={p}>{p}</p>
              ))}
            </div>
          ) : null}
          {loaded === null ? (
            <p className="text-sm text-slate-600">There is no pipeline yet.</p>
          ) : loaded.slug === 'movement' ? (
            <MovementView report={loaded.report} {...view} />
          ) : loaded.slug === 'funnel' ? (
            <FunnelView report={loaded.report} />
          ) : loaded.slug === 'time-in-stage' ? (
            <DurationsView report={loaded.report} />
          ) : loaded.slug === 'snapshot' ? (
            <SnapshotView snapshot={loaded.report} changes={loaded.changes} {...view} />
          ) : loaded.slug === 'lost-deals' ? (
            <LostDealsView
              report={loaded.report}
              home={view.home}
              links={{ pipeline: search.form.pipeline, owner: search.form.owner || null, from: search.period.from, to: search.period.to }}
            />
          ) : (
            <ForecastView report={loaded.report} now={now} {...view} />
          )}
        </div>
      </div>
    </>
  );
}
