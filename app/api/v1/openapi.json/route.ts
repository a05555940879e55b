import { authenticateKeyOrSession } from '@/lib/api/authenticate-key-or-session';
import { errorResponse } from '@/lib/api/error-response';
import { getOpenApiDocument } from '@/lib/openapi/document';

// GET /api/v1/openapi.json – the OpenAPI 3.1 document, for an API key or a signed-in browser
export async function GET(request: Request): Promise<Response> {
  try {
    await authenticateKeyOrSession(request);
  } catch (error) {
    return errorResponse(error);
  }
  return Response.json(getOpenApiDocument(), { headers: { 'Cache-Control': 'private, max-age=300' } });
}
