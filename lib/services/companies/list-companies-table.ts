import 'server-only';
import { db } from '../../db';
import { PEOPLE_PAGE_SIZE, type PeopleSort } from '../../schemas/people-table';
import type { ServiceContext } from '../context';
import { searchTerms } from '../contacts/list-contacts';
import { likePattern } from '../contacts/list-contacts-table';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';

const c = tableAs('contacts', 'c');
const co = tableAs('companies', 'co');
const d2 = tableAs('deals', 'd2');
const ld = tableAs('deal_companies', 'ld');
const pd = tableAs('deals', 'pd');

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
export const COMPANY_DEAL_COUNT = sql`(
  SELECT count(*) FROM (
    SELECT ${pd('id')} FROM ${pd.from} WHERE ${pd('company_id')} = ${co('id')} AND ${pd('deleted_at')} IS NULL
    UNION
    SELECT ${ld('deal_id')} FROM ${ld.from} JOIN ${d2.from} ON ${d2('id')} = ${ld('deal_id')} AND ${d2('deleted_at')} IS NULL WHERE ${ld('company_id')} = ${co('id')}
  ) AS company_deals
)::int`;

// compared byte-wise so both engines sort alike
const NAME_KEY = sql`lower(${co('name')}) COLLATE "C"`;

const ORDER: Record<PeopleSort, RawBuilder<unknown>> = {
  name: sql`${NAME_KEY} ASC, ${co('id')} ASC`,
  '-name': sql`${NAME_KEY} DESC, ${co('id')} DESC`,
  deals: sql`"dealCount" ASC, ${NAME_KEY} ASC, ${co('id')} ASC`,
  '-deals': sql`"dealCount" DESC, ${NAME_KEY} ASC, ${co('id')} ASC`,
};

/** The /companies table's rows (alias co): not deleted, name or domain containing every word of `q`. */
export function companiesTableWhere(q: string | undefined): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`${co('deleted_at')} IS NULL`];
  for (const term of searchTerms(q)) {
    const pattern = likePattern(term);
    conditions.push(sql`(${co('name')} ILIKE ${pattern} OR ${co('domain')} ILIKE ${pattern})`);
  }
  return sql.join(conditions, sql` AND `);
}

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
  const where = companiesTableWhere(input.q);
  const [counted] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM ${co.from} WHERE ${where}`);
  const rows = await queryRows<CompanyTableRow>(
    db,
    sql`
    SELECT ${co('id')}, ${co('name')}, ${co('domain')},
           (SELECT count(*) FROM ${c.from} WHERE ${c('company_id')} = ${co('id')} AND ${c('deleted_at')} IS NULL)::int AS "contactCount",
           ${COMPANY_DEAL_COUNT} AS "dealCount"
    FROM ${co.from}
    WHERE ${where}
    ORDER BY ${ORDER[input.sort]}
    LIMIT ${pageSize} OFFSET ${(input.page - 1) * pageSize}`,
  );
  return {
    rows: rows.map((row) => ({ ...row, id: Number(row.id), contactCount: Number(row.contactCount), dealCount: Number(row.dealCount) })),
    total: Number(counted?.total ?? 0),
    page: input.page,
    pageSize,
  };
}
