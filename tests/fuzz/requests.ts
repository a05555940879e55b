import fc from 'fast-check';
import { toPublicId, type IdKind } from '../../lib/ids';
import type { RenderedRequest } from '../support/route-dispatch';
import { getDocument, type FuzzOperation } from './operations';
import { hostileBodyText, hostileValue, kindOf, NAME_KINDS, PoolRef, poolValue, RawJson, valueFor } from './values';

// One generated request: the operation, who sends it, its path segments, query, headers and body,
// still holding pool references; `renderRequest` turns it into a URL, headers and body text.

export type Auth = 'admin' | 'manager' | 'rep' | 'none' | 'unknown-key' | 'revoked-key';

export interface FuzzRequest {
  operation: FuzzOperation;
  auth: Auth;
  /** HubSpot clients may send the key as ?hapikey= */
  keyInQuery: boolean;
  /** a value per {param}: a value to encode, or raw text put in the path as is */
  pathParams: Record<string, unknown>;
  query: { name: string; value: unknown; raw: boolean }[];
  headers: Record<string, string>;
  body: { kind: 'json'; value: unknown } | { kind: 'text'; text: string } | null;
  contentType: string | null;
}

/** The records requests may name: public and integer IDs, filled from the fixture and from creates. */
export type Pools = Map<IdKind, number[]>;

/** Path segments that are not a clean value: broken encodings, separators, dot segments, overlong. */
const hostileSegment = fc.constantFrom(
  '%',
  '%zz',
  '%2',
  '%C0%AF',
  '%ED%A0%80',
  '%FF',
  '%00',
  '%2F',
  '%2e%2e',
  '%20',
  '%E2%80%AE',
  'null',
  '0',
  '-1',
  '1.5',
  '1e3',
  '99999999999999999999',
  'deal_',
  'x'.repeat(5_000),
  '%F0%9F%A6%84',
);

class RawSegment {
  constructor(readonly text: string) {}
}

const arbitraryCache = new Map<string, fc.Arbitrary<FuzzRequest>>();

/** A request to the operation: mostly hostile somewhere, now and then well-formed throughout. */
export function requestFor(operation: FuzzOperation): fc.Arbitrary<FuzzRequest> {
  const cached = arbitraryCache.get(operation.id);
  if (cached) return cached;
  const arbitrary = fc.oneof({ weight: 3, arbitrary: requestOf(operation, 16) }, { weight: 1, arbitrary: requestOf(operation, 0) });
  arbitraryCache.set(operation.id, arbitrary);
  return arbitrary;
}

function requestOf(operation: FuzzOperation, hostileOdds: number): fc.Arbitrary<FuzzRequest> {
  const hostile = hostileOdds > 0;
  const document = getDocument();
  const context = { document, hostileOdds };
  const dialect = !operation.path.startsWith('/api/v1/');

  const pathModel: Record<string, fc.Arbitrary<unknown>> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
    const before = operation.path.split('/').at(operation.path.split('/').indexOf(`{${parameter.name}}`) - 1) ?? '';
    const kind = kindOf(parameter.name, parameter.schema) ?? NAME_KINDS[before] ?? null;
    const clean = Array.isArray(parameter.schema.enum)
      ? fc.constantFrom(...(parameter.schema.enum as unknown[]))
      : kind
        ? poolValue(kind, dialect ? 'numeric-string' : 'public')
        : valueFor(parameter.schema, { ...context, name: parameter.name });
    pathModel[parameter.name] = !hostile
      ? clean
      : fc.oneof(
          { weight: 14, arbitrary: clean },
          { weight: 1, arbitrary: hostileSegment.map((text) => new RawSegment(text)) },
          { weight: 1, arbitrary: hostileValue },
        );
  }

  const queryParameters = operation.parameters.filter((p) => p.in === 'query' && p.name !== 'hapikey');
  const queryEntry = (name: string, schema: Record<string, unknown>) =>
    !hostile
      ? valueFor(schema, { ...context, name }).map((value) => ({ name, value, raw: false }))
      : fc.oneof(
          { weight: 10, arbitrary: valueFor(schema, { ...context, name }).map((value) => ({ name, value, raw: false })) },
          { weight: 1, arbitrary: hostileSegment.map((text) => ({ name, value: text, raw: true })) },
        );
  const query = fc
    .tuple(
      ...queryParameters.map((parameter) => fc.option(queryEntry(parameter.name, parameter.schema), { freq: parameter.required ? 30 : 2 })),
      // an unknown parameter, or one sent twice
      hostile
        ? fc.option(fc.oneof(queryEntry('unknown_param', { type: 'string' }), ...queryParameters.map((p) => queryEntry(p.name, p.schema))), { freq: 8 })
        : fc.constant(null),
    )
    .map((entries) => entries.filter((entry): entry is { name: string; value: unknown; raw: boolean } => entry !== null));

  const headerModel: Record<string, fc.Arbitrary<string | null>> = {};
  for (const parameter of operation.parameters.filter((p) => p.in === 'header')) {
    headerModel[parameter.name] = fc.option(
      fc.oneof(
        fc.constantFrom('"1"', '"2"', '*', 'W/"1"', '""', 'garbage', '"99999999999999999999"'),
        fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 64 }).map((text) => text.replace(/[^\x20-\x7e]/g, 'x').trim() || 'k'),
        fc.constant('k'.repeat(300)),
      ),
      { freq: 2 },
    );
  }

  const body =
    operation.body && !hostile
      ? valueFor(operation.body, context).map((value) => ({ kind: 'json' as const, value }))
      : operation.body
        ? fc.oneof(
            { weight: 14, arbitrary: valueFor(operation.body, context).map((value) => ({ kind: 'json' as const, value })) },
            { weight: 1, arbitrary: hostileBodyText.map((text) => ({ kind: 'text' as const, text })) },
          )
        : hostile
          ? fc.option(
              hostileBodyText.map((text) => ({ kind: 'text' as const, text })),
              { freq: 20 },
            )
          : fc.constant(null);

  const arbitrary = fc.record({
    operation: fc.constant(operation),
    auth: fc.oneof(
      { weight: 40, arbitrary: fc.constant<Auth>('admin') },
      { weight: 2, arbitrary: fc.constant<Auth>('manager') },
      { weight: 3, arbitrary: fc.constant<Auth>('rep') },
      { weight: 1, arbitrary: fc.constantFrom<Auth>('none', 'unknown-key', 'revoked-key') },
    ),
    keyInQuery: operation.path.startsWith('/api/hubspot/') ? fc.boolean() : fc.constant(false),
    pathParams: fc.record(pathModel),
    query,
    headers: fc
      .record(headerModel)
      .map((headers) => Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== null)) as Record<string, string>),
    body,
    contentType: !hostile
      ? fc.constant('application/json')
      : fc.oneof(
          { weight: 20, arbitrary: fc.constant<string | null>('application/json') },
          {
            weight: 1,
            arbitrary: fc.constantFrom<string | null>(
              null,
              'text/plain',
              'application/x-www-form-urlencoded',
              'application/json; charset=utf-8',
              'multipart/form-data; boundary=x',
            ),
          },
        ),
  });
  return arbitrary;
}

