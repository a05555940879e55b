import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getOpenApiDocument } from '../../lib/openapi/document';

// The OpenAPI document must describe every native endpoint that exists, and nothing that doesn't.

const API_ROOT = path.resolve('app/api/v1');
const UNDOCUMENTED = new Set(['/openapi.json']);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return routeFiles(full);
    return entry.name === 'route.ts' ? [full] : [];
  });
}

function implementedOperations(): string[] {
  return routeFiles(API_ROOT).flatMap((file) => {
    const route = `/${path.relative(API_ROOT, path.dirname(file)).split(path.sep).join('/')}`.replace(/\[(\w+)\]/g, '{$1}').replace(/\/$/, '') || '/';
    if (UNDOCUMENTED.has(route)) return [];
    const source = fs.readFileSync(file, 'utf8');
    const methods = [...source.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!.toLowerCase());
    return methods.map((method) => `${method} ${route}`);
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
    const documented = Object.entries(document.paths ?? {}).flatMap(([route, item]) =>
      Object.keys(item ?? {})
        .filter((k) => ['get', 'post', 'put', 'patch', 'delete'].includes(k))
        .map((method) => `${method} ${route}`),
    );
    expect(documented.sort()).toEqual(implementedOperations().sort());
  });

  it('describes the deal shape of the reference document, with errors on every operation', () => {
    const deal = document.components?.schemas?.Deal as { properties: Record<string, unknown> };
    for (const field of ['id', 'name', 'pipeline_id', 'stage_id', 'value', 'currency', 'status', 'days_in_stage', 'deal_age_days', 'stage_entered_at', 'last_activity_at']) {
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
