import { getOpenApiDocument } from '@/lib/openapi/document';

// GET /api/v1/openapi.json – the OpenAPI 3.1 document (public: it describes, it reveals no data)
export function GET(): Response {
  return Response.json(getOpenApiDocument(), { headers: { 'Cache-Control': 'public, max-age=300' } });
}
