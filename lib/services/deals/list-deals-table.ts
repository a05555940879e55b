import 'server-only';
import { db, type Prisma } from '../../db';
import { Prisma as P } from '../../generated/prisma/client';
import type { DealsTableSort, SortDirection } from '../../schemas/deals-table';
import type { BoardFilters } from '../../board/board-filters';
import { boardFilterSql } from '../board/board-filter-sql';
import type { ServiceContext } from '../context';

export interface DealsTableQuery {
  /** the board's filters (search, status, owner, value and expected-close ranges) */
  filters: BoardFilters;
  pipelineId: number | null;
  stageId: number | null;
  sort: DealsTableSort;
  dir: SortDirection;
  /** 1-based; past the last page answers the last page */
  page: number;
  pageSize: number;
}

export interface DealsTableRow {
  id: number;
  name: string;
  value: bigint;
  currency: string;
  status: 'open' | 'won' | 'lost' | 'stalled';
  expectedClose: Date | null;
  createdAt: Date;
  updatedAt: Date;
  pipelineId: number;
  pipelineName: string;
  stageId: number;
  stageName: string;
  ownerName: string | null;
  companyName: string | null;
}

export interface DealsTablePage {
  rows: DealsTableRow[];
  /** every deal matching the filters */
  total: number;
  page: number;
  pageSize: number;
}

// Columns whose order puts empty values last in both directions (a deal without an owner or a close
// date is never the "first" one).
const SORT_SQL: Record<DealsTableSort, { parts: Prisma.Sql[]; nullable: boolean }> = {
  name: { parts: [P.sql`lower(d.name)`], nullable: false },
  value: { parts: [P.sql`d.value`], nullable: false },
  // board order: the pipelines as listed, then their stages left to right
  stage: { parts: [P.sql`p.position`, P.sql`p.id`, P.sql`s.position`], nullable: false },
  status: { parts: [P.sql`d.status::text`], nullable: false },
  owner: { parts: [P.sql`lower(u.name)`], nullable: true },
  expected_close: { parts: [P.sql`d.expected_close`], nullable: true },
  updated: { parts: [P.sql`d.updated_at`], nullable: false },
  created: { parts: [P.sql`d.created_at`], nullable: false },
};

/**
 * The deals table page: the deals matching the board's filters (lib/services/board/board-filter-sql,
 * so the table and the board agree on what a filter means) plus pipeline and stage, in the chosen
 * column's order, one page by offset with the total count. Offset rather than keyset because the
 * table shows "51–100 of 1,234" and lets a user jump pages; ties break on the deal ID so pages never
 * repeat or skip a deal while nothing changes.
 */
export async function listDealsTable({ ctx, input }: { ctx: ServiceContext; input: DealsTableQuery }): Promise<DealsTablePage> {
  void ctx; // every role can read every deal
  const conditions: Prisma.Sql[] = [boardFilterSql(input.filters)];
  if (input.pipelineId !== null) conditions.push(P.sql`d.pipeline_id = ${input.pipelineId}`);
  if (input.stageId !== null) conditions.push(P.sql`d.stage_id = ${input.stageId}`);
  const where = P.join(conditions, ' AND ');

  const [{ total }] = (await db.$queryRaw<{ total: number }[]>`SELECT COUNT(*)::int AS total FROM deals d WHERE ${where}`) as [{ total: number }];
  const lastPage = Math.max(1, Math.ceil(total / input.pageSize));
  const page = Math.min(Math.max(1, input.page), lastPage);

  const direction = input.dir === 'asc' ? P.sql`ASC` : P.sql`DESC`;
  const column = SORT_SQL[input.sort];
  const order = P.join(
    column.parts.map((part) => (column.nullable ? P.sql`${part} ${direction} NULLS LAST` : P.sql`${part} ${direction}`)),
    ', ',
  );

  const rows =
    total === 0
      ? []
      : await db.$queryRaw<DealsTableRow[]>`
        SELECT d.id, d.name, d.value, d.currency, d.status::text AS status, d.expected_close AS "expectedClose",
               d.created_at AS "createdAt", d.updated_at AS "updatedAt",
               d.pipeline_id AS "pipelineId", p.name AS "pipelineName", d.stage_id AS "stageId", s.name AS "stageName",
               u.name AS "ownerName", co.name AS "companyName"
        FROM deals d
        JOIN stages s ON s.id = d.stage_id
        JOIN pipelines p ON p.id = d.pipeline_id
        LEFT JOIN users u ON u.id = d.owner_id
        LEFT JOIN companies co ON co.id = d.company_id AND co.deleted_at IS NULL
        WHERE ${where}
        ORDER BY ${order}, d.id ${direction}
        LIMIT ${input.pageSize} OFFSET ${(page - 1) * input.pageSize}`;
  return { rows, total, page, pageSize: input.pageSize };
}
