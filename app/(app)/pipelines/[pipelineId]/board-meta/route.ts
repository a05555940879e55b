import { getBoardMeta } from '@/lib/services/board/get-board-meta';
import { browserRead } from '../_lib/browser-read';

// GET /pipelines/:pipelineId/board-meta – pipelines, users, lost-reason policy, collapsed columns
export const GET = browserRead(async ({ ctx }) => getBoardMeta({ ctx }));
