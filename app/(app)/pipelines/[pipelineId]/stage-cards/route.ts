import { AppError } from '@/lib/errors';
import { fromPublicId } from '@/lib/ids';
import { parseBoardFilters } from '@/lib/board/board-filters';
import { listStageCards } from '@/lib/services/board/list-stage-cards';
import { browserRead } from '../_lib/browser-read';

// GET /pipelines/:pipelineId/stage-cards?stage=stg_…&cursor=…&<filters> – a column's next page of cards
export const GET = browserRead(async ({ ctx, pipelineId, searchParams }) => {
  const stageId = fromPublicId('stage', searchParams.get('stage') ?? '');
  if (stageId === null) throw new AppError('not_found', 'No such stage.');
  return listStageCards({ ctx, input: { pipelineId, stageId, filters: parseBoardFilters(searchParams), cursor: searchParams.get('cursor') } });
});
