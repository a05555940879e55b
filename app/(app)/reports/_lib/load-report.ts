import 'server-only';
import type { ServiceContext } from '@/lib/services/context';
import { getForecastReport, type ForecastReport } from '@/lib/services/reports/get-forecast-report';
import { getFunnelReport, type FunnelReport } from '@/lib/services/reports/get-funnel-report';
import { getLostDealsReport, type LostDealsReport } from '@/lib/services/reports/get-lost-deals-report';
import { getMovementReport, type MovementReport } from '@/lib/services/reports/get-movement-report';
import { getPipelineSnapshot, type PipelineSnapshot } from '@/lib/services/reports/get-pipeline-snapshot';
import { getSnapshotChanges, type SnapshotChanges } from '@/lib/services/reports/get-snapshot-changes';
import { getStageDurationsReport, type StageDurationsReport } from '@/lib/services/reports/get-stage-durations-report';
import type { ReportSearch } from '@/lib/reports/report-search';
import type { ReportSlug } from '@/lib/reports/report-catalog';

export type LoadedReport =
  | { slug: 'movement'; report: MovementReport }
  | { slug: 'funnel'; report: FunnelReport }
  | { slug: 'time-in-stage'; report: StageDurationsReport }
  | { slug: 'snapshot'; report: PipelineSnapshot; changes: SnapshotChanges }
  | { slug: 'forecast'; report: ForecastReport }
  | { slug: 'lost-deals'; report: LostDealsReport };

/** Runs a report's services for a page or a CSV download (never through our own HTTP API). */
export async function loadReport(
  ctx: ServiceContext,
  slug: ReportSlug,
  search: ReportSearch,
  now: Date,
  options: { dealsPerStage?: number; changedDeals?: number } = {},
): Promise<LoadedReport> {
  const filters = { pipelineId: search.pipelineId, ownerId: search.ownerId };
  const currency = search.currency;
  switch (slug) {
    case 'movement':
      return { slug, report: await getMovementReport({ ctx, input: { ...filters, period: search.period, currency } }) };
    case 'funnel':
      return { slug, report: await getFunnelReport({ ctx, input: { ...filters, period: search.period } }) };
    case 'time-in-stage':
      return { slug, report: await getStageDurationsReport({ ctx, input: { ...filters, period: search.period, now } }) };
    case 'snapshot': {
      const [report, changes] = await Promise.all([
        getPipelineSnapshot({ ctx, input: { ...filters, asOf: search.asOf, dealsPerStage: options.dealsPerStage ?? 8, currency } }),
        getSnapshotChanges({ ctx, input: { ...filters, from: search.compareTo, to: search.asOf, limit: options.changedDeals ?? 100 } }),
      ]);
      return { slug, report, changes };
    }
    case 'forecast':
      return { slug, report: await getForecastReport({ ctx, input: { ...filters, period: search.period, currency, now } }) };
    case 'lost-deals':
      return { slug, report: await getLostDealsReport({ ctx, input: { ...filters, period: search.period, currency } }) };
  }
}
