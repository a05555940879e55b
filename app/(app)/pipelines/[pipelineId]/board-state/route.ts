import { getBoardVersion } from '@/lib/services/board/get-board-version';
import { browserRead } from '../_lib/browser-read';

// GET /pipelines/:pipelineId/board-state – the board's fingerprint, polled by an open board
export const GET = browserRead(async ({ ctx, pipelineId }) => ({ version: await getBoardVersion({ ctx, input: { pipelineId } }) }));
