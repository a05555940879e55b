import 'server-only';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';
import { AppError } from '../../errors';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import type { ListDealsQuery, DealSortField } from '../../schemas/deal';
import { NO_LOSS_REASON } from '../../schemas/deals-table';
import { lostReasonSql } from '../reports/lost-from-stage-sql';
import type { ServiceContext } from '../context';
import { DEAL as d, selectDealViews, type DealView } from './deal-view';

const DAY_MS = 86_400_000;

const dc = tableAs('deal_contacts', 'dc');
const dco = tableAs('deal_companies', 'dco');

const ISO_MILLIS = sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`);

/** Per sort field: the column, its kind, and its cursor value read from a deal view or selected in SQL (`text`, made a string by String() as `read` does). */
const SORT_COLUMNS: Record<
  DealSortField,
  { sql: RawBuilder<unknown>; kind: 'time' | 'number' | 'text'; read: (d: DealView) => string | number; text: RawBuilder<unknown> }
> = {
  created_at: { sql: sql`${d('created_at')}`, kind: 'time', read: (d) => d.createdAt.toISOString(), text: sql`to_char(${d('created_at')}, ${ISO_MILLIS})` },
  updated_at: { sql: sql`${d('updated_at')}`, kind: 'time', read: (d) => d.updatedAt.toISOString(), text: sql`to_char(${d('updated_at')}, ${ISO_MILLIS})` },
  stage_entered_at: {
    sql: sql`${d('stage_entered_at')}`,
    kind: 'time',
    read: (d) => d.stageEnteredAt.toISOString(),
    text: sql`to_char(${d('stage_entered_at')}, ${ISO_MILLIS})`,
  },
  value: { sql: sql`${d('value')}`, kind: 'number', read: (d) => d.value.toString(), text: sql`${d('value')}::text` },
  name: { sql: sql`${d('name')}`, kind: 'text', read: (d) => d.name, text: sql`${d('name')}` },
  position: { sql: sql`${d('position')}`, kind: 'number', read: (d) => String(d.position), text: sql`${d('position')}` },
};

/** The WHERE and ORDER BY of a deals list page: its filters, sort and keyset cursor (alias d). */
export function dealListQuery(input: ListDealsQuery) {
  const descending = input.sort.startsWith('-');
  const field = input.sort.replace(/^-/, '') as DealSortField;
  const column = SORT_COLUMNS[field];
  const conditions: RawBuilder<unknown>[] = [sql`${d('deleted_at')} IS NULL`];
  if (input.status) conditions.push(sql`${d('status')}::text IN (${sql.join(input.status)})`);
  if (input.pipeline_id !== undefined) conditions.push(sql`${d('pipeline_id')} = ${input.pipeline_id}`);
  if (input.stage_id !== undefined) conditions.push(sql`${d('stage_id')} = ${input.stage_id}`);
  if (input.owner_id !== undefined) conditions.push(sql`${d('owner_id')} = ${input.owner_id}`);
  if (input.lost_reason !== undefined) {
    conditions.push(
      sql`${d('status')} = 'lost'`,
      input.lost_reason === NO_LOSS_REASON ? sql`${lostReasonSql} IS NULL` : sql`${lostReasonSql} = ${input.lost_reason}`,
    );
  }
  if (input.contact_id !== undefined) {
    conditions.push(
      sql`(${d('contact_id')} = ${input.contact_id} OR EXISTS (SELECT 1 FROM ${dc.from} WHERE ${dc('deal_id')} = ${d('id')} AND ${dc('contact_id')} = ${input.contact_id}))`,
    );
  }
  if (input.company_id !== undefined) {
    conditions.push(
      sql`(${d('company_id')} = ${input.company_id} OR EXISTS (SELECT 1 FROM ${dco.from} WHERE ${dco('deal_id')} = ${d('id')} AND ${dco('company_id')} = ${input.company_id}))`,
    );
  }
  if (input.min_value !== undefined) conditions.push(sql`${d('value')} >= ${BigInt(input.min_value)}`);
  if (input.max_value !== undefined) conditions.push(sql`${d('value')} <= ${BigInt(input.max_value)}`);
  if (input.days_since_activity_gt !== undefined) {
    const threshold = new Date(Date.now() - input.days_since_activity_gt * DAY_MS).toISOString();
    conditions.push(sql`COALESCE(${d('last_activity_at')}, ${d('created_at')}) < ${threshold}::timestamp(3)`);
  }
  if (input.created_after) conditions.push(sql`${d('created_at')} > ${input.created_after.toISOString()}::timestamp(3)`);
  if (input.created_before) conditions.push(sql`${d('created_at')} < ${input.created_before.toISOString()}::timestamp(3)`);
  if (input.q) conditions.push(sql`${d('name')} ILIKE ${`%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (input.cursor) {
    const position = decodeCursor(input.cursor, input.sort);
    const value = cursorValue(column.kind, position.v);
    conditions.push(descending ? sql`(${column.sql}, ${d('id')}) < (${value}, ${position.id})` : sql`(${column.sql}, ${d('id')}) > (${value}, ${position.id})`);
  }
  const direction = descending ? sql`DESC` : sql`ASC`;
  return { where: sql.join(conditions, sql` AND `), orderBy: sql`${column.sql} ${direction}, ${d('id')} ${direction}`, column };
}

/** A page of deals matching the filters, in the requested order, by keyset cursor. */
export async function listDeals({ ctx, input }: { ctx: ServiceContext; input: ListDealsQuery }) {
  void ctx; // every role can read every deal
  const { where, orderBy, column } = dealListQuery(input);
  const rows = await selectDealViews(where, orderBy, input.limit + 1);
  const page = pageOf(rows, input.limit, (d) => encodeCursor({ s: input.sort, v: column.read(d), id: d.id }));
  return { items: page.rows, hasMore: page.hasMore, nextCursor: page.nextCursor };
}

function cursorValue(kind: 'time' | 'number' | 'text', value: unknown): RawBuilder<unknown> {
  if (kind === 'time' && typeof value === 'string' && !Number.isNaN(Date.parse(value))) return sql`${value}::timestamp(3)`;
  if (kind === 'number' && typeof value === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(value)) return sql`${value}::numeric`;
  if (kind === 'text' && typeof value === 'string') return sql`${value}`;
  throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', [{ path: 'cursor', message: 'Invalid cursor' }]);
}
