// Shared by the proxy, pages and the sign-in form: where a signed-out visitor goes, and where
// they may be sent back to afterwards.

/** Set by the proxy on every page request: the path and query the visitor asked for. */
export const REQUEST_PATH_HEADER = 'x-dealboard-path';

/**
 * A "back to" target only if it is a path on this site: one leading slash, no scheme, no
 * protocol-relative `//host` or `/\host` (browsers treat a backslash as a slash).
 */
export function safeReturnPath(candidate: string | null | undefined): string {
  if (!candidate || candidate.length > 2048) return '/';
  if (!candidate.startsWith('/') || candidate.startsWith('//') || candidate.startsWith('/\\')) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it refuses
  if (/[\u0000-\u001f\\]/.test(candidate)) return '/';
  try {
    // resolved against a placeholder origin, a real path stays on it
    const resolved = new URL(candidate, 'http://dealboard.invalid');
    // dot segments can collapse to a leading `//` (`/.//evil.example`, `/a/..//evil.example`),
    // which a browser reads as another host
    if (resolved.origin !== 'http://dealboard.invalid' || resolved.pathname.startsWith('//')) return '/';
    return `${resolved.pathname}${resolved.search}${resolved.hash}`;
  } catch {
    return '/';
  }
}

/** The sign-in page, remembering the page to come back to. */
export function signInPathFor(returnTo: string | null | undefined): string {
  const path = safeReturnPath(returnTo);
  return path === '/' || path.startsWith('/sign-in') ? '/sign-in' : `/sign-in?next=${encodeURIComponent(path)}`;
}
