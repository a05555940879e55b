import type { Metadata } from 'next';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { toPublicId } from '@/lib/ids';
import { missingRateReason } from '@/lib/board/converted-totals';
import { formatMoney } from '@/lib/money/format-money';
import { clearedDealsTableHref, DEALS_TABLE_PAGE_SIZE, dealsTableIsFiltered, dealsTableSearch, parseDealsTableParams } from '@/lib/schemas/deals-table';
import { dealsTableFilterOf } from '@/lib/services/deals/deals-table-where-sql';
import { listDealsTable } from '@/lib/services/deals/list-deals-table';
import { getLostReasonPolicy } from '@/lib/services/lost-reasons/get-lost-reason-policy';
import { listLossReasonsInUse } from '@/lib/services/lost-reasons/list-loss-reasons-in-use';
import { listLostReasons } from '@/lib/services/lost-reasons/list-lost-reasons';
import { listPipelines } from '@/lib/services/pipelines/list-pipelines';
import { listStages } from '@/lib/services/stages/list-stages';
import { listUsers } from '@/lib/services/users/list-users';
import { PageHeader } from '@/components/app-shell/page-header';
import { DealsFilters } from '@/components/deals-table/deals-filters';
import { DealsEmptyState } from '@/components/deals-table/empty-state';
import { DealsTable } from '@/components/deals-table/deals-table';
import { NewDealButton } from '@/components/deal/new-deal-dialog';
import { ExportCsvLink } from '@/components/ui/export-csv-link';
import type { DealsTableItem, DealsTableOptions } from '@/components/deals-table/types';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Deals' };

// in UTC with a fixed locale: the server's HTML and the browser's first render agree
const day = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const dayThisYear = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' });

/** "Nov 3" this year, "Nov 3, 2025" otherwise (updated / created: recent dates, kept short). */
function recentDay(date: Date, now: Date): string {
  return date.getUTCFullYear() === now.getUTCFullYear() ? dayThisYear.format(date) : day.format(date);
}
const count = new Intl.NumberFormat('en-US');

// /deals – every deal in a table: search, filters, sort and page in the URL; bulk actions on the selection
export default async function DealsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = parseDealsTableParams(await searchParams);
  const ctx = await getBrowserContext();
  const [pipelines, users, lostReasonPolicy, lostReasons, reasonsInUse] = await Promise.all([
    listPipelines({ ctx }),
    listUsers({ ctx }),
    getLostReasonPolicy({ ctx }),
    listLostReasons({ ctx, input: { limit: 200 } }),
    // free-text reasons only matter once lost deals are shown: the open table (the usual view, and its
    // prefetched sort links) skips the scan of every lost deal
    params.filters.statuses.includes('lost') ? listLossReasonsInUse({ ctx, input: { limit: 100 } }) : Promise.resolve([]),
  ]);
  const stages = await Promise.all(pipelines.map((p) => listStages({ ctx, input: { pipelineId: p.id, limit: 200 } })));
  const page = await listDealsTable({
    ctx,
    input: {
      ...dealsTableFilterOf(params),
      sort: params.sort,
      dir: params.dir,
      page: params.page,
      pageSize: DEALS_TABLE_PAGE_SIZE,
    },
  });
  const shown = { ...params, page: page.page };

  const options: DealsTableOptions = {
    pipelines: pipelines.map((p, i) => ({
      id: toPublicId('pipeline', p.id),
      name: p.name,
      stages: stages[i]!.rows.map((s) => ({ id: toPublicId('stage', s.id), name: s.name, outcome: s.outcome })),
    })),
    users: users.map((u) => ({ id: u.publicId, name: u.name })),
    lostReasonPolicy,
    // the whole list, retired reasons too: past losses still carry them
    lostReasons: lostReasons.rows.map((r) => r.label),
    otherLossReasons: reasonsInUse.filter((r) => !lostReasons.rows.some((l) => l.label === r)).sort((a, b) => a.localeCompare(b)),
  };
  const now = new Date();
  const rows: DealsTableItem[] = page.rows.map((d) => ({
    id: toPublicId('deal', d.id),
    name: d.name,
    value: formatMoney(d.value, d.currency),
    convertedValue: d.convertedValue === null ? null : formatMoney(d.convertedValue, page.conversion.currency),
    missingRate: d.convertedValue === null ? missingRateReason(page.conversion, d.currency) : null,
    status: d.status,
    lostReason: d.lostReason,
    pipelineName: d.pipelineName,
    stageName: d.stageName,
    ownerName: d.ownerName,
    companyName: d.companyName,
    expectedClose: d.expectedClose ? day.format(d.expectedClose) : null,
    updated: recentDay(d.updatedAt, now),
    created: recentDay(d.createdAt, now),
  }));

  return (
    <>
      <PageHeader title="Deals">
        <span className="text-sm text-slate-500" data-testid="deals-total">
          {count.format(page.total)} {page.total === 1 ? 'deal' : 'deals'}
        </span>
        <div className="ml-auto flex items-center gap-2">
          <ExportCsvLink href={`/deals/export?${dealsTableSearch({ ...params, page: 1 })}`} />
          <NewDealButton preset={params.pipeline ? { pipelineId: params.pipeline } : undefined} />
        </div>
      </PageHeader>
      <DealsFilters params={shown} options={options} />
      {page.total === 0 ? (
        <DealsEmptyState filtered={dealsTableIsFiltered(params)} clearHref={clearedDealsTableHref(params)} />
      ) : (
        <DealsTable
          key={dealsTableSearch(shown)}
          rows={rows}
          params={shown}
          options={options}
          total={page.total}
          pageSize={page.pageSize}
          homeCurrency={page.conversion.currency}
        />
      )}
    </>
  );
}
