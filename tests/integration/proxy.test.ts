import { NextRequest, type NextResponse } from 'next/server';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetEnvForTests } from '../../lib/env';
import { config, proxy } from '../../proxy';

// The first gate every page, server action, browser JSON route and sign-in call passes: the real
// `proxy` function with real NextRequests, asserting on the NextResponse it answers.

const APP = 'http://localhost:3000';
const SESSION = 'dealboard.session_token=abc.def';
const saved = { APP_URL: process.env.APP_URL, ALLOWED_HOSTS: process.env.ALLOWED_HOSTS };

beforeEach(() => {
  delete process.env.APP_URL;
  delete process.env.ALLOWED_HOSTS;
  resetEnvForTests();
});

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
});

function request(path: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}): NextRequest {
  return new NextRequest(new URL(path, APP), { method, headers: { host: 'localhost:3000', ...headers } });
}

const page = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const action = (origin?: string) => ({ 'next-action': '7f3a9c', accept: 'text/x-component', ...(origin === undefined ? {} : { origin }) });

/** Whether the proxy let the request through to the route (NextResponse.next()). */
function passed(response: NextResponse): boolean {
  return response.headers.get('x-middleware-next') === '1';
}

async function expectRefusal(response: NextResponse, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(passed(response)).toBe(false);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(10);
}

function nonceOf(policy: string | null): string {
  const match = /'nonce-([^']+)'/.exec(policy ?? '');
  expect(match, `a nonce in ${policy}`).not.toBeNull();
  return match![1]!;
}

describe('Host', () => {
  it('answers 421 JSON to a foreign Host, before anything else (even a public path or a session)', async () => {
    await expectRefusal(proxy(request('/deals', { headers: { ...page, host: 'evil.example:3000', cookie: SESSION } })), 421, 'misdirected_request');
    await expectRefusal(proxy(request('/sign-in', { headers: { ...page, host: 'localhost.evil.example:3000' } })), 421, 'misdirected_request');
    await expectRefusal(proxy(request('/api/auth/sign-in/email', { method: 'POST', headers: { host: '127.0.0.1.nip.io' } })), 421, 'misdirected_request');
  });

  it('answers to loopback names and to ALLOWED_HOSTS', () => {
    for (const host of ['localhost:3000', '127.0.0.1:3000', '[::1]:3000']) {
      expect(passed(proxy(request('/sign-in', { headers: { ...page, host } }))), host).toBe(true);
    }
    process.env.ALLOWED_HOSTS = 'crm.internal';
    resetEnvForTests();
    expect(passed(proxy(request('/sign-in', { headers: { ...page, host: 'crm.internal:8080' } })))).toBe(true);
  });
});

describe('server actions', () => {
  it.each([
    ['a foreign Origin', 'https://evil.example'],
    ['Origin: null', 'null'],
    ['no Origin', undefined],
    ['another port of ours', 'http://localhost:3001'],
    ['a malformed Origin', 'localhost:3000'],
  ])('refuses an action POST with %s: 403 JSON, never 500', async (_name, origin) => {
    const response = proxy(request('/deals', { method: 'POST', headers: { ...action(origin), cookie: SESSION } }));
    await expectRefusal(response, 403, 'forbidden');
  });

  it('lets a same-origin action POST through', () => {
    const response = proxy(request('/deals', { method: 'POST', headers: { ...action(APP), cookie: SESSION } }));
    expect(passed(response)).toBe(true);
    expect(response.status).toBe(200);
  });
});

describe('signed out', () => {
  it('sends a page request to sign in (303), remembering the page and its query', () => {
    const response = proxy(request('/deals?status=open', { headers: page }));
    expect(response.status).toBe(303);
    const location = new URL(response.headers.get('location')!, APP);
    expect(location.origin).toBe(APP);
    expect(`${location.pathname}${location.search}`).toBe('/sign-in?next=%2Fdeals%3Fstatus%3Dopen');
  });

  it('sends / to plain /sign-in', () => {
    const response = proxy(request('/', { headers: page }));
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!, APP).href).toBe(`${APP}/sign-in`);
  });

  it('answers 401 JSON to a browser JSON route and to a non-GET', async () => {
    await expectRefusal(proxy(request('/pipelines/x/board-data', { headers: { accept: 'application/json' } })), 401, 'unauthorized');
    await expectRefusal(proxy(request('/pipelines/x/board-data')), 401, 'unauthorized');
    await expectRefusal(proxy(request('/reports/pipeline/csv', { headers: { accept: 'text/csv' } })), 401, 'unauthorized');
    await expectRefusal(proxy(request('/deals', { method: 'POST', headers: { ...page, origin: APP } })), 401, 'unauthorized');
  });

  it('does not take a look-alike cookie for a session', async () => {
    const response = proxy(request('/pipelines/x/board-data', { headers: { cookie: 'dealboard.session_token_x=1; session_token=1' } }));
    await expectRefusal(response, 401, 'unauthorized');
  });

  it.each([
    ['GET', '/sign-in'],
    ['GET', '/sign-in?next=%2Fdeals'],
    ['GET', '/forgot-password'],
    ['GET', '/reset-password'],
    ['GET', '/reset-password?token=abc'],
    ['GET', '/invite/abc'],
    ['POST', '/api/auth/sign-in/email'],
    ['GET', '/api/auth/get-session'],
  ])('lets %s %s through', (method, path) => {
    const response = proxy(request(path, { method, headers: method === 'GET' ? page : { 'content-type': 'application/json', origin: APP } }));
    expect(passed(response)).toBe(true);
  });

  it.each([['/sign-in-x'], ['/invite'], ['/api/authx'], ['/reset-passwords']])('does not treat %s as public', (path) => {
    const response = proxy(request(path, { headers: page }));
    expect(response.status).toBe(303);
  });
});

