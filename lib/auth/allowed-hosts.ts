import { getEnv } from '../env';

// Which Host a request may be addressed to. A page that rebinds its own DNS name to this server's
// address sends its own name as Host, so answering only to the configured address (and loopback
// names, which no outside page can own) keeps a browser from being used against a local install.

const LOOPBACK_HOSTNAMES = new Set(['localhost', '127.0.0.1', '[::1]']);

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.indexOf(':');
  return colon === -1 ? host : host.slice(0, colon);
}

/** Whether a request's Host header names this server: APP_URL's host, ALLOWED_HOSTS, or a loopback name. */
export function isAllowedHost(host: string | null, config: { appUrl: string; allowedHosts: string } = configOf()): boolean {
  if (!host) return false;
  const normalized = host.trim().toLowerCase();
  // a host name or [IPv6] and an optional numeric port, nothing else (`localhost:1@evil.example`)
  if (!/^(?:\[[0-9a-f:.]+\]|[a-z0-9._-]+)(?::\d{1,5})?$/.test(normalized)) return false;
  if (normalized === new URL(config.appUrl).host.toLowerCase()) return true;
  if (LOOPBACK_HOSTNAMES.has(hostnameOf(normalized))) return true;
  const extra = config.allowedHosts
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean);
  return extra.includes(normalized) || extra.includes(hostnameOf(normalized));
}

/** The origins a browser request may come from: APP_URL's, and the request's own when its Host is allowed. */
export function allowedOrigins(host: string | null): string[] {
  const config = configOf();
  const origins = [new URL(config.appUrl).origin];
  if (host && isAllowedHost(host, config)) origins.push(`http://${host}`, `https://${host}`);
  return origins;
}

/** Whether an Origin header is this server's own address as the request names it (same origin, allowed host). */
export function isSameAllowedOrigin(origin: string | null, host: string | null): boolean {
  if (!origin || origin === 'null' || !host) return false;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  return parsed.host.toLowerCase() === host.trim().toLowerCase() && isAllowedHost(host);
}

function configOf(): { appUrl: string; allowedHosts: string } {
  const env = getEnv();
  return { appUrl: env.appUrl, allowedHosts: env.ALLOWED_HOSTS };
}
