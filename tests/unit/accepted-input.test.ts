import { describe, expect, it } from 'vitest';
import { findJsonProblem, findQueryProblem, formatInputPath, MAX_JSON_DEPTH } from '@/lib/api/accepted-input';
import { dateTimeSchema } from '@/lib/schemas/common';
import { concordDateSchema } from '@/lib/dialects/concord/schemas';
import { listDealsQuery } from '@/lib/schemas/deal';
import { parseBoardFilters } from '@/lib/board/board-filters';

// The accepted-input policy (docs/decisions/010-accepted-input.md) on its own, without a database.

/** `depth` nested arrays around 1, as the parsed value. */
function nestedArrays(depth: number): unknown {
  return JSON.parse(`${'['.repeat(depth)}1${']'.repeat(depth)}`);
}

describe('findJsonProblem', () => {
  it('accepts ordinary JSON, including emoji (well-formed surrogate pairs) and other control characters', () => {
    expect(findJsonProblem({ name: 'Acme 🚀', note: 'tab\there\nnewline \u0001', list: [1, null, true, { a: 'b' }], n: 1.5 })).toBeNull();
    expect(findJsonProblem('text')).toBeNull();
    expect(findJsonProblem(null)).toBeNull();
  });

  it('finds NUL in values and keys, with the path', () => {
    expect(findJsonProblem({ a: { b: ['x', 'y\u0000'] } })).toMatchObject({ kind: 'nul', path: ['a', 'b', '1'] });
    expect(findJsonProblem({ 'k\u0000': 1 })).toMatchObject({ kind: 'nul', path: ['k\u0000'] });
  });

  it('finds lone surrogates (high or low) but not pairs', () => {
    expect(findJsonProblem({ a: '\ud800' })).toMatchObject({ kind: 'ill_formed', path: ['a'] });
    expect(findJsonProblem({ a: 'x\udc00y' })).toMatchObject({ kind: 'ill_formed' });
    expect(findJsonProblem({ '\ud83d': 1 })).toMatchObject({ kind: 'ill_formed', path: ['\ud83d'] });
    expect(findJsonProblem({ a: '\ud83d\ude80' })).toBeNull();
  });

  it('reports the first problem in body order', () => {
    expect(findJsonProblem({ first: '\u0000', second: '\ud800' })).toMatchObject({ path: ['first'] });
  });

  it('measures depth from the root, without recursion, at 10,000 and 100,000 levels', () => {
    expect(findJsonProblem(nestedArrays(MAX_JSON_DEPTH))).toBeNull();
    expect(findJsonProblem(nestedArrays(MAX_JSON_DEPTH + 1))).toMatchObject({ kind: 'too_deep' });
    expect(findJsonProblem(nestedArrays(10_000))).toMatchObject({ kind: 'too_deep', path: Array(MAX_JSON_DEPTH).fill('0') });
    expect(findJsonProblem(nestedArrays(100_000))).toMatchObject({ kind: 'too_deep' });
  });

  it('refuses the reserved keys as JSON.parse makes them: own properties', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(findJsonProblem(JSON.parse(`{"deal":{"${key}":{}}}`))).toMatchObject({ kind: 'reserved_key', path: ['deal', key] });
    }
    expect(findJsonProblem({ proto: 1, constructor_name: 'x' })).toBeNull();
  });
});

describe('findQueryProblem and formatInputPath', () => {
  it('checks names and values of the query string', () => {
    expect(findQueryProblem(new URLSearchParams('q=%00'))).toMatchObject({ kind: 'nul', path: ['q'] });
    expect(findQueryProblem(new URLSearchParams('%00=1'))).toMatchObject({ kind: 'nul', path: ['\u0000'] });
    expect(findQueryProblem(new URLSearchParams('q=acme&limit=5'))).toBeNull();
  });

  it('escapes unaccepted text in a path and cuts a deep one', () => {
    expect(formatInputPath(['metadata', 'a\u0000'])).toBe('metadata.a\\u0000');
    expect(formatInputPath(['\ud800'])).toBe('\\ud800');
    expect(formatInputPath(Array(20).fill('a'))).toBe('a.a.a.a.a.a.a.a.…');
  });
});

describe('dates and numbers', () => {
  it('accepts the years 0001–9999 only, as the UTC instant', () => {
    expect(dateTimeSchema.safeParse('0001-01-01').success).toBe(true);
    expect(dateTimeSchema.safeParse('9999-12-31T23:59:59Z').success).toBe(true);
    for (const text of ['0000-01-01', '0000-12-31T23:59:59Z', '0001-01-01T00:00:00+01:00', '9999-12-31T23:00:00-05:00', '10000-01-01']) {
      expect(dateTimeSchema.safeParse(text).success, text).toBe(false);
    }
    expect(dateTimeSchema.safeParse('0000-01-01').error?.issues[0]?.message).toMatch(/years 0001 to 9999/);
  });

  it('Concord dates: year 0000 refused with its own message; years 1–99 are real years', () => {
    expect(concordDateSchema.safeParse('0000-01-01').error?.issues[0]?.message).toMatch(/years 0001 to 9999/);
    expect(concordDateSchema.parse('0050-03-01').toISOString()).toBe('0050-03-01T00:00:00.000Z');
    expect(concordDateSchema.safeParse('2026-02-30').success).toBe(false);
  });

  it('bounds days_since_activity_gt and the value filters of the deals list', () => {
    const query = (text: string) => listDealsQuery.safeParse(Object.fromEntries(new URLSearchParams(text)));
    expect(query('days_since_activity_gt=36500').success).toBe(true);
    expect(query('days_since_activity_gt=36501').success).toBe(false);
    expect(query('days_since_activity_gt=1000000000').error?.issues[0]?.path).toEqual(['days_since_activity_gt']);
    expect(query('min_value=1000000000000000').success).toBe(true);
    expect(query('max_value=1e20').success).toBe(false);
  });

  it('board filters ignore year 0000 and impossible days', () => {
    const filters = parseBoardFilters(new URLSearchParams('close_from=0000-01-01&close_to=2026-02-30'));
    expect(filters.closeFrom).toBeNull();
    expect(filters.closeTo).toBeNull();
    expect(parseBoardFilters(new URLSearchParams('close_from=2028-02-29&close_to=9999-12-31'))).toMatchObject({
      closeFrom: '2028-02-29',
      closeTo: '9999-12-31',
    });
  });
});