describe('signed in', () => {
  it('lets pages and JSON routes through with either session cookie name', () => {
    expect(passed(proxy(request('/deals', { headers: { ...page, cookie: SESSION } })))).toBe(true);
    expect(passed(proxy(request('/pipelines/x/board-data', { headers: { cookie: SESSION } })))).toBe(true);
    expect(passed(proxy(request('/deals', { headers: { ...page, cookie: '__Secure-dealboard.session_token=abc.def' } })))).toBe(true);
  });
});

describe('Content-Security-Policy', () => {
  it('sets a nonce policy on a passed page that forbids framing, with a new nonce every request', () => {
    const first = proxy(request('/deals', { headers: { ...page, cookie: SESSION } }));
    const second = proxy(request('/deals', { headers: { ...page, cookie: SESSION } }));
    const policy = first.headers.get('content-security-policy');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("object-src 'none'");
    expect(policy).toContain("base-uri 'self'");
    expect(policy).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    expect(policy).not.toContain('unsafe-eval');
    const nonce = nonceOf(policy);
    expect(nonce.length).toBeGreaterThanOrEqual(16);
    expect(nonceOf(second.headers.get('content-security-policy'))).not.toBe(nonce);
    // the page renders with the same nonce: it travels on the request to the route
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(policy);
  });

  it('overwrites the nonce and path headers a client sends itself', () => {
    const response = proxy(
      request('/deals?status=open', { headers: { ...page, cookie: SESSION, 'x-nonce': 'attacker', 'x-dealboard-path': '//evil.example' } }),
    );
    const nonce = nonceOf(response.headers.get('content-security-policy'));
    expect(response.headers.get('x-middleware-request-x-nonce')).toBe(nonce);
    expect(response.headers.get('x-middleware-request-x-dealboard-path')).toBe('/deals?status=open');
  });
});

describe('a malformed percent-encoding in the address', () => {
  it.each([['/api/v1/deals/%'], ['/api/v1/deals/%zz/stage'], ['/api/concord/deals/%E0%A4%A'], ['/deals/%'], ['/contacts/50%']])(
    'answers 400 JSON to %s, signed in or not, before anything else reads it',
    async (path) => {
      await expectRefusal(proxy(request(path)), 400, 'validation_failed');
      await expectRefusal(proxy(request(path, { headers: { ...page, cookie: SESSION } })), 400, 'validation_failed');
    },
  );

  it('refuses a NUL in the query of a page or browser route with 400 JSON (a URL cannot carry a lone surrogate: bad UTF-8 decodes to U+FFFD)', async () => {
    for (const path of ['/deals?q=%00', '/contacts?q=a%00b', '/pipelines/4/board-data?owner=%00', '/reports/funnel?from%00=1']) {
      await expectRefusal(proxy(request(path, { headers: { ...page, cookie: SESSION } })), 400, 'validation_failed');
    }
  });

  it('lets a well-formed encoding through, and the key-authenticated API without a session', () => {
    expect(passed(proxy(request('/api/v1/deals/deal_%41bc')))).toBe(true);
    expect(passed(proxy(request('/api/concord/deals/%31')))).toBe(true);
    expect(passed(proxy(request('/deals?q=50%25', { headers: { ...page, cookie: SESSION } })))).toBe(true);
  });
});

describe('config.matcher', () => {
  const matches = (path: string) => unstable_doesMiddlewareMatch({ config, url: `${APP}${path}` });

  it.each([
    ['/api/v1/deals'],
    ['/api/v1/deals/123?include=stage'],
    ['/api/v1/openapi.json'],
    ['/api/hubspot/crm/v3/objects/deals'],
    ['/api/recotap/deals'],
    ['/api/concord/deals'],
    ['/api/health'],
    ['/api/ping'],
    ['/_next/static/chunks/app.js'],
    ['/_next/image?url=x'],
    ['/favicon.ico'],
    ['/icon.svg'],
  ])('leaves %s alone (key-authenticated API, static files)', (path) => {
    expect(matches(path)).toBe(false);
  });

  it.each([
    ['/'],
    ['/deals'],
    ['/deals?status=open'],
    ['/pipelines/4/board-data'],
    ['/sign-in'],
    ['/api/auth/sign-in/email'],
    ['/api/auth/sign-out'],
    // only the exact health and ping paths are left out
    ['/api/healthz'],
    ['/api/health/deep'],
    ['/api/pingx'],
    // a look-alike of the REST prefix
    ['/api/v1x/deals'],
    // the key-authenticated API with a % in its address: only to check the encoding
    ['/api/v1/deals/%'],
    ['/api/hubspot/deals/v1/deal/%zz'],
    ['/api/v1/deals/deal_%41'],
  ])('runs on %s', (path) => {
    expect(matches(path)).toBe(true);
  });
});
