'use client';

import { useSearchParams } from 'next/navigation';
import { boardFiltersToSearch, parseBoardFilters } from '@/lib/board/board-filters';
import { ExportCsvLink } from '@/components/ui/export-csv-link';

// The board's "Export CSV": the deals table's export with this pipeline and the board's filters as
// the URL has them now (the filters change the URL in the browser, without a server render), in
// board order: stage by stage, left to right, each stage's cards top to bottom.
export function BoardExportLink({ pipelineId }: { pipelineId: string }) {
  const searchParams = useSearchParams();
  const search = new URLSearchParams(boardFiltersToSearch(parseBoardFilters(searchParams)));
  search.set('pipeline', pipelineId);
  search.set('sort', 'stage');
  search.set('dir', 'asc');
  return <ExportCsvLink href={`/deals/export?${search}`} compact />;
}
