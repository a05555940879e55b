import 'server-only';
import { db } from '../../db';
import { Prisma as P } from '../../generated/prisma/client';
import { PEOPLE_PAGE_SIZE, type PeopleSort } from '../../schemas/people-table';
import type { ServiceContext } from '../context';
import { searchTerms } from '../contacts/list-contacts';
import { likePattern } from '../contacts/list-contacts-table';

export interface CompanyTableRow {
  id: number;
  name: string;
  domain: string | null;
  /** its (not deleted) contacts */
  contactCount: number;
  /** (not deleted) deals naming the company as primary company or linking it, each counted once */
  dealCount: number;
}

/** How many (not deleted) deals a company aliased `co` is on, as primary company or through a link. */
export const COMPANY_DEAL_COUNT = P.sql`(
  SELECT count(*) FROM (
    SELECT pd.id FROM deals pd WHERE pd.company_id = co.id AND pd.deleted_at IS NULL
    UNION
    SELECT ld.deal_id FROM deal_companies ld JOIN deals d2 ON d2.id = ld.deal_id AND d2.deleted_at IS NULL WHERE ld.company_id = co.id
  ) AS company_deals
)::int`;

// compared byte-wise so both engines sort alike
const NAME_KEY = P.sql`lower(co.name) COLLATE "C"`;

const ORDER: Record<PeopleSort, P.Sql> = {
  name: P.sql`${NAME_KEY} ASC, co.id ASC`,
  '-name': P.sql`${NAME_KEY} DESC, co.id DESC`,
  deals: P.sql`"dealCount" ASC, ${NAME_KEY} ASC, co.id ASC`,
  '-deals': P.sql`"dealCount" DESC, ${NAME_KEY} ASC, co.id ASC`,
};

/**
 * One page of the /companies table: (not deleted) companies whose name or domain contain every word
 * of `q` (case-insensitive), sorted, with the number of matching companies. Every role may read.
 */
export async function listCompaniesTable({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { q?: string; sort: PeopleSort; page: number; pageSize?: number };
}): Promise<{ rows: CompanyTableRow[]; total: number; page: number; pageSize: number }> {
  void ctx; // every role can read every company
  const pageSize = input.pageSize ?? PEOPLE_PAGE_SIZE;
  const conditions: P.Sql[] = [P.sql`co.deleted_at IS NULL`];
  for (const term of searchTerms(input.q)) {
    const pattern = likePattern(term);
    conditions.push(P.sql`(co.name ILIKE ${pattern} OR co.domain ILIKE ${pattern})`);
  }
  const where = P.join(conditions, ' AND ');
  const [counted] = await db.$queryRaw<{ total: number }[]>`SELECT count(*)::int AS total FROM companies co WHERE ${where}`;
  const rows = await db.$queryRaw<CompanyTableRow[]>`
    SELECT co.id, co.name, co.domain,
           (SELECT count(*) FROM contacts c WHERE c.company_id = co.id AND c.deleted_at IS NULL)::int AS "contactCount",
           ${COMPANY_DEAL_COUNT} AS "dealCount"
    FROM companies co
    WHERE ${where}
    ORDER BY ${ORDER[input.sort]}
    LIMIT ${pageSize} OFFSET ${(input.page - 1) * pageSize}`;
  return {
    rows: rows.map((row) => ({ ...row, id: Number(row.id), contactCount: Number(row.contactCount), dealCount: Number(row.dealCount) })),
    total: Number(counted?.total ?? 0),
    page: input.page,
    pageSize,
  };
}
