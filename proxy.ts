import { NextResponse, type NextRequest } from 'next/server';
import { findQueryProblem, formatInputPath } from './lib/api/accepted-input';
import { isAllowedHost, isSameAllowedOrigin } from './lib/auth/allowed-hosts';
import { REQUEST_PATH_HEADER, signInPathFor } from './lib/auth/sign-in-path';
import { contentSecurityPolicy, hasMalformedPercentEncoding, isKeyAuthenticatedApiPath, isPublicPath, NONCE_HEADER } from './lib/auth/request-policy';
import { SESSION_COOKIE_PREFIX } from './lib/auth/session-cookie';

// Every request for a page, a server action, the browser's own JSON routes and the sign-in API
// passes here first (the public REST API and its dialects authenticate by key and are matched out
// below, so their hot path is untouched). In order: the Host must be ours (DNS rebinding), a
// server action must come from our own origin (cross-site POST), and a visitor without a session
// cookie is sent to sign in. The session itself is checked by the page or action, against the
// database: this is only the quick first gate.

const SESSION_COOKIES = [`${SESSION_COOKIE_PREFIX}.session_token`, `__Secure-${SESSION_COOKIE_PREFIX}.session_token`];

function refuse(status: number, code: string, message: string): NextResponse {
  return NextResponse.json({ error: { code, message } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function proxy(request: NextRequest): NextResponse {
  const host = request.headers.get('host');
  if (!isAllowedHost(host)) {
    return refuse(421, 'misdirected_request', 'This server does not answer to that host name. Open Dealboard at its configured address (APP_URL).');
  }

  const { pathname, search } = request.nextUrl;
  if (hasMalformedPercentEncoding(pathname)) {
    return refuse(400, 'validation_failed', 'This address is not valid: a % in it must be followed by two hexadecimal digits (write a literal % as %25).');
  }
  // the key-authenticated API reaches the proxy only for an address with a % in it (matcher below);
  // its query strings are checked by its own doors, in their own error shapes
  if (isKeyAuthenticatedApiPath(pathname)) return NextResponse.next();
  // pages and the browser's JSON routes: the text rules of the API (no NUL, well-formed Unicode)
  const queryProblem = search ? findQueryProblem(request.nextUrl.searchParams) : null;
  if (queryProblem) return refuse(400, 'validation_failed', `This address is not valid: ${formatInputPath(queryProblem.path)}: ${queryProblem.message}`);

  if (request.method === 'POST' && request.headers.has('next-action')) {
    if (!isSameAllowedOrigin(request.headers.get('origin'), host)) {
      return refuse(403, 'forbidden', 'Cross-site requests to Dealboard are refused: reload the page and try again.');
    }
  }

  const signedIn = SESSION_COOKIES.some((name) => request.cookies.has(name));
  if (!signedIn && !isPublicPath(pathname)) {
    const wantsPage = request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html');
    if (!wantsPage && !request.headers.has('next-action')) {
      return refuse(401, 'unauthorized', 'Sign in to Dealboard first.');
    }
    if (wantsPage) return NextResponse.redirect(new URL(signInPathFor(`${pathname}${search}`), request.url), 303);
  }

  const nonce = btoa(crypto.randomUUID());
  const policy = contentSecurityPolicy(nonce, process.env.NODE_ENV === 'development');
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(REQUEST_PATH_HEADER, `${pathname}${search}`);
  requestHeaders.set(NONCE_HEADER, nonce);
  // Next puts the nonce on its own scripts when it finds the policy on the request
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  matcher: [
    // everything but static files and the key-authenticated API (/api/v1, the dialects, health, ping)
    '/((?!_next/static|_next/image|favicon\\.ico|icon\\.svg|api/v1/|api/recotap/|api/hubspot/|api/concord/|api/health$|api/ping$).*)',
    // …and any address of it with a % in it, to refuse a malformed encoding with a 400
    '/api/:rest(.*%.*)',
  ],
};
