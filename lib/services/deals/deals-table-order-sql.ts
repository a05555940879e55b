import 'server-only';
import type { DealsTableSort, SortDirection } from '../../schemas/deals-table';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';
import { lostReasonSql } from '../reports/lost-from-stage-sql';

// The deals table's order, one definition for the table's pages and for its CSV export, so a
// download comes out in the order the table shows. The SQL names the table's aliases: deals d,
// pipelines p, stages s, users u.

const d = tableAs('deals', 'd');
const p = tableAs('pipelines', 'p');
const s = tableAs('stages', 's');
const u = tableAs('users', 'u');

/** The SQL types a sort key's text is read back as (a fixed list: it is written into the SQL). */
type KeyType = 'numeric' | 'bigint' | 'integer' | 'double precision' | 'text' | 'timestamp(3)';

interface SortPart {
  sql: RawBuilder<unknown>;
  type: KeyType;
}

// Columns whose order puts empty values last in both directions (a deal without an owner or a close
// date is never the "first" one); only a column's first part may be empty.
const SORT_PARTS: Record<Exclude<DealsTableSort, 'value'>, { parts: SortPart[]; nullable: boolean }> = {
  name: { parts: [{ sql: sql`lower(${d('name')})`, type: 'text' }], nullable: false },
  // board order: the pipelines as listed, their stages left to right, each stage's cards top to bottom
  stage: {
    parts: [
      { sql: sql`${p('position')}`, type: 'integer' },
      { sql: sql`${p('id')}`, type: 'integer' },
      { sql: sql`${s('position')}`, type: 'integer' },
      { sql: sql`${d('position')}`, type: 'double precision' },
    ],
    nullable: false,
  },
  status: { parts: [{ sql: sql`${d('status')}::text`, type: 'text' }], nullable: false },
  lost_reason: { parts: [{ sql: sql`lower(${lostReasonSql})`, type: 'text' }], nullable: true },
  owner: { parts: [{ sql: sql`lower(${u('name')})`, type: 'text' }], nullable: true },
  expected_close: { parts: [{ sql: sql`${d('expected_close')}`, type: 'timestamp(3)' }], nullable: true },
  updated: { parts: [{ sql: sql`${d('updated_at')}`, type: 'timestamp(3)' }], nullable: false },
  created: { parts: [{ sql: sql`${d('created_at')}`, type: 'timestamp(3)' }], nullable: false },
};

/** Where a keyset read stopped: the last deal's sort key (as texts, null for an empty value) and ID. */
export interface DealsTableKey {
  key: (string | null)[];
  id: number;
}

export interface DealsTableOrder {
  /** ORDER BY's list, the deal ID last so ties never reorder between reads */
  orderBy: RawBuilder<unknown>;
  /** the row's sort key as a JSON array of texts: the `key` of a DealsTableKey */
  keyJson: RawBuilder<unknown>;
  /** the rows that come after `last` in this order */
  after: (last: DealsTableKey) => RawBuilder<unknown>;
}

/**
 * The order of the deals table for a column and direction. Value sorts by `converted`, the value in
 * the home currency (decision 022), so amounts in different currencies compare; a deal whose
 * currency has no rate sorts last, then by its own amount.
 */
export function dealsTableOrderSql(sort: DealsTableSort, dir: SortDirection, converted: RawBuilder<unknown>): DealsTableOrder {
  const { parts, nullable } =
    sort === 'value'
      ? {
          parts: [
            { sql: converted, type: 'numeric' as const },
            { sql: sql`${d('value')}`, type: 'bigint' as const },
          ],
          nullable: true,
        }
      : SORT_PARTS[sort];
  const direction = dir === 'asc' ? sql`ASC` : sql`DESC`;
  const orderBy = sql.join(
    [...parts.map((part, i) => (nullable && i === 0 ? sql`${part.sql} ${direction} NULLS LAST` : sql`${part.sql} ${direction}`)), sql`${d('id')} ${direction}`],
    sql`, `,
  );
  const keyJson = sql`json_build_array(${sql.join(
    parts.map((part) => sql`(${part.sql})::text`),
    sql`, `,
  )})`;

  const later = dir === 'asc' ? sql`>` : sql`<`;
  /**
   * (parts…, id) after (key…, id), spelled out as "a later, or a equal and b later, or …" rather
   * than a row comparison: PostgreSQL estimates a row comparison's selectivity badly (one row where
   * half the table matched, measured), then joins before it sorts and builds every matching row's
   * cells; spelled out, it sorts the deals first and builds only the batch's cells.
   */
  const rowAfter = (from: number, last: DealsTableKey) => {
    const columns = [...parts.slice(from).map((part) => part.sql), sql`${d('id')}`];
    const values = [...parts.slice(from).map((part, i) => sql`CAST(${last.key[from + i] ?? null} AS ${sql.raw(part.type)})`), sql`${last.id}::int`];
    const clauses = columns.map(
      (column, i) =>
        sql`(${sql.join([...columns.slice(0, i).map((earlier, j) => sql`${earlier} = ${values[j]}`), sql`${column} ${later} ${values[i]}`], sql` AND `)})`,
    );
    return sql`(${sql.join(clauses, sql` OR `)})`;
  };
  const after = (last: DealsTableKey) => {
    if (!nullable) return rowAfter(0, last);
    const first = parts[0]!.sql;
    // empty values come last: after a filled key come the later filled ones and every empty one;
    // after an empty key only later empty ones
    return last.key[0] === null ? sql`(${first} IS NULL AND ${rowAfter(1, last)})` : sql`(${first} IS NULL OR ${rowAfter(0, last)})`;
  };
  return { orderBy, keyJson, after };
}
