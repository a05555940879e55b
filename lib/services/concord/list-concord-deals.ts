import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import { Prisma as P, type DealLineItem } from '../../generated/prisma/client';
import { minorUnitDigits } from '../../money/format-money';
import { MAX_RECORD_ID, type ConcordSearchField, type ConcordSearchOperator, type ConcordSortField } from '../../schemas/concord';
import type { ServiceContext } from '../context';
import { DEAL_VIEW_SELECT_TEXT, findDealView, toDealViews, type DealView } from '../deals/deal-view';

// Concord's list and search of deals: `order`, `search_fields` / `q` / `search_match`, page-based.
// Every field maps to a fixed SQL expression below (the whitelist); client text only ever reaches the
// database as a bound parameter.

export interface ConcordOrder {
  field: ConcordSortField;
  direction: 'asc' | 'desc';
}

export interface ConcordSearchTerm {
  field: ConcordSearchField;
  operator: ConcordSearchOperator;
  value: string;
}

export interface ConcordCriteria {
  order: ConcordOrder[];
  /** null: no search; terms combine with OR (Concord's default) or AND */
  search: { match: 'and' | 'or'; terms: ConcordSearchTerm[] } | null;
}

/** Which relations to load (what `select` asks for). */
export interface ConcordInclude {
  billable: boolean;
  contacts: boolean;
  companies: boolean;
  activities: boolean;
}

export const INCLUDE_ALL: ConcordInclude = { billable: true, contacts: true, companies: true, activities: true };

export interface ConcordDealRecord {
  view: DealView;
  lines: DealLineItem[];
  contacts: { id: number; firstName: string; lastName: string; email: string | null }[];
  companies: { id: number; name: string; domain: string | null }[];
  activities: { id: number; subject: string; type: string }[];
}

/** A page of deals (1-based) and the total matching. Every role reads every deal. */
export async function listConcordDeals({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { criteria: ConcordCriteria; page: number; perPage: number; include: ConcordInclude };
}): Promise<{ records: ConcordDealRecord[]; total: number }> {
  void ctx;
  const sql = await criteriaSql(input.criteria);
  const [rows, counted] = await Promise.all([
    db.$queryRaw<DealView[]>`${P.raw(DEAL_VIEW_SELECT_TEXT)} WHERE ${sql.where} ORDER BY ${sql.orderBy} LIMIT ${input.perPage} OFFSET ${(input.page - 1) * input.perPage}`,
    db.$queryRaw<{ total: number }[]>`SELECT COUNT(*)::int AS total FROM deals d WHERE ${sql.where}`,
  ]);
  return { records: await withRelations(toDealViews(rows), input.include), total: Number(counted[0]?.total ?? 0) };
}

/** Every deal matching (at most `take`), without pagination. */
export async function searchConcordDeals({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { criteria: ConcordCriteria; take: number; include: ConcordInclude };
}): Promise<ConcordDealRecord[]> {
  void ctx;
  const sql = await criteriaSql(input.criteria);
  const rows = await db.$queryRaw<DealView[]>`${P.raw(DEAL_VIEW_SELECT_TEXT)} WHERE ${sql.where} ORDER BY ${sql.orderBy} LIMIT ${input.take}`;
  return withRelations(toDealViews(rows), input.include);
}

/** One deal with its relations, or 404. */
export async function getConcordDeal({ ctx, input }: { ctx: ServiceContext; input: { dealId: number; include?: ConcordInclude } }): Promise<ConcordDealRecord> {
  void ctx;
  const view = await findDealView(input.dealId);
  if (!view) throw new AppError('not_found', `No deal with ID ${input.dealId} exists.`);
  const [record] = await withRelations([view], input.include ?? INCLUDE_ALL);
  return record!;
}

/** A deal's billable lines in order, or 404. */
export async function getConcordDealLines({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }) {
  void ctx;
  const deal = await db.deal.findFirst({
    where: { id: input.dealId, deletedAt: null },
    select: { currency: true, taxType: true, lineItems: { orderBy: [{ position: 'asc' }, { id: 'asc' }] } },
  });
  if (!deal) throw new AppError('not_found', `No deal with ID ${input.dealId} exists.`);
  return deal;
}

