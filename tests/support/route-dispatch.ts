import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { NextRequest } from 'next/server';
import { isKeyAuthenticatedApiPath } from '../../lib/auth/request-policy';
import { proxy } from '../../proxy';
/** A request as it leaves the client. */
export interface RenderedRequest {
  method: string;
  url: string;
  headers: Headers;
  body: string | undefined;
}

// Sends a request the way the Next server would: the proxy first where its matcher sends the address
// (everything but the key-authenticated API, and any API address with a % in it), then the route handler the app router picks for the path, with
// its dynamic segments percent-decoded into params. An address no route matches is not an
// operation of the API, and is reported as unrouted.

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

interface Route {
  file: string;
  segments: string[];
  module?: Record<string, unknown>;
}

const appDir = path.resolve(import.meta.dirname, '../../app');

function findRoutes(dir: string, segments: string[] = []): Route[] {
  const routes: Route[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) routes.push(...findRoutes(path.join(dir, entry.name), [...segments, entry.name]));
    else if (entry.name === 'route.ts') routes.push({ file: path.join(dir, entry.name), segments });
  }
  return routes;
}

let routes: Route[] | undefined;

function matchRoute(pathname: string): { route: Route; rawParams: Record<string, string | string[]> } | null {
  routes ??= findRoutes(path.join(appDir, 'api')).map((route) => ({ ...route, segments: ['api', ...route.segments] }));
  const parts = pathname.split('/').slice(1);
  if (parts.at(-1) === '') parts.pop();
  // static segments win over dynamic ones, as in the app router
  const ranked = [...routes].sort((a, b) => a.segments.filter((s) => s.startsWith('[')).length - b.segments.filter((s) => s.startsWith('[')).length);
  for (const route of ranked) {
    const rawParams: Record<string, string | string[]> = {};
    let matched = true;
    for (let i = 0; i < route.segments.length; i += 1) {
      const segment = route.segments[i]!;
      const catchAll = /^\[\.\.\.(.+)\]$/.exec(segment);
      if (catchAll) {
        if (i >= parts.length) matched = false;
        else rawParams[catchAll[1]!] = parts.slice(i);
        break;
      }
      const part = parts[i];
      if (part === undefined || part === '') {
        matched = false;
        break;
      }
      const dynamic = /^\[(.+)\]$/.exec(segment);
      if (dynamic) rawParams[dynamic[1]!] = part;
      else if (segment !== part) {
        matched = false;
        break;
      }
    }
    if (matched && (route.segments.some((s) => s.startsWith('[...')) || route.segments.length === parts.length)) return { route, rawParams };
  }
  return null;
}

export interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** the path matched no route (a dot segment or an encoded slash took it elsewhere) */
  unrouted?: boolean;
}

export async function send(request: RenderedRequest): Promise<Answer> {
  const url = new URL(request.url);
  const init = { method: request.method, headers: request.headers, body: request.body };
  if (!isKeyAuthenticatedApiPath(url.pathname) || url.pathname.includes('%')) {
    const headers = new Headers(request.headers);
    headers.set('host', url.host);
    const proxied = proxy(new NextRequest(url, { ...init, headers }));
    if (!proxied.headers.has('x-middleware-next')) return answerOf(proxied);
  }
  const match = matchRoute(url.pathname);
  if (!match) return { status: 404, contentType: '', text: '', unrouted: true };
  match.route.module ??= (await import(pathToFileURL(match.route.file).href)) as Record<string, unknown>;
  const handler = match.route.module[request.method] as Handler | undefined;
  if (!handler) return { status: 405, contentType: '', text: '', unrouted: true };
  // Next decodes each dynamic segment; the proxy refused an address it could not decode
  const params = Object.fromEntries(
    Object.entries(match.rawParams).map(([name, value]) => [name, Array.isArray(value) ? value.map(decodeURIComponent) : decodeURIComponent(value)]),
  );
  const response = await handler(new Request(url, init), { params: Promise.resolve(params) });
  return answerOf(response);
}

async function answerOf(response: Response): Promise<Answer> {
  // an event stream (GET /api/v1/events/stream) never ends: its status and headers are the answer
  if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
    await response.body?.cancel();
    return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: '' };
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', text: await response.text() };
}
