import 'server-only';
import { Prisma as P } from '../../generated/prisma/client';
import type { Prisma } from '../../db';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import type { ListDealsQuery, DealSortField } from '../../schemas/deal';
import type { ServiceContext } from '../context';
import { selectDealViews, type DealView } from './deal-view';

const DAY_MS = 86_400_000;

const ISO_MILLIS = P.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);

/** Per sort field: the column, its kind, and its cursor value read from a deal view or selected in SQL (`text`, made a string by String() as `read` does). */
const SORT_COLUMNS: Record<DealSortField, { sql: Prisma.Sql; kind: 'time' | 'number' | 'text'; read: (d: DealView) => string | number; text: Prisma.Sql }> = {
  created_at: { sql: P.sql`d.created_at`, kind: 'time', read: (d) => d.createdAt.toISOString(), text: P.sql`to_char(d.created_at, ${ISO_MILLIS})` },
  updated_at: { sql: P.sql`d.updated_at`, kind: 'time', read: (d) => d.updatedAt.toISOString(), text: P.sql`to_char(d.updated_at, ${ISO_MILLIS})` },
  stage_entered_at: { sql: P.sql`d.stage_entered_at`, kind: 'time', read: (d) => d.stageEnteredAt.toISOString(), text: P.sql`to_char(d.stage_entered_at, ${ISO_MILLIS})` },
  value: { sql: P.sql`d.value`, kind: 'number', read: (d) => d.value.toString(), text: P.sql`d.value::text` },
  name: { sql: P.sql`d.name`, kind: 'text', read: (d) => d.name, text: P.sql`d.name` },
  position: { sql: P.sql`d.position`, kind: 'number', read: (d) => String(d.position), text: P.sql`d.position` },
};

/** The WHERE and ORDER BY of a deals list page: its filters, sort and keyset cursor (alias d). */
export function dealListQuery(input: ListDealsQuery) {
  const descending = input.sort.startsWith('-');
  const field = input.sort.replace(/^-/, '') as DealSortField;
  const column = SORT_COLUMNS[field];
  const conditions: Prisma.Sql[] = [P.sql`d.deleted_at IS NULL`];
  if (input.status) conditions.push(P.sql`d.status::text IN (${P.join(input.status)})`);
  if (input.pipeline_id !== undefined) conditions.push(P.sql`d.pipeline_id = ${input.pipeline_id}`);
  if (input.stage_id !== undefined) conditions.push(P.sql`d.stage_id = ${input.stage_id}`);
  if (input.owner_id !== undefined) conditions.push(P.sql`d.owner_id = ${input.owner_id}`);
  if (input.contact_id !== undefined) {
    conditions.push(P.sql`(d.contact_id = ${input.contact_id} OR EXISTS (SELECT 1 FROM deal_contacts dc WHERE dc.deal_id = d.id AND dc.contact_id = ${input.contact_id}))`);
  }
  if (input.company_id !== undefined) {
    conditions.push(P.sql`(d.company_id = ${input.company_id} OR EXISTS (SELECT 1 FROM deal_companies dco WHERE dco.deal_id = d.id AND dco.company_id = ${input.company_id}))`);
  }
  if (input.min_value !== undefined) conditions.push(P.sql`d.value >= ${BigInt(input.min_value)}`);
  if (input.max_value !== undefined) conditions.push(P.sql`d.value <= ${BigInt(input.max_value)}`);
  if (input.days_since_activity_gt !== undefined) {
    const threshold = new Date(Date.now() - input.days_since_activity_gt * DAY_MS).toISOString();
    conditions.push(P.sql`COALESCE(d.last_activity_at, d.created_at) < ${threshold}::timestamp(3)`);
  }
  if (input.created_after) conditions.push(P.sql`d.created_at > ${input.created_after.toISOString()}::timestamp(3)`);
  if (input.created_before) conditions.push(P.sql`d.created_at < ${input.created_before.toISOString()}::timestamp(3)`);
  if (input.q) conditions.push(P.sql`d.name ILIKE ${`%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (input.cursor) {
    const position = decodeCursor(input.cursor, input.sort);
    const value = cursorValue(column.kind, position.v);
    conditions.push(descending ? P.sql`(${column.sql}, d.id) < (${value}, ${position.id})` : P.sql`(${column.sql}, d.id) > (${value}, ${position.id})`);
  }
  const direction = descending ? P.sql`DESC` : P.sql`ASC`;
  return { where: P.join(conditions, ' AND '), orderBy: P.sql`${column.sql} ${direction}, d.id ${direction}`, column };
}

/** A page of deals matching the filters, in the requested order, by keyset cursor. */
export async function listDeals({ ctx, input }: { ctx: ServiceContext; input: ListDealsQuery }) {
  void ctx; // every role can read every deal
  const { where, orderBy, column } = dealListQuery(input);
  const rows = await selectDealViews(where, orderBy, input.limit + 1);
  const page = pageOf(rows, input.limit, (d) => encodeCursor({ s: input.sort, v: column.read(d), id: d.id }));
  return { items: page.rows, hasMore: page.hasMore, nextCursor: page.nextCursor };
}

function cursorValue(kind: 'time' | 'number' | 'text', value: unknown): Prisma.Sql {
  if (kind === 'time' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return P.sql`${value}::timestamp(3)`;
  if (kind === 'number' && typeof value === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(value)) return P.sql`${value}::numeric`;
  if (kind === 'text' && typeof value === 'string') return P.sql`${value}`;
  throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', [{ path: 'cursor', message: 'Invalid cursor' }]);
}
