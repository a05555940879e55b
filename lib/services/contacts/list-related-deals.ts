import 'server-only';
import { db } from '../../db';
import { Prisma as P } from '../../generated/prisma/client';

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

// fixed identifiers per kind (never user input)
const TABLES = {
  contact: { primary: P.raw('contact_id'), links: P.raw('deal_contacts'), linkColumn: P.raw('contact_id') },
  company: { primary: P.raw('company_id'), links: P.raw('deal_companies'), linkColumn: P.raw('company_id') },
} as const;

export type RelatedKind = keyof typeof TABLES;

/** Up to `limit` of the record's deals — open and stalled first, by expected close — with their count and open totals per currency. */
export async function listRelatedDeals(kind: RelatedKind, recordId: number, limit: number): Promise<{ rows: RelatedDeal[]; total: number; openTotals: OpenTotal[] }> {
  const t = TABLES[kind];
  const related = P.sql`(
    SELECT rd.id FROM deals rd WHERE rd.${t.primary} = ${recordId}
    UNION
    SELECT rl.deal_id FROM ${t.links} rl WHERE rl.${t.linkColumn} = ${recordId}
  ) AS r JOIN deals d ON d.id = r.id AND d.deleted_at IS NULL`;
  const [rows, totals] = await Promise.all([
    db.$queryRaw<(Omit<RelatedDeal, 'id'> & { id: number | bigint; count: number })[]>`
      SELECT d.id, d.name, d.value::text AS value, d.currency, d.status::text AS status,
             s.name AS "stageName", p.name AS "pipelineName", u.name AS "ownerName", d.expected_close AS "expectedClose",
             COALESCE(d.${t.primary} = ${recordId}, false) AS "primary",
             EXISTS (SELECT 1 FROM ${t.links} l WHERE l.deal_id = d.id AND l.${t.linkColumn} = ${recordId}) AS linked,
             count(*) OVER ()::int AS count
      FROM ${related}
      JOIN stages s ON s.id = d.stage_id
      JOIN pipelines p ON p.id = d.pipeline_id
      LEFT JOIN users u ON u.id = d.owner_id
      ORDER BY (d.status::text IN ('won', 'lost')) ASC, d.expected_close ASC NULLS LAST, d.id DESC
      LIMIT ${limit}`,
    db.$queryRaw<{ currency: string; deals: number; total: string }[]>`
      SELECT d.currency, count(*)::int AS deals, sum(d.value)::text AS total
      FROM ${related}
      WHERE d.status::text IN ('open', 'stalled')
      GROUP BY d.currency
      ORDER BY d.currency`,
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
