import fc from 'fast-check';
import { ID_PREFIX, type IdKind } from '../../lib/ids';
import { resolveSchema, type getDocument, type JsonSchema } from './operations';

// What the fuzzer sends: values shaped by the OpenAPI schemas (so requests reach the services and
// the database), with hostile values mixed in at every node. Two markers are resolved only when a
// request is sent: a reference into the pool of records that exist at that moment (PoolRef), and
// JSON text spliced into the body as is (RawJson: nesting, number forms JSON.stringify cannot write).

export class PoolRef {
  constructor(
    readonly kind: IdKind,
    /** which record of the pool (modulo its size) */
    readonly index: number,
    /** the native API's prefixed ID, or the integer the dialects use */
    readonly form: 'public' | 'number' | 'numeric-string',
  ) {}
}

export class RawJson {
  constructor(readonly text: string) {}
}

type Document = ReturnType<typeof getDocument>;

const nested = (depth: number, open: string, inner: string, close: string) => new RawJson(open.repeat(depth) + inner + close.repeat(depth));

/** Strings that have broken parsers, databases and renderers before. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ufeff',
  '\u202eevil',
  '0000-01-01',
  '0000-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '10000-01-01',
  '2024-02-30',
  '2024-13-01',
  '1970-01-01T00:00:00Z',
  '-1',
  '0',
  '1e309',
  '-1e309',
  'NaN',
  'Infinity',
  '0x10',
  '99999999999999999999999999999',
  '12.345678901234567890',
  "' OR '1'='1' --",
  '"; DROP TABLE deals; --',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://example.test","x")',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, sent as text
  '${7*7}{{7*7}}',
  '../../../etc/passwd',
  '%00',
  '%',
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  'deal_',
  'deal_kkkkkkkkkk',
  'pipe_0000000000',
  'stg_%',
  'USD ',
  'usd',
  'XXX',
  'open,won,lost,stalled,open,won',
  ',,,',
  'a'.repeat(256),
  'é'.repeat(2049),
  '🦄'.repeat(600),
  'x'.repeat(70_000),
];

export const HOSTILE_NUMBERS = [
  0,
  -0,
  -1,
  1,
  1.5,
  -1.5,
  0.1,
  1e-7,
  5e-324,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53,
  -(2 ** 53),
  2 ** 63,
  1e15,
  1e15 + 1,
  1e21,
  1e308,
  -1e308,
];

const HOSTILE_RAW = [
  new RawJson('1e999'),
  new RawJson('-1e999'),
  new RawJson('-0.0'),
  new RawJson('123456789012345678901234567890'),
  new RawJson('1.0000000000000000000000001'),
  new RawJson('{"__proto__":{"polluted":true}}'),
  new RawJson('{"constructor":{"prototype":{"polluted":true}}}'),
  new RawJson('{"__proto__":[]}'),
  new RawJson('{"prototype":1}'),
  new RawJson('"\\ud800"'),
  new RawJson('"\\u0000"'),
  new RawJson('{"a":1,"a":2}'),
];

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_NUMBERS) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [null], [[]], { '': '' }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_RAW) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 24 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(65, 100, 1_000, 10_000), fc.boolean())
      .map(([depth, arrays]) => (arrays ? nested(depth, '[', '1', ']') : nested(depth, '{"a":', '1', '}'))),
  },
);

/** Body texts that are not a JSON object, or not JSON at all. */
export const hostileBodyText: fc.Arbitrary<string> = fc.constantFrom(
  '',
  ' ',
  '{',
  '}',
  'null',
  '[]',
  '[{}]',
  '"text"',
  '1',
  'true',
  '\ufeff{}',
  '{"a":1,"a":2}',
  '{"name":"a\u0000b"}',
  '{"name":"\\ud800"}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}},"__proto__":1}',
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  `{"metadata":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`,
  `{"name":"${'x'.repeat(1_100_000)}"}`,
  'name=x&value=1',
  '\u0000',
);

export const PREFIX_KINDS = new Map<string, IdKind>(Object.entries(ID_PREFIX).map(([kind, prefix]) => [prefix, kind as IdKind]));

/** The kind of record a field name, or the path segment before an ID, names. */
export const NAME_KINDS: Record<string, IdKind> = {
  deal: 'deal',
  deals: 'deal',
  pipeline: 'pipeline',
  stage: 'stage',
  dealstage: 'stage',
  contact: 'contact',
  contacts: 'contact',
  company: 'company',
  companies: 'company',
  product: 'product',
  owner: 'user',
  hubspot_owner: 'user',
  assignee: 'user',
  user: 'user',
  users: 'user',
  activity: 'activity',
  activities: 'activity',
  task: 'task',
  tasks: 'task',
  lost_reason: 'lostReason',
  'lost-reasons': 'lostReason',
  custom_field: 'customField',
  'custom-fields': 'customField',
  move_deals_to: 'stage',
  stages: 'stage',
  pipelines: 'pipeline',
  products: 'product',
};

/** The kind of record a field or parameter names, from its name or its example ID. */
export function kindOf(name: string | undefined, schema: JsonSchema): IdKind | null {
  if (typeof schema.example === 'string') {
    const prefix = /^([a-z]+)_/.exec(schema.example)?.[1];
    const kind = prefix ? PREFIX_KINDS.get(prefix) : undefined;
    if (kind) return kind;
  }
  if (!name) return null;
  const snake = name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
  const stem = snake.replace(/_ids?$/, '');
  if (stem !== snake || snake === 'id') return NAME_KINDS[stem] ?? null;
  return null;
}

