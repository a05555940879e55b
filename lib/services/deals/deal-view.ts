import 'server-only';
import { hotQuery } from '../../database/hot-query';
import { queryRows, type RawClient } from '../../database/run-sql';
import { sql, tableAs, tableName, type RawBuilder } from '../../database/typed-sql';

/** A deal as the API and board read it: its own columns plus the names of what it points to. */
export interface DealView {
  id: number;
  name: string;
  pipelineId: number;
  stageId: number;
  contactId: number | null;
  companyId: number | null;
  value: bigint;
  currency: string;
  status: 'open' | 'won' | 'lost' | 'stalled';
  lostReason: string | null;
  expectedClose: Date | null;
  closedAt: Date | null;
  ownerId: number | null;
  source: string | null;
  dealType: string | null;
  metadata: Record<string, unknown>;
  customFields: Record<string, unknown>;
  externalSource: string | null;
  externalId: string | null;
  position: number;
  taxType: 'exclusive' | 'inclusive' | 'no_tax';
  stageEnteredAt: Date;
  lastActivityAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  version: number;
  contactName: string | null;
  companyName: string | null;
  pipelineName: string;
  stageName: string;
}

// One statement with joins instead of an ORM include: the deal reads are the API's hot path, and
// each relation fetched separately would cost a round trip. `source` is `deals` or a CTE of deal
// rows (a write's RETURNING *), so a write can answer with the view in the same statement.
export function dealViewSelect(source: RawBuilder<unknown> = tableName('deals')): RawBuilder<unknown> {
  const d = tableAs('deals', 'd');
  const p = tableAs('pipelines', 'p');
  const s = tableAs('stages', 's');
  const c = tableAs('contacts', 'c');
  const co = tableAs('companies', 'co');
  return sql`
  SELECT ${d('id')}, ${d('name')}, ${d('pipeline_id')} AS "pipelineId", ${d('stage_id')} AS "stageId", ${d('contact_id')} AS "contactId",
         ${d('company_id')} AS "companyId", ${d('value')}, ${d('currency')}, ${d('status')}::text AS status, ${d('lost_reason')} AS "lostReason",
         ${d('expected_close')} AS "expectedClose", ${d('closed_at')} AS "closedAt", ${d('owner_id')} AS "ownerId", ${d('source')},
         ${d('deal_type')} AS "dealType", ${d('metadata')}, ${d('custom_fields')} AS "customFields", ${d('external_source')} AS "externalSource",
         ${d('external_id')} AS "externalId", ${d('position')}, ${d('tax_type')}::text AS "taxType", ${d('stage_entered_at')} AS "stageEnteredAt",
         ${d('last_activity_at')} AS "lastActivityAt", ${d('created_at')} AS "createdAt", ${d('updated_at')} AS "updatedAt", ${d('version')},
         CASE WHEN ${c('id')} IS NULL THEN NULL ELSE btrim(${c('first_name')} || ' ' || ${c('last_name')}) END AS "contactName",
         ${co('name')} AS "companyName", ${p('name')} AS "pipelineName", ${s('name')} AS "stageName"
  FROM ${source} ${d.alias}
  JOIN ${p.from} ON ${p('id')} = ${d('pipeline_id')}
  JOIN ${s.from} ON ${s('id')} = ${d('stage_id')}
  LEFT JOIN ${c.from} ON ${c('id')} = ${d('contact_id')}
  LEFT JOIN ${co.from} ON ${co('id')} = ${d('company_id')}`;
}

const SELECT_DEAL_VIEW = dealViewSelect();

/** The view's deal row (alias d), for the conditions and orders callers add. */
export const DEAL = tableAs('deals', 'd');

/** Normalises raw rows of dealViewSelect (bigint value, numeric position). */
export function toDealViews(rows: DealView[]): DealView[] {
  for (const row of rows) {
    row.value = BigInt(row.value);
    row.position = Number(row.position);
  }
  return rows;
}

/** Deal views matching `where` (an SQL condition on alias d), in `orderBy`, at most `limit`. */
export async function selectDealViews(
  where: RawBuilder<unknown>,
  orderBy: RawBuilder<unknown> = sql`${DEAL('id')}`,
  limit = 1,
  client?: Pick<RawClient, '$queryRawUnsafe'>,
): Promise<DealView[]> {
  const query = sql`${SELECT_DEAL_VIEW} WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`;
  // inside a transaction, its client; otherwise the hot path (a prepared statement on PostgreSQL)
  return toDealViews(client ? await queryRows<DealView>(client, query) : await hotQuery<DealView>(query));
}

/** One (not deleted) deal's view, or null. */
export async function findDealView(dealId: number, client?: Pick<RawClient, '$queryRawUnsafe'>): Promise<DealView | null> {
  const [row] = await selectDealViews(sql`${DEAL('id')} = ${dealId} AND ${DEAL('deleted_at')} IS NULL`, undefined, 1, client);
  return row ?? null;
}
