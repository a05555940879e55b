import { parseBoardFilters } from '@/lib/board/board-filters';
import { getPipelineBoard } from '@/lib/services/pipelines/get-pipeline-board';
import { browserRead } from '../_lib/browser-read';

// GET /pipelines/:pipelineId/board-data?<filters> – stages with aggregates and each column's first page
export const GET = browserRead(async ({ ctx, pipelineId, searchParams }) =>
  getPipelineBoard({ ctx, input: { pipelineId, filters: parseBoardFilters(searchParams) } }),
);