async function withRelations(views: DealView[], include: ConcordInclude): Promise<ConcordDealRecord[]> {
  const ids = views.map((v) => v.id);
  const none = ids.length === 0;
  const [lines, contacts, companies, activities] = await Promise.all([
    include.billable && !none ? db.dealLineItem.findMany({ where: { dealId: { in: ids } }, orderBy: [{ position: 'asc' }, { id: 'asc' }] }) : [],
    include.contacts && !none
      ? db.dealContact.findMany({
          where: { dealId: { in: ids }, contact: { deletedAt: null } },
          orderBy: [{ createdAt: 'asc' }, { contactId: 'asc' }],
          select: { dealId: true, contact: { select: { id: true, firstName: true, lastName: true, email: true } } },
        })
      : [],
    include.companies && !none
      ? db.dealCompany.findMany({
          where: { dealId: { in: ids }, company: { deletedAt: null } },
          orderBy: [{ createdAt: 'asc' }, { companyId: 'asc' }],
          select: { dealId: true, company: { select: { id: true, name: true, domain: true } } },
        })
      : [],
    include.activities && !none
      ? db.activity.findMany({ where: { dealId: { in: ids } }, orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], select: { id: true, dealId: true, subject: true, type: true } })
      : [],
  ]);
  const group = <T extends { dealId: number | null }, R>(rows: T[], pick: (row: T) => R) => {
    const map = new Map<number, R[]>();
    for (const row of rows) {
      if (row.dealId === null) continue;
      const list = map.get(row.dealId) ?? [];
      list.push(pick(row));
      map.set(row.dealId, list);
    }
    return map;
  };
  const linesBy = group(lines, (l) => l);
  const contactsBy = group(contacts, (l) => l.contact);
  const companiesBy = group(companies, (l) => l.company);
  const activitiesBy = group(activities, (a) => ({ id: a.id, subject: a.subject, type: a.type as string }));
  return views.map((view) => ({
    view,
    lines: linesBy.get(view.id) ?? [],
    contacts: contactsBy.get(view.id) ?? [],
    companies: companiesBy.get(view.id) ?? [],
    activities: activitiesBy.get(view.id) ?? [],
  }));
}

// ——— the whitelist: Concord field → SQL on the deal row `d` ———

type Kind = 'integer' | 'text' | 'money';

const STATUS_SQL = P.sql`(CASE WHEN d.status = 'stalled' THEN 'open' ELSE d.status::text END)`;

/** Per-currency scale of the deals' amounts: 10^digits and the digits, as CASE expressions on d.currency. */
interface CurrencyScale {
  divisor: Prisma.Sql;
  digits: Prisma.Sql;
}

/** `amount` in major units: the minor units divided by 10^digits of each deal's currency. */
function amountSql(scale: CurrencyScale): Prisma.Sql {
  return P.sql`(d.value::numeric / ${scale.divisor})`;
}

const SORT_SQL: Record<Exclude<ConcordSortField, 'amount'>, Prisma.Sql> = {
  id: P.sql`d.id`,
  name: P.sql`d.name`,
  currency: P.sql`d.currency`,
  expected_close_date: P.sql`d.expected_close`,
  pipeline_id: P.sql`d.pipeline_id`,
  stage_id: P.sql`d.stage_id`,
  user_id: P.sql`d.owner_id`,
  status: STATUS_SQL,
  lost_reason: P.sql`d.lost_reason`,
  won_date: P.sql`(CASE WHEN d.status = 'won' THEN d.closed_at END)`,
  lost_date: P.sql`(CASE WHEN d.status = 'lost' THEN d.closed_at END)`,
  stage_changed_date: P.sql`d.stage_entered_at`,
  board_order: P.sql`d.position`,
  created_at: P.sql`d.created_at`,
  updated_at: P.sql`d.updated_at`,
};

/** A field searched on the deal row itself, or through a related row (EXISTS, so a deal never repeats). */
type SearchTarget = { kind: Kind; column: Prisma.Sql; exists?: (condition: Prisma.Sql) => Prisma.Sql };

const contactsExist = (condition: Prisma.Sql) =>
  P.sql`EXISTS (SELECT 1 FROM deal_contacts cdc JOIN contacts cct ON cct.id = cdc.contact_id WHERE cdc.deal_id = d.id AND cct.deleted_at IS NULL AND ${condition})`;
const companiesExist = (condition: Prisma.Sql) =>
  P.sql`EXISTS (SELECT 1 FROM deal_companies cdo JOIN companies cco ON cco.id = cdo.company_id WHERE cdo.deal_id = d.id AND cco.deleted_at IS NULL AND ${condition})`;

const SEARCH_SQL: Record<Exclude<ConcordSearchField, 'amount'>, SearchTarget> = {
  id: { kind: 'integer', column: P.sql`d.id` },
  name: { kind: 'text', column: P.sql`d.name` },
  currency: { kind: 'text', column: P.sql`d.currency` },
  status: { kind: 'text', column: STATUS_SQL },
  lost_reason: { kind: 'text', column: P.sql`d.lost_reason` },
  expected_close_date: { kind: 'text', column: P.sql`to_char(d.expected_close, 'YYYY-MM-DD')` },
  pipeline_id: { kind: 'integer', column: P.sql`d.pipeline_id` },
  stage_id: { kind: 'integer', column: P.sql`d.stage_id` },
  user_id: { kind: 'integer', column: P.sql`d.owner_id` },
  'stage.name': { kind: 'text', column: P.sql`cst.name`, exists: (c) => P.sql`EXISTS (SELECT 1 FROM stages cst WHERE cst.id = d.stage_id AND ${c})` },
  'pipeline.name': { kind: 'text', column: P.sql`cpl.name`, exists: (c) => P.sql`EXISTS (SELECT 1 FROM pipelines cpl WHERE cpl.id = d.pipeline_id AND ${c})` },
  'user.name': { kind: 'text', column: P.sql`cus.name`, exists: (c) => P.sql`EXISTS (SELECT 1 FROM users cus WHERE cus.id = d.owner_id AND ${c})` },
  'user.email': { kind: 'text', column: P.sql`cus.email`, exists: (c) => P.sql`EXISTS (SELECT 1 FROM users cus WHERE cus.id = d.owner_id AND ${c})` },
  'contacts.first_name': { kind: 'text', column: P.sql`cct.first_name`, exists: contactsExist },
  'contacts.last_name': { kind: 'text', column: P.sql`cct.last_name`, exists: contactsExist },
  'contacts.email': { kind: 'text', column: P.sql`cct.email`, exists: contactsExist },
  'contacts.phone': { kind: 'text', column: P.sql`cct.phone`, exists: contactsExist },
  'companies.name': { kind: 'text', column: P.sql`cco.name`, exists: companiesExist },
  'companies.domain': { kind: 'text', column: P.sql`cco.domain`, exists: companiesExist },
};