/** A reference into the pool of existing records, now and then one that matches nothing. */
export function poolValue(kind: IdKind, form: PoolRef['form']): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 12, arbitrary: fc.nat(1_000).map((index) => new PoolRef(kind, index, form)) },
    { weight: 1, arbitrary: fc.nat(1_000).map((index) => new PoolRef(kind === 'deal' ? 'contact' : 'deal', index, form)) },
    { weight: 1, arbitrary: fc.constantFrom<unknown>(form === 'public' ? `${ID_PREFIX[kind]}_kkkkkkkkkk` : 987_654_321) },
  );
}

const ABSENT = Symbol('absent');

interface SchemaContext {
  document: Document;
  /** the property or parameter name, which hints at the kind of ID a string holds */
  name?: string;
  /** 1 in `hostileOdds` nodes is replaced by a hostile value; 0: none is (a well-formed request) */
  hostileOdds: number;
}

/** A value for the schema; any node may be a hostile value instead. */
export function valueFor(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  const valid = validValueFor(resolveSchema(context.document, schema), context);
  if (context.hostileOdds === 0) return valid;
  return fc.oneof({ weight: context.hostileOdds - 1, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });
}

function validValueFor(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return fc.constantFrom(...(schema.enum as unknown[]));
  const variants = (schema.anyOf ?? schema.oneOf) as JsonSchema[] | undefined;
  if (variants?.length) return fc.oneof(...variants.map((variant) => validValueFor(resolveSchema(context.document, variant), context)));
  const types = Array.isArray(schema.type) ? (schema.type as string[]) : schema.type ? [schema.type as string] : [];
  if (types.length > 1) return fc.oneof(...types.map((type) => validValueFor({ ...schema, type }, context)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return integerFor(schema, context);
    case 'number':
      return numberFor(schema);
    case 'string':
      return stringFor(schema, context);
    case 'array':
      return arrayFor(schema, context);
    case 'object':
      return objectFor(schema, context);
    default:
      // no type: anything JSON can hold (metadata values)
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function bound(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

function integerFor(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  const kind = kindOf(context.name, schema);
  if (kind) return poolValue(kind, 'number');
  const min = Math.max(bound(schema.minimum, -1e9), bound(schema.exclusiveMinimum, -1e9 - 1) + 1, Number.MIN_SAFE_INTEGER);
  const max = Math.min(bound(schema.maximum, 1e9), Number.MAX_SAFE_INTEGER);
  return fc.oneof(fc.integer({ min, max: Math.max(min, Math.min(max, min + 1000)) }), fc.integer({ min, max }));
}

function numberFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const min = bound(schema.minimum, -1e9);
  const max = bound(schema.maximum, 1e9);
  return fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
}

function stringFor(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  const kind = kindOf(context.name, schema);
  if (kind) {
    const numeric = typeof schema.example === 'string' && /^\d+$/.test(schema.example);
    return poolValue(kind, numeric ? 'numeric-string' : 'public');
  }
  const minLength = bound(schema.minLength, 0);
  const maxLength = Math.min(bound(schema.maxLength, 60), Math.max(minLength, 60));
  switch (schema.format) {
    case 'email':
      return fc.emailAddress();
    case 'date':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((date) => date.toISOString());
  }
  if (typeof schema.pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length >= minLength && text.length <= Math.max(maxLength, minLength));
    } catch {
      // a pattern fast-check cannot generate from: plain text below
    }
  }
  return fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: 'grapheme', minLength: Math.max(1, minLength), maxLength: Math.max(1, maxLength) }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength, maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', minLength, maxLength: Math.max(minLength, 12) }) },
  );
}

function arrayFor(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  const items = (schema.items as JsonSchema | undefined) ?? {};
  const minLength = bound(schema.minItems, 0);
  const maxLength = Math.max(minLength, Math.min(bound(schema.maxItems, 4), 4));
  const itemName = context.name?.replace(/s$/, '');
  return fc.array(valueFor(items, { ...context, name: itemName }), { minLength, maxLength });
}

function objectFor(schema: JsonSchema, context: SchemaContext): fc.Arbitrary<unknown> {
  const properties = (schema.properties as Record<string, JsonSchema> | undefined) ?? {};
  const required = new Set((schema.required as string[] | undefined) ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    // a required field is left out now and then, an optional one half the time
    const freq = required.has(name) ? (context.hostileOdds === 0 ? 1_000_000 : 30) : 2;
    model[name] = fc.option(valueFor(property, { ...context, name }), { nil: ABSENT as unknown as null, freq });
  }
  const additional = schema.additionalProperties;
  const extras =
    additional && typeof additional === 'object'
      ? fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), valueFor(additional as JsonSchema, { ...context, name: undefined }), {
          maxKeys: 3,
        })
      : fc.constant({});
  // now and then a field the schema does not know, or a key that reaches for the prototype
  const unknownField =
    context.hostileOdds === 0
      ? fc.constant(null)
      : fc.option(fc.tuple(fc.constantFrom('unknown_field', '__proto__', 'constructor', 'prototype', ''), hostileValue), { freq: 10 });
  return fc.tuple(fc.record(model), extras, unknownField).map(([fields, extra, unknown]) => {
    const value: Record<string, unknown> = {};
    for (const [name, field] of Object.entries(extra as Record<string, unknown>))
      Object.defineProperty(value, name, { value: field, enumerable: true, writable: true, configurable: true });
    for (const [name, field] of Object.entries(fields)) if (field !== (ABSENT as unknown)) value[name] = field;
    if (unknown) Object.defineProperty(value, unknown[0], { value: unknown[1], enumerable: true, writable: true, configurable: true });
    return value;
  });
}
