import { db } from '../../lib/db';

// A fingerprint of every table a request could change, to prove a refused request changed nothing.
// Left out: bookkeeping a request may write whatever its answer (the rate-limit counters, the
// stored answers of Idempotency-Keys, a key's last use, the failed sign-ins a refused sign-in
// counts on purpose) and the migrations' own table.

const SKIPPED_TABLES = new Set(['_prisma_migrations', 'rate_limits', 'idempotency_keys', 'sign_in_throttles']);
const SKIPPED_COLUMNS: Record<string, string[]> = { api_keys: ['last_used_at'] };

let statement: string | undefined;

async function checksumStatement(): Promise<string> {
  if (statement) return statement;
  const tables = await db.$queryRawUnsafe<{ tablename: string }[]>(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const parts = tables
    .map(({ tablename }) => tablename)
    .filter((table) => !SKIPPED_TABLES.has(table))
    .map((table) => {
      const row = `to_jsonb(r)${(SKIPPED_COLUMNS[table] ?? []).map((column) => ` - '${column}'`).join('')}`;
      return `SELECT '${table}' AS "table", md5(coalesce(string_agg((${row})::text, '|' ORDER BY (${row})::text), '')) AS "sum" FROM "${table}" r`;
    });
  statement = parts.join(' UNION ALL ');
  return statement;
}

/** Each table's checksum, by table name. */
export async function tableChecksums(): Promise<Map<string, string>> {
  const rows = await db.$queryRawUnsafe<{ table: string; sum: string }[]>(await checksumStatement());
  return new Map(rows.map((row) => [row.table, row.sum]));
}

/** The tables whose checksum differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after.keys()].filter((table) => before.get(table) !== after.get(table));
}
