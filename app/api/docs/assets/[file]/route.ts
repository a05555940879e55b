import fs from 'node:fs/promises';
import path from 'node:path';

// only these files of swagger-ui-dist are served
const ASSETS: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
};

// GET /api/docs/assets/:file – Swagger UI's script and stylesheet for the API reference page
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }): Promise<Response> {
  const { file } = await params;
  const type = ASSETS[file];
  if (!type) return Response.json({ error: { code: 'not_found', message: 'No such asset.', details: [] } }, { status: 404 });
  const body = await fs.readFile(path.join(process.cwd(), 'node_modules', 'swagger-ui-dist', file));
  return new Response(body, { headers: { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' } });
}
