import 'server-only';
import { db } from '../../../db';
import { AppError } from '../../../errors';
import type { DealLineItem } from '../../../generated/prisma/client';
import { minorUnitDigits } from '../../../money/format-money';
import { MAX_RECORD_ID, type ConcordSearchField, type ConcordSearchOperator, type ConcordSortField } from '../schemas';
import type { ServiceContext } from '../../../services/context';
import { dealViewSelect, findDealView, toDealViews, type DealView } from '../../../services/deals/deal-view';
import { queryRows } from '../../../database/run-sql';
import { sql, sqlBuilder, tableAs, type RawBuilder } from '../../../database/typed-sql';

const cco = tableAs('companies', 'cco');
const cct = tableAs('contacts', 'cct');
const cdc = tableAs('deal_contacts', 'cdc');
const cdo = tableAs('deal_companies', 'cdo');
const cpl = tableAs('pipelines', 'cpl');
const cst = tableAs('stages', 'cst');
const cus = tableAs('users', 'cus');
const d = tableAs('deals', 'd');

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
  const criteria = await criteriaSql(input.criteria);
  const [rows, counted] = await Promise.all([
    queryRows<DealView>(
      db,
      sql`${dealViewSelect()} WHERE ${criteria.where} ORDER BY ${criteria.orderBy} LIMIT ${input.perPage} OFFSET ${(input.page - 1) * input.perPage}`,
    ),
    queryRows<{ total: number }>(db, sql`SELECT COUNT(*)::int AS total FROM ${d.from} WHERE ${criteria.where}`),
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
  const criteria = await criteriaSql(input.criteria);
  const rows = await queryRows<DealView>(db, sql`${dealViewSelect()} WHERE ${criteria.where} ORDER BY ${criteria.orderBy} LIMIT ${input.take}`);
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
      ? db.activity.findMany({
          where: { dealId: { in: ids } },
          orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
          select: { id: true, dealId: true, subject: true, type: true },
        })
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

const STATUS_SQL = sql`(CASE WHEN ${d('status')} = 'stalled' THEN 'open' ELSE ${d('status')}::text END)`;

/** Per-currency scale of the deals' amounts: 10^digits and the digits, as CASE expressions on d.currency. */
interface CurrencyScale {
  divisor: RawBuilder<unknown>;
  digits: RawBuilder<unknown>;
}

/** `amount` in major units: the minor units divided by 10^digits of each deal's currency. */
function amountSql(scale: CurrencyScale): RawBuilder<unknown> {
  return sql`(${d('value')}::numeric / ${scale.divisor})`;
}

const SORT_SQL: Record<Exclude<ConcordSortField, 'amount'>, RawBuilder<unknown>> = {
  id: sql`${d('id')}`,
  name: sql`${d('name')}`,
  currency: sql`${d('currency')}`,
  expected_close_date: sql`${d('expected_close')}`,
  pipeline_id: sql`${d('pipeline_id')}`,
  stage_id: sql`${d('stage_id')}`,
  user_id: sql`${d('owner_id')}`,
  status: STATUS_SQL,
  lost_reason: sql`${d('lost_reason')}`,
  won_date: sql`(CASE WHEN ${d('status')} = 'won' THEN ${d('closed_at')} END)`,
  lost_date: sql`(CASE WHEN ${d('status')} = 'lost' THEN ${d('closed_at')} END)`,
  stage_changed_date: sql`${d('stage_entered_at')}`,
  board_order: sql`${d('position')}`,
  created_at: sql`${d('created_at')}`,
  updated_at: sql`${d('updated_at')}`,
};

/** A field searched on the deal row itself, or through a related row (EXISTS, so a deal never repeats). */
type SearchTarget = { kind: Kind; column: RawBuilder<unknown>; exists?: (condition: RawBuilder<unknown>) => RawBuilder<unknown> };

const contactsExist = (condition: RawBuilder<unknown>) =>
  sql`EXISTS (SELECT 1 FROM ${cdc.from} JOIN ${cct.from} ON ${cct('id')} = ${cdc('contact_id')} WHERE ${cdc('deal_id')} = ${d('id')} AND ${cct('deleted_at')} IS NULL AND ${condition})`;
const companiesExist = (condition: RawBuilder<unknown>) =>
  sql`EXISTS (SELECT 1 FROM ${cdo.from} JOIN ${cco.from} ON ${cco('id')} = ${cdo('company_id')} WHERE ${cdo('deal_id')} = ${d('id')} AND ${cco('deleted_at')} IS NULL AND ${condition})`;

const SEARCH_SQL: Record<Exclude<ConcordSearchField, 'amount'>, SearchTarget> = {
  id: { kind: 'integer', column: sql`${d('id')}` },
  name: { kind: 'text', column: sql`${d('name')}` },
  currency: { kind: 'text', column: sql`${d('currency')}` },
  status: { kind: 'text', column: STATUS_SQL },
  lost_reason: { kind: 'text', column: sql`${d('lost_reason')}` },
  expected_close_date: { kind: 'text', column: sql`to_char(${d('expected_close')}, 'YYYY-MM-DD')` },
  pipeline_id: { kind: 'integer', column: sql`${d('pipeline_id')}` },
  stage_id: { kind: 'integer', column: sql`${d('stage_id')}` },
  user_id: { kind: 'integer', column: sql`${d('owner_id')}` },
  'stage.name': {
    kind: 'text',
    column: sql`${cst('name')}`,
    exists: (c) => sql`EXISTS (SELECT 1 FROM ${cst.from} WHERE ${cst('id')} = ${d('stage_id')} AND ${c})`,
  },
  'pipeline.name': {
    kind: 'text',
    column: sql`${cpl('name')}`,
    exists: (c) => sql`EXISTS (SELECT 1 FROM ${cpl.from} WHERE ${cpl('id')} = ${d('pipeline_id')} AND ${c})`,
  },
  'user.name': {
    kind: 'text',
    column: sql`${cus('name')}`,
    exists: (c) => sql`EXISTS (SELECT 1 FROM ${cus.from} WHERE ${cus('id')} = ${d('owner_id')} AND ${c})`,
  },
  'user.email': {
    kind: 'text',
    column: sql`${cus('email')}`,
    exists: (c) => sql`EXISTS (SELECT 1 FROM ${cus.from} WHERE ${cus('id')} = ${d('owner_id')} AND ${c})`,
  },
  'contacts.first_name': { kind: 'text', column: sql`${cct('first_name')}`, exists: contactsExist },
  'contacts.last_name': { kind: 'text', column: sql`${cct('last_name')}`, exists: contactsExist },
  'contacts.email': { kind: 'text', column: sql`${cct('email')}`, exists: contactsExist },
  'contacts.phone': { kind: 'text', column: sql`${cct('phone')}`, exists: contactsExist },
  'companies.name': { kind: 'text', column: sql`${cco('name')}`, exists: companiesExist },
  'companies.domain': { kind: 'text', column: sql`${cco('domain')}`, exists: companiesExist },
};

async function criteriaSql(criteria: ConcordCriteria): Promise<{ where: RawBuilder<unknown>; orderBy: RawBuilder<unknown> }> {
  const usesAmount = criteria.order.some((o) => o.field === 'amount') || (criteria.search?.terms.some((t) => t.field === 'amount') ?? false);
  const scale = usesAmount ? await currencyScale() : null;

  const conditions: RawBuilder<unknown>[] = [sql`${d('deleted_at')} IS NULL`];
  if (criteria.search && criteria.search.terms.length > 0) {
    const terms = criteria.search.terms.map((term) => termSql(term, scale));
    conditions.push(sql`(${sql.join(terms, criteria.search.match === 'and' ? sql` AND ` : sql` OR `)})`);
  }
  const order = criteria.order.map((o) => {
    const column = o.field === 'amount' ? amountSql(scale!) : SORT_SQL[o.field];
    return o.direction === 'desc' ? sql`${column} DESC` : sql`${column} ASC`;
  });
  // the id last: a stable order, so pages never repeat or skip a row between requests
  order.push(sql`${d('id')} ASC`);
  return { where: sql.join(conditions, sql` AND `), orderBy: sql.join(order, sql`, `) };
}

function termSql(term: ConcordSearchTerm, scale: CurrencyScale | null): RawBuilder<unknown> {
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
function textCondition(column: RawBuilder<unknown>, term: ConcordSearchTerm): RawBuilder<unknown> {
  return term.operator === 'like' ? sql`${column} ILIKE ${likePattern(term.value)}` : sql`lower(${column}) = lower(${term.value})`;
}

function integerCondition(column: RawBuilder<unknown>, term: ConcordSearchTerm): RawBuilder<unknown> {
  if (term.operator === 'like') return sql`CAST(${column} AS text) LIKE ${likePattern(term.value)}`;
  const value = term.value.trim();
  // text that is no integer (or none a record can have) matches nothing
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_RECORD_ID) return sql`FALSE`;
  return sql`${column} = ${Number(value)}`;
}

function moneyCondition(term: ConcordSearchTerm, scale: CurrencyScale): RawBuilder<unknown> {
  if (term.operator === 'like') {
    // the amount as the API shows it ("1500.00"), so "1500" finds it
    return sql`CAST(round(${amountSql(scale)}, ${scale.digits}) AS text) ILIKE ${likePattern(term.value)}`;
  }
  const value = term.value.trim();
  if (!/^-?\d{1,20}(\.\d{1,10})?$/.test(value)) return sql`FALSE`;
  return sql`${amountSql(scale)} = ${value}::numeric`;
}

/** The scale of each currency in use (lib/money/format-money.ts minorUnitDigits; most have 2 digits). */
async function currencyScale(): Promise<CurrencyScale> {
  const rows = await queryRows<{ currency: string }>(db, sqlBuilder.selectFrom('deals').select('currency').distinct());
  const other = rows.map((row) => row.currency).filter((currency) => minorUnitDigits(currency) !== 2);
  if (other.length === 0) return { divisor: sql`100::numeric`, digits: sql`2` };
  const caseOf = (value: (digits: number) => string) =>
    sql`(CASE ${d('currency')} ${sql.join(
      other.map((currency) => sql`WHEN ${currency} THEN ${sql.raw(value(minorUnitDigits(currency)))}`),
      sql` `,
    )} ELSE ${sql.raw(value(2))} END)`;
  return { divisor: caseOf((digits) => `${10 ** digits}::numeric`), digits: caseOf((digits) => String(digits)) };
}
