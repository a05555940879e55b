import 'server-only';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { fromPublicId } from '@/lib/ids';
import type { ServiceContext } from '@/lib/services/context';

// GET route handlers the board page's browser code reads (not the public API): they act as the
// browser's user (getBrowserContext), answer JSON that is never cached, and turn AppError into
// { error: { code, message } } with its status.

type Context = { params: Promise<{ pipelineId: string }> };

export function browserRead(
  handler: (args: { ctx: ServiceContext; pipelineId: number; searchParams: URLSearchParams }) => Promise<unknown>,
): (request: Request, context: Context) => Promise<Response> {
  return async (request, context) => {
    const headers = { 'Cache-Control': 'no-store' };
    try {
      const { pipelineId: publicId } = await context.params;
      const pipelineId = fromPublicId('pipeline', publicId);
      if (pipelineId === null) return Response.json({ error: { code: 'not_found', message: 'No such pipeline.' } }, { status: 404, headers });
      const ctx = await getBrowserContext();
      const data = await handler({ ctx, pipelineId, searchParams: new URL(request.url).searchParams });
      return Response.json(data, { headers });
    } catch (error) {
      if (isAppError(error)) return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status, headers });
      console.error('Board read failed:', error);
      return Response.json({ error: { code: 'internal', message: 'The board could not be loaded; retrying.' } }, { status: 500, headers });
    }
  };
}
