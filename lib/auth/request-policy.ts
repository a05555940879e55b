// What the proxy lets through without a session, and the Content-Security-Policy every page gets.

/** Request header carrying this request's CSP nonce to the pages and route handlers that render scripts. */
export const NONCE_HEADER = 'x-nonce';

// Reachable signed out: signing in (and the first-run account), password reset, invitations,
// the sign-in API itself. Everything else needs a session (or, on the REST API, a key).
const PUBLIC_PREFIXES = ['/sign-in', '/forgot-password', '/reset-password', '/invite/', '/api/auth/'];

export function isPublicPath(pathname: string): boolean {
  return PUBLIC_PREFIXES.some((prefix) => pathname === prefix || pathname.startsWith(prefix.endsWith('/') ? prefix : `${prefix}/`));
}

// Authenticated by key, never by session: the proxy sees them only to check their address (below).
const KEY_API_PATH = /^\/api\/(?:v1|recotap|hubspot|concord)\/|^\/api\/(?:health|ping)$/;

export function isKeyAuthenticatedApiPath(pathname: string): boolean {
  return KEY_API_PATH.test(pathname);
}

/**
 * Whether the path has a % not followed by two hex digits. Next cannot decode such a path into
 * route parameters and would answer a bare 500 before any of our code runs.
 */
export function hasMalformedPercentEncoding(pathname: string): boolean {
  if (!pathname.includes('%')) return false;
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

/**
 * Scripts only from this site or carrying this response's nonce; nothing may frame a page;
 * forms post only here. Styles allow inline attributes (server-rendered style="" on components).
 */
export function contentSecurityPolicy(nonce: string, development: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
