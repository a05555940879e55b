import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { fromPublicId } from '@/lib/ids';
import { parseLiveCursor } from '@/lib/live-board/live-cursor';
import { streamBoardChanges } from '@/lib/services/board/stream-board-changes';

// GET /pipelines/:pipelineId/live?after=<event id> – the board's changes as Server-Sent Events
// (EventSource resumes with the Last-Event-ID header after a drop)

export async function GET(request: Request, context: { params: Promise<{ pipelineId: string }> }): Promise<Response> {
  const headers = { 'Cache-Control': 'no-store' };
  const pipelineId = fromPublicId('pipeline', (await context.params).pipelineId);
  if (pipelineId === null) return Response.json({ error: { code: 'not_found', message: 'No such pipeline.' } }, { status: 404, headers });
  const ctx = await getBrowserContext();
  const after = parseLiveCursor(request.headers.get('last-event-id')) ?? parseLiveCursor(new URL(request.url).searchParams.get('after'));
  try {
    const body = await streamBoardChanges({ ctx, input: { pipelineId, after }, signal: request.signal });
    // no-transform: a compressing proxy (or Next's own compression) must not hold events back
    return new Response(body, {
      headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store, no-transform', 'X-Accel-Buffering': 'no' },
    });
  } catch (error) {
    if (isAppError(error)) return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status, headers });
    throw error;
  }
}