async function criteriaSql(criteria: ConcordCriteria): Promise<{ where: Prisma.Sql; orderBy: Prisma.Sql }> {
  const usesAmount = criteria.order.some((o) => o.field === 'amount') || (criteria.search?.terms.some((t) => t.field === 'amount') ?? false);
  const scale = usesAmount ? await currencyScale() : null;

  const conditions: Prisma.Sql[] = [P.sql`d.deleted_at IS NULL`];
  if (criteria.search && criteria.search.terms.length > 0) {
    const terms = criteria.search.terms.map((term) => termSql(term, scale));
    conditions.push(P.sql`(${P.join(terms, criteria.search.match === 'and' ? ' AND ' : ' OR ')})`);
  }
  const order = criteria.order.map((o) => {
    const column = o.field === 'amount' ? amountSql(scale!) : SORT_SQL[o.field];
    return o.direction === 'desc' ? P.sql`${column} DESC` : P.sql`${column} ASC`;
  });
  // the id last: a stable order, so pages never repeat or skip a row between requests
  order.push(P.sql`d.id ASC`);
  return { where: P.join(conditions, ' AND '), orderBy: P.join(order, ', ') };
}

function termSql(term: ConcordSearchTerm, scale: CurrencyScale | null): Prisma.Sql {
  if (term.field === 'amount') return moneyCondition(term, scale!);
  const target = SEARCH_SQL[term.field];
  const condition = target.kind === 'integer' ? integerCondition(target.column, term) : textCondition(target.column, term);
  return target.exists ? target.exists(condition) : condition;
}

function likePattern(value: string): string {
  return `%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// `like` is a case-insensitive "contains"; `=` on text ignores case too (as MySQL's default collation,
// which Concord runs on, compares)
function textCondition(column: Prisma.Sql, term: ConcordSearchTerm): Prisma.Sql {
  return term.operator === 'like' ? P.sql`${column} ILIKE ${likePattern(term.value)}` : P.sql`lower(${column}) = lower(${term.value})`;
}

function integerCondition(column: Prisma.Sql, term: ConcordSearchTerm): Prisma.Sql {
  if (term.operator === 'like') return P.sql`CAST(${column} AS text) LIKE ${likePattern(term.value)}`;
  const value = term.value.trim();
  // text that is no integer (or none a record can have) matches nothing
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_RECORD_ID) return P.sql`FALSE`;
  return P.sql`${column} = ${Number(value)}`;
}

function moneyCondition(term: ConcordSearchTerm, scale: CurrencyScale): Prisma.Sql {
  if (term.operator === 'like') {
    // the amount as the API shows it ("1500.00"), so "1500" finds it
    return P.sql`CAST(round(${amountSql(scale)}, ${scale.digits}) AS text) ILIKE ${likePattern(term.value)}`;
  }
  const value = term.value.trim();
  if (!/^-?\d{1,20}(\.\d{1,10})?$/.test(value)) return P.sql`FALSE`;
  return P.sql`${amountSql(scale)} = ${value}::numeric`;
}

/** The scale of each currency in use (lib/money/format-money.ts minorUnitDigits; most have 2 digits). */
async function currencyScale(): Promise<CurrencyScale> {
  const rows = await db.$queryRaw<{ currency: string }[]>`SELECT DISTINCT currency FROM deals`;
  const other = rows.map((row) => row.currency).filter((currency) => minorUnitDigits(currency) !== 2);
  if (other.length === 0) return { divisor: P.sql`100::numeric`, digits: P.sql`2` };
  const caseOf = (value: (digits: number) => string) =>
    P.sql`(CASE d.currency ${P.join(other.map((currency) => P.sql`WHEN ${currency} THEN ${P.raw(value(minorUnitDigits(currency)))}`), ' ')} ELSE ${P.raw(value(2))} END)`;
  return { divisor: caseOf((digits) => `${10 ** digits}::numeric`), digits: caseOf((digits) => String(digits)) };
}
