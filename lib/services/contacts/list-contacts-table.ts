import 'server-only';
import { db } from '../../db';
import { PEOPLE_PAGE_SIZE, type PeopleSort } from '../../schemas/people-table';
import type { ServiceContext } from '../context';
import { searchTerms } from './list-contacts';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';

const c = tableAs('contacts', 'c');
const co = tableAs('companies', 'co');
const d2 = tableAs('deals', 'd2');
const ld = tableAs('deal_contacts', 'ld');
const pd = tableAs('deals', 'pd');

export interface ContactTableRow {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** null when none, or the company was deleted */
  company: { id: number; name: string } | null;
  /** (not deleted) deals naming the contact as primary contact or linking it, each counted once */
  dealCount: number;
}

/** `%text%` for ILIKE, its pattern characters taken literally. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** How many (not deleted) deals a contact aliased `c` is on, as primary contact or through a link. */
export const CONTACT_DEAL_COUNT = sql`(
  SELECT count(*) FROM (
    SELECT ${pd('id')} FROM ${pd.from} WHERE ${pd('contact_id')} = ${c('id')} AND ${pd('deleted_at')} IS NULL
    UNION
    SELECT ${ld('deal_id')} FROM ${ld.from} JOIN ${d2.from} ON ${d2('id')} = ${ld('deal_id')} AND ${d2('deleted_at')} IS NULL WHERE ${ld('contact_id')} = ${c('id')}
  ) AS contact_deals
)::int`;

// the displayed name ("Ada Lovelace"), compared byte-wise so both engines sort alike
const NAME_KEY = sql`lower(${c('first_name')} || ' ' || ${c('last_name')}) COLLATE "C"`;

const ORDER: Record<PeopleSort, RawBuilder<unknown>> = {
  name: sql`${NAME_KEY} ASC, ${c('id')} ASC`,
  '-name': sql`${NAME_KEY} DESC, ${c('id')} DESC`,
  deals: sql`"dealCount" ASC, ${NAME_KEY} ASC, ${c('id')} ASC`,
  '-deals': sql`"dealCount" DESC, ${NAME_KEY} ASC, ${c('id')} ASC`,
};

/** The /contacts table's rows (alias c): not deleted, name or email containing every word of `q`. */
export function contactsTableWhere(q: string | undefined): RawBuilder<unknown> {
  const conditions: RawBuilder<unknown>[] = [sql`${c('deleted_at')} IS NULL`];
  for (const term of searchTerms(q)) {
    const pattern = likePattern(term);
    conditions.push(sql`(${c('first_name')} ILIKE ${pattern} OR ${c('last_name')} ILIKE ${pattern} OR ${c('email')} ILIKE ${pattern})`);
  }
  return sql.join(conditions, sql` AND `);
}

/**
 * One page of the /contacts table: (not deleted) contacts whose name or email contain every word of
 * `q` (case-insensitive), sorted, with the number of matching contacts. Every role may read.
 */
export async function listContactsTable({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { q?: string; sort: PeopleSort; page: number; pageSize?: number };
}): Promise<{ rows: ContactTableRow[]; total: number; page: number; pageSize: number }> {
  void ctx; // every role can read every contact
  const pageSize = input.pageSize ?? PEOPLE_PAGE_SIZE;
  const where = contactsTableWhere(input.q);
  const [counted] = await queryRows<{ total: number }>(db, sql`SELECT count(*)::int AS total FROM ${c.from} WHERE ${where}`);
  const rows = await queryRows<Omit<ContactTableRow, 'company'> & { companyId: number | null; companyName: string | null }>(
    db,
    sql`
    SELECT ${c('id')}, ${c('first_name')} AS "firstName", ${c('last_name')} AS "lastName", ${c('email')}, ${c('phone')},
           ${co('id')} AS "companyId", ${co('name')} AS "companyName", ${CONTACT_DEAL_COUNT} AS "dealCount"
    FROM ${c.from}
    LEFT JOIN ${co.from} ON ${co('id')} = ${c('company_id')} AND ${co('deleted_at')} IS NULL
    WHERE ${where}
    ORDER BY ${ORDER[input.sort]}
    LIMIT ${pageSize} OFFSET ${(input.page - 1) * pageSize}`,
  );
  return {
    rows: rows.map(({ companyId, companyName, ...row }) => ({
      ...row,
      id: Number(row.id),
      dealCount: Number(row.dealCount),
      company: companyId === null ? null : { id: Number(companyId), name: companyName ?? '' },
    })),
    total: Number(counted?.total ?? 0),
    page: input.page,
    pageSize,
  };
}
