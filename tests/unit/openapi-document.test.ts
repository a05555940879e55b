import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getOpenApiDocument } from '../../lib/openapi/document';

// The OpenAPI document must describe every native endpoint that exists, and nothing that doesn't;
// likewise every endpoint of the compatibility dialects, each under its own server and tag.

const API_ROOT = path.resolve('app/api/v1');
const UNDOCUMENTED = new Set(['/openapi.json']);
// compatibility dialects: their path items carry their own server, below this directory of app/api
const DIALECTS: Record<string, { root: string; tag: string }> = {
  '/api/recotap': { root: path.resolve('app/api/recotap'), tag: 'Recotap sync (compatibility)' },
  '/api/hubspot': { root: path.resolve('app/api/hubspot'), tag: 'HubSpot legacy v1 (compatibility)' },
};

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

function implementedOperations(root = API_ROOT, prefix = ''): string[] {
  return routeFiles(root).flatMap((file) => {
    const route = `/${path.relative(root, path.dirname(file)).split(path.sep).join('/')}`.replace(/\[(\w+)\]/g, '{$1}').replace(/\/$/, '') || '/';
    if (root === API_ROOT && UNDOCUMENTED.has(route)) return [];
    const source = fs.readFileSync(file, 'utf8');
    // a handler defined in the file, or re-exported from its dialect's folder (export { GET, PUT } from …)
    const defined = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
    const reexported = [...source.matchAll(/export \{([^}]*)\} from/g)]
      .flatMap((m) => m[1]!.split(',').map((name) => name.trim()))
      .filter((name) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(name));
    const methods = [...defined, ...reexported].map((method) => method.toLowerCase());
    return methods.map((method) => `${method} ${prefix}${route}`);
  });
}

type PathItem = { servers?: { url: string }[] } & Record<string, unknown>;

/** Documented operations as "method path"; a dialect's path is its server URL + key (trailing slash dropped). */
function documentedOperations(paths: Record<string, PathItem | undefined>, server: string | null): string[] {
  return Object.entries(paths).flatMap(([route, item]) => {
    const itemServer = item?.servers?.[0]?.url ?? null;
    if (itemServer !== server) return [];
    const full = server === null ? route : `${server}${route}`.replace(/\/$/, '');
    return Object.keys(item ?? {})
      .filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
      .map((method) => `${method} ${full}`);
  });
}

describe('GET /api/v1/openapi.json', () => {
  const document = getOpenApiDocument();

  it('is OpenAPI 3.1 with the API key security schemes', () => {
    expect(document.openapi).toBe('3.1.0');
    expect(document.servers).toEqual([{ url: '/api/v1' }]);
    expect(Object.keys(document.components?.securitySchemes ?? {})).toEqual(['apiKey', 'bearer']);
  });

  it('documents exactly the endpoints that exist', () => {
    const documented = documentedOperations((document.paths ?? {}) as Record<string, PathItem>, null);
    expect(documented.sort()).toEqual(implementedOperations().sort());
  });

  it('documents exactly the compatibility endpoints that exist, each dialect under its own server and tag', () => {
    const paths = (document.paths ?? {}) as Record<string, PathItem>;
    for (const [server, { root, tag }] of Object.entries(DIALECTS)) {
      const documented = documentedOperations(paths, server);
      expect(documented.length, server).toBeGreaterThan(0);
      expect(documented.sort(), server).toEqual(implementedOperations(root, server).sort());
      const tags = Object.values(paths)
        .filter((item) => item?.servers?.[0]?.url === server)
        .flatMap((item) => Object.entries(item ?? {}).flatMap(([key, op]) => (key === 'servers' ? [] : ((op as { tags?: string[] }).tags ?? []))));
      expect(new Set(tags), server).toEqual(new Set([tag]));
    }
  });

  // Concord's /deals and /deals/{id} would collide with the native keys under /api/concord, so its
  // path items use the server /api and keys beginning with /concord (the same URLs)
  it('documents exactly the Concord endpoints that exist, under the server /api and the Concord tag', () => {
    const items = Object.entries((document.paths ?? {}) as Record<string, PathItem>).filter(([route]) => route.startsWith('/concord/'));
    expect(items.length).toBeGreaterThan(0);
    const documented = items.flatMap(([route, item]) => {
      expect(item.servers, route).toEqual([expect.objectContaining({ url: '/api' })]);
      const methods = Object.keys(item).filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k));
      for (const method of methods) expect((item[method] as { tags?: string[] }).tags, `${method} ${route}`).toEqual(['Concord']);
      return methods.map((method) => `${method} /api${route}`);
    });
    expect(documented.sort()).toEqual(implementedOperations(path.resolve('app/api/concord'), '/api/concord').sort());
  });

  it('describes the deal shape of the reference document, with errors on every operation', () => {
    const deal = document.components?.schemas?.Deal as { properties: Record<string, unknown> };
    for (const field of [
      'id',
      'name',
      'pipeline_id',
      'stage_id',
      'value',
      'currency',
      'status',
      'days_in_stage',
      'deal_age_days',
      'stage_entered_at',
      'last_activity_at',
    ]) {
      expect(deal.properties).toHaveProperty(field);
    }
    for (const [route, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(item ?? {})) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        expect(Object.keys((operation as { responses: object }).responses), `${method} ${route}`).toContain('401');
      }
    }
  });
});
