import 'server-only';
import { db, type Prisma } from '../../db';
import { Prisma as P } from '../../generated/prisma/client';
import { hotQuery } from '../../database/hot-query';

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
export function dealViewSelect(source: Prisma.Sql = P.sql`deals`): Prisma.Sql {
  return P.sql`
  SELECT d.id, d.name, d.pipeline_id AS "pipelineId", d.stage_id AS "stageId", d.contact_id AS "contactId",
         d.company_id AS "companyId", d.value, d.currency, d.status::text AS status, d.lost_reason AS "lostReason",
         d.expected_close AS "expectedClose", d.closed_at AS "closedAt", d.owner_id AS "ownerId", d.source,
         d.deal_type AS "dealType", d.metadata, d.custom_fields AS "customFields", d.external_source AS "externalSource",
         d.external_id AS "externalId", d.position, d.tax_type::text AS "taxType", d.stage_entered_at AS "stageEnteredAt",
         d.last_activity_at AS "lastActivityAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.version,
         CASE WHEN c.id IS NULL THEN NULL ELSE btrim(c.first_name || ' ' || c.last_name) END AS "contactName",
         co.name AS "companyName", p.name AS "pipelineName", s.name AS "stageName"
  FROM ${source} d
  JOIN pipelines p ON p.id = d.pipeline_id
  JOIN stages s ON s.id = d.stage_id
  LEFT JOIN contacts c ON c.id = d.contact_id
  LEFT JOIN companies co ON co.id = d.company_id`;
}

const SELECT_DEAL_VIEW = dealViewSelect();

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
  where: Prisma.Sql,
  orderBy: Prisma.Sql = P.sql`d.id`,
  limit = 1,
  client?: { $queryRaw: typeof db.$queryRaw },
): Promise<DealView[]> {
  const query = P.sql`${SELECT_DEAL_VIEW} WHERE ${where} ORDER BY ${orderBy} LIMIT ${limit}`;
  // inside a transaction, its client; otherwise the hot path (a prepared statement on PostgreSQL)
  return toDealViews(client ? await client.$queryRaw<DealView[]>(query) : await hotQuery<DealView>(query));
}

/** One (not deleted) deal's view, or null. */
export async function findDealView(dealId: number, client?: { $queryRaw: typeof db.$queryRaw }): Promise<DealView | null> {
  const [row] = await selectDealViews(P.sql`d.id = ${dealId} AND d.deleted_at IS NULL`, undefined, 1, client);
  return row ?? null;
}
