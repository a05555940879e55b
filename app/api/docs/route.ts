import { NONCE_HEADER } from '@/lib/auth/request-policy';

// GET /api/docs – the interactive API reference (Swagger UI, served from our own node_modules);
// behind sign-in like every page, its inline script carries the nonce of the page's policy
export function GET(request: Request): Response {
  const nonce = (request.headers.get(NONCE_HEADER) ?? '').replace(/[^A-Za-z0-9+/=]/g, '');
  const html = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8" />
  <meta name="viewport" content="width=device-width, initial-scale=1" />
  <title>Dealboard API reference</title>
  <link rel="stylesheet" href="/api/docs/assets/swagger-ui.css" />
  <style nonce="${nonce}">body { margin: 0; } .topbar { display: none; }</style>
</head>
<body>
  <div id="reference"></div>
  <script nonce="${nonce}" src="/api/docs/assets/swagger-ui-bundle.js"></script>
  <script nonce="${nonce}">
    window.ui = SwaggerUIBundle({
      url: '/api/v1/openapi.json',
      dom_id: '#reference',
      deepLinking: true,
      persistAuthorization: true,
      tryItOutEnabled: true,
    });
  </script>
</body>
</html>`;
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
