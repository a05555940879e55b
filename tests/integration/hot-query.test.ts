import { describe, expect, it } from 'vitest';
import { hotQuery } from '@/lib/database/hot-query';
import { db } from '@/lib/db';
import { queryRows } from '@/lib/database/run-sql';
import { sql } from '@/lib/database/typed-sql';

// hotQuery's rows must be what $queryRaw gives, on the first execution of a statement on a pooled
// connection (PostgreSQL describes the rows) and on every later one (no description: the rows are
// built from the shape learnt the first time) — so each statement runs more times than the pool
// has connections, concurrently, and every answer is compared.
const RUNS = 40;

describe('hotQuery', () => {
  it('answers the same typed rows as $queryRaw on every execution of a prepared statement', async () => {
    const statement = (n: number) => sql`
      SELECT ${n}::int AS "number", (${n}::bigint * 10000000000) AS big, 'text ' || ${n}::text AS label,
             NULL::text AS "nothing", (TIMESTAMP '2026-03-16 12:00:00.123' + make_interval(secs => ${n})) AS "at",
             ${n} % 2 = 0 AS even, jsonb_build_object('n', ${n}::int) AS doc, 1.5::numeric AS ratio`;
    const expected = async (n: number) => (await queryRows<Record<string, unknown>>(db, statement(n)))[0];
    const answers = await Promise.all(Array.from({ length: RUNS }, (_, n) => hotQuery<Record<string, unknown>>(statement(n))));
    for (let n = 0; n < RUNS; n += 1) {
      expect(answers[n]).toHaveLength(1);
      const row = answers[n]![0]!;
      expect(row).toMatchObject({ number: n, big: BigInt(n) * 10_000_000_000n, label: `text ${n}`, nothing: null, even: n % 2 === 0, doc: { n } });
      expect(row.at).toEqual(new Date(Date.UTC(2026, 2, 16, 12, 0, n, 123)));
      expect(Object.keys(row)).toEqual(['number', 'big', 'label', 'nothing', 'at', 'even', 'doc', 'ratio']);
      const reference = await expected(n);
      expect({ ...row, ratio: String(row.ratio) }).toEqual({ ...reference, ratio: String(reference!.ratio) });
    }
  });

  it('answers many rows and no rows', async () => {
    const series = (count: number) => sql`SELECT g AS n, 'row ' || g AS label FROM generate_series(1, ${count}::int) g`;
    for (let run = 0; run < 15; run += 1) {
      const count = run % 3 === 0 ? 0 : run * 7;
      const rows = await hotQuery<{ n: number; label: string }>(series(count));
      expect(rows).toEqual(Array.from({ length: count }, (_, i) => ({ n: i + 1, label: `row ${i + 1}` })));
    }
  });

  it('reports a statement that fails and keeps answering afterwards', async () => {
    const divide = (by: number) => sql`SELECT 10 / ${by}::int AS quotient`;
    for (let run = 0; run < 15; run += 1) {
      if (run % 4 === 3) {
        await expect(hotQuery(divide(0))).rejects.toThrow(/division by zero/);
      } else {
        expect(await hotQuery<{ quotient: number }>(divide((run % 4) + 1))).toEqual([{ quotient: Math.floor(10 / ((run % 4) + 1)) }]);
      }
    }
  });
});
