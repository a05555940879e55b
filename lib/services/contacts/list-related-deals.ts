import 'server-only';
import { db } from '../../db';
import { queryRows } from '../../database/run-sql';
import { columnName, sql, tableAs, tableName } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const rd = tableAs('deals', 'rd');
const p = tableAs('pipelines', 'p');
const s = tableAs('stages', 's');
const u = tableAs('users', 'u');

// The deals of a contact or a company, as its page shows them: every (not deleted) deal that names
// the record as primary contact / company or links it through deal_contacts / deal_companies, once.

export interface RelatedDeal {
  id: number;
  name: string;
  /** integer minor units, as text (exact) */
  value: string;
  currency: string;
  status: 'open' | 'won' | 'lost' | 'stalled';
  stageName: string;
  pipelineName: string;
  ownerName: string | null;
  expectedClose: Date | null;
  /** the record is the deal's primary contact / company */
  primary: boolean;
  /** the record is linked to the deal (besides or instead of being primary) */
  linked: boolean;
}

/** Open pipeline in one currency: open and stalled deals (not won or lost yet). */
export interface OpenTotal {
  currency: string;
  deals: number;
  /** integer minor units, as text (exact) */
  total: string;
}

// fixed identifiers per kind (never user input), checked against the schema
const TABLES = {
  contact: {
    primary: columnName('deals', 'contact_id'),
    links: tableName('deal_contacts'),
    linkDeal: columnName('deal_contacts', 'deal_id'),
    linkColumn: columnName('deal_contacts', 'contact_id'),
  },
  company: {
    primary: columnName('deals', 'company_id'),
    links: tableName('deal_companies'),
    linkDeal: columnName('deal_companies', 'deal_id'),
    linkColumn: columnName('deal_companies', 'company_id'),
  },
} as const;

export type RelatedKind = keyof typeof TABLES;

/** Up to `limit` of the record's deals — open and stalled first, by expected close — with their count and open totals per currency. */
export async function listRelatedDeals(
  kind: RelatedKind,
  recordId: number,
  limit: number,
): Promise<{ rows: RelatedDeal[]; total: number; openTotals: OpenTotal[] }> {
  const t = TABLES[kind];
  const related = sql`(
    SELECT ${rd('id')} FROM ${rd.from} WHERE ${rd.alias}.${t.primary} = ${recordId}
    UNION
    SELECT rl.${t.linkDeal} FROM ${t.links} rl WHERE rl.${t.linkColumn} = ${recordId}
  ) AS r JOIN ${d.from} ON ${d('id')} = r.id AND ${d('deleted_at')} IS NULL`;
  const [rows, totals] = await Promise.all([
    queryRows<Omit<RelatedDeal, 'id'> & { id: number | bigint; count: number }>(
      db,
      sql`
      SELECT ${d('id')}, ${d('name')}, ${d('value')}::text AS value, ${d('currency')}, ${d('status')}::text AS status,
             ${s('name')} AS "stageName", ${p('name')} AS "pipelineName", ${u('name')} AS "ownerName", ${d('expected_close')} AS "expectedClose",
             COALESCE(${d.alias}.${t.primary} = ${recordId}, false) AS "primary",
             EXISTS (SELECT 1 FROM ${t.links} l WHERE l.${t.linkDeal} = ${d('id')} AND l.${t.linkColumn} = ${recordId}) AS linked,
             count(*) OVER ()::int AS count
      FROM ${related}
      JOIN ${s.from} ON ${s('id')} = ${d('stage_id')}
      JOIN ${p.from} ON ${p('id')} = ${d('pipeline_id')}
      LEFT JOIN ${u.from} ON ${u('id')} = ${d('owner_id')}
      ORDER BY (${d('status')}::text IN ('won', 'lost')) ASC, ${d('expected_close')} ASC NULLS LAST, ${d('id')} DESC
      LIMIT ${limit}`,
    ),
    queryRows<{ currency: string; deals: number; total: string }>(
      db,
      sql`
      SELECT ${d('currency')}, count(*)::int AS deals, sum(${d('value')})::text AS total
      FROM ${related}
      WHERE ${d('status')}::text IN ('open', 'stalled')
      GROUP BY ${d('currency')}
      ORDER BY ${d('currency')}`,
    ),
  ]);
  return {
    rows: rows.map((row) => ({
      id: Number(row.id),
      name: row.name,
      value: row.value,
      currency: row.currency.trim(),
      status: row.status,
      stageName: row.stageName,
      pipelineName: row.pipelineName,
      ownerName: row.ownerName,
      expectedClose: row.expectedClose,
      primary: row.primary,
      linked: row.linked,
    })),
    total: Number(rows[0]?.count ?? 0),
    openTotals: totals.map((row) => ({ currency: row.currency.trim(), deals: Number(row.deals), total: String(row.total) })),
  };
}