export function requestArbitrary(operations: FuzzOperation[]): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...operations).chain(requestFor);
}

function resolvePoolRef(ref: PoolRef, pools: Pools): string | number {
  const pool = pools.get(ref.kind) ?? [];
  const id = pool.length > 0 ? pool[ref.index % pool.length]! : 987_654_321;
  if (ref.form === 'number') return id;
  if (ref.form === 'numeric-string') return String(id);
  return toPublicId(ref.kind, id);
}

/** JSON text of a value, pool references resolved and raw JSON spliced in. */
export function toJsonText(value: unknown, pools: Pools): string {
  const raws: string[] = [];
  const text = JSON.stringify(value, (_key, current: unknown) => {
    if (current instanceof PoolRef) return resolvePoolRef(current, pools);
    if (current instanceof RawJson) {
      raws.push(current.text);
      return `\uE000raw${raws.length - 1}\uE000`;
    }
    return current;
  });
  if (text === undefined) return '';
  return raws.length === 0 ? text : text.replace(/"\uE000raw(\d+)\uE000"/g, (_match, index: string) => raws[Number(index)]!);
}

/** A query or path value as text: strings as they are, anything else as its JSON. */
function asText(value: unknown, pools: Pools): string {
  if (value instanceof PoolRef) return String(resolvePoolRef(value, pools));
  if (typeof value === 'string') return value;
  if (value instanceof RawJson) return value.text;
  return toJsonText(value, pools);
}

/** Percent-encodes UTF-8 as a client would; a lone surrogate as the bytes a WTF-8 client sends. */
function encodeSegment(text: string): string {
  let encoded = '';
  for (const character of text) {
    const point = character.codePointAt(0)!;
    if (point >= 0xd800 && point <= 0xdfff) {
      encoded += [0xe0 | (point >> 12), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f)].map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    } else encoded += encodeURIComponent(character);
  }
  return encoded;
}

export function renderRequest(request: FuzzRequest, pools: Pools, keys: Record<Auth, string | null>): RenderedRequest {
  const path = request.operation.path.replace(/\{([^}]+)\}/g, (_match, name: string) => {
    const value = request.pathParams[name];
    if (value instanceof RawSegment) return value.text;
    return encodeSegment(asText(value, pools)) || '%20';
  });
  const search = new URLSearchParams();
  const rawParts: string[] = [];
  for (const entry of request.query) {
    if (entry.raw) rawParts.push(`${encodeURIComponent(entry.name)}=${asText(entry.value, pools)}`);
    else search.append(entry.name, asText(entry.value, pools));
  }
  const key = keys[request.auth];
  if (key && request.keyInQuery) search.append('hapikey', key);
  const query = [search.toString(), ...rawParts].filter(Boolean).join('&');
  const headers = new Headers(request.headers);
  // the sign-in endpoints are the browser's: same origin, no key
  if (request.operation.path.startsWith('/api/auth/')) headers.set('origin', 'http://localhost:3000');
  else if (key && !request.keyInQuery) headers.set('authorization', `Bearer ${key}`);
  let body: string | undefined;
  if (request.body && request.operation.method !== 'GET') {
    body = request.body.kind === 'json' ? toJsonText(request.body.value, pools) : request.body.text;
    if (request.contentType) headers.set('content-type', request.contentType);
  }
  return { method: request.operation.method, url: `http://localhost:3000${path}${query ? `?${query}` : ''}`, headers, body };
}
