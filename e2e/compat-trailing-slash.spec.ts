import { expect, test, type APIRequestContext, type APIResponse } from '@playwright/test';

// Legacy HubSpot clients send /deals/v1/deal/… with and without a trailing slash and do not follow
// redirects on POST or PUT: the running server must answer both spellings itself (never a 30x).
// Without a key every answer is the dialect's 401 JSON, which proves the request reached the route
// handler (API keys cannot be created while this server holds the embedded database).
// Everything else keeps Next's default: a trailing slash redirects (308) to the path without it.

type Method = 'post' | 'get' | 'put' | 'delete';

function send(request: APIRequestContext, method: Method, path: string): Promise<APIResponse> {
  const options = { maxRedirects: 0, ...(method === 'post' || method === 'put' ? { data: { properties: [{ name: 'dealname', value: 'x' }] } } : {}) };
  return request[method](path, options);
}

const HUBSPOT: [Method, string][] = [
  ['post', '/api/hubspot/deals/v1/deal'],
  ['post', '/api/hubspot/deals/v1/deal/'],
  ['get', '/api/hubspot/deals/v1/deal/151088'],
  ['get', '/api/hubspot/deals/v1/deal/151088/'],
  ['put', '/api/hubspot/deals/v1/deal/151088'],
  ['put', '/api/hubspot/deals/v1/deal/151088/'],
  ['delete', '/api/hubspot/deals/v1/deal/151088'],
  ['delete', '/api/hubspot/deals/v1/deal/151088/'],
];

for (const [method, path] of HUBSPOT) {
  test(`${method.toUpperCase()} ${path} is answered directly by the HubSpot dialect`, async ({ request }) => {
    const answer = await send(request, method, path);
    expect(answer.status(), `${method} ${path} → ${answer.headers().location ?? ''}`).toBe(401);
    expect(answer.headers()['content-type']).toContain('application/json');
    const body = await answer.json();
    expect(body).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION' });
    expect(typeof body.correlationId).toBe('string');
  });
}

test('a wrong ?hapikey= is refused with 401 JSON on both spellings', async ({ request }) => {
  for (const path of ['/api/hubspot/deals/v1/deal?hapikey=nope', '/api/hubspot/deals/v1/deal/?hapikey=nope']) {
    const answer = await send(request, 'post', path);
    expect(answer.status(), path).toBe(401);
    expect((await answer.json()).status).toBe('error');
  }
});

test('the Recotap dialect answers 401 in its own shape', async ({ request }) => {
  const answer = await request.post('/api/recotap/v1/deals', { maxRedirects: 0, data: { deals: [] } });
  expect(answer.status()).toBe(401);
  expect(await answer.json()).toMatchObject({
    statusCode: 401,
    message: 'Unauthorized',
    customMessage: 'X-Api-Key header is required',
    path: '/api/recotap/v1/deals',
  });
});

test('the native API and pages keep Next’s trailing-slash redirect', async ({ request }) => {
  const native = await request.get('/api/v1/deals/', { maxRedirects: 0 });
  expect(native.status()).toBe(308);
  expect(native.headers().location).toBe('/api/v1/deals');
  const nested = await request.get('/api/v1/pipelines/pipe_k5R8sPqW2z/stages/', { maxRedirects: 0 });
  expect(nested.status()).toBe(308);
  expect(nested.headers().location).toBe('/api/v1/pipelines/pipe_k5R8sPqW2z/stages');
  const page = await request.get('/contacts/', { maxRedirects: 0 });
  expect(page.status()).toBe(308);
  expect(page.headers().location).toBe('/contacts');
  expect((await request.get('/api/v1/deals', { maxRedirects: 0 })).status()).toBe(401);
  expect((await request.get('/contacts', { maxRedirects: 0 })).status()).toBe(200);
});
