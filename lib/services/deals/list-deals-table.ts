import 'server-only';
import { db } from '../../db';
import type { DealsTableSort, SortDirection } from '../../schemas/deals-table';
import { loadDealsTableConversion } from './deals-table-conversion';
import { dealsTableOrderSql } from './deals-table-order-sql';
import type { BoardConversion } from '../../board/converted-totals';
import { lostReasonSql } from '../reports/lost-from-stage-sql';
import { type DealsTableFilter, dealsTableWhereSql } from './deals-table-where-sql';
import type { ServiceContext } from '../context';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';

const co = tableAs('companies', 'co');
const d = tableAs('deals', 'd');
const p = tableAs('pipelines', 'p');
const s = tableAs('stages', 's');
const u = tableAs('users', 'u');

export interface DealsTableQuery extends DealsTableFilter {
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
  /** the value in the home currency at today's rates; null when the deal's currency has no rate today */
  convertedValue: bigint | null;
  status: 'open' | 'won' | 'lost' | 'stalled';
  lostReason: string | null;
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
  /** how convertedValue was converted: into the home currency at today's rates */
  conversion: BoardConversion;
}

/**
 * The deals table page: the deals matching the board's filters (lib/services/board/board-filter-sql,
 * so the table and the board agree on what a filter means) plus pipeline and stage, and the loss
 * filters the Lost deals report links with (reason, closed days, lost-from stage; the report's own
 * SQL, lost-from-stage-sql.ts, so a figure and its deals agree), in the chosen
 * column's order, one page by offset with the total count. Offset rather than keyset because the
 * table shows "51–100 of 1,234" and lets a user jump pages; ties break on the deal ID so pages never
 * repeat or skip a deal while nothing changes.
 */
export async function listDealsTable({ ctx, input }: { ctx: ServiceContext; input: DealsTableQuery }): Promise<DealsTablePage> {
  void ctx; // every role can read every deal
  const where = dealsTableWhereSql(input);

  const [{ total }] = (await queryRows<{ total: number }>(db, sql`SELECT COUNT(*)::int AS total FROM ${d.from} WHERE ${where}`)) as [{ total: number }];
  const lastPage = Math.max(1, Math.ceil(total / input.pageSize));
  const page = Math.min(Math.max(1, input.page), lastPage);

  const { conversion, converted } = await loadDealsTableConversion();
  const order = dealsTableOrderSql(input.sort, input.dir, converted);

  const rows =
    total === 0
      ? []
      : await queryRows<DealsTableRow>(
          db,
          sql`
        SELECT ${d('id')}, ${d('name')}, ${d('value')}, ${d('currency')}, ${converted}::bigint AS "convertedValue", ${d('status')}::text AS status, ${lostReasonSql} AS "lostReason", ${d('expected_close')} AS "expectedClose",
               ${d('created_at')} AS "createdAt", ${d('updated_at')} AS "updatedAt",
               ${d('pipeline_id')} AS "pipelineId", ${p('name')} AS "pipelineName", ${d('stage_id')} AS "stageId", ${s('name')} AS "stageName",
               ${u('name')} AS "ownerName", ${co('name')} AS "companyName"
        FROM ${d.from}
        JOIN ${s.from} ON ${s('id')} = ${d('stage_id')}
        JOIN ${p.from} ON ${p('id')} = ${d('pipeline_id')}
        LEFT JOIN ${u.from} ON ${u('id')} = ${d('owner_id')}
        LEFT JOIN ${co.from} ON ${co('id')} = ${d('company_id')} AND ${co('deleted_at')} IS NULL
        WHERE ${where}
        ORDER BY ${order.orderBy}
        LIMIT ${input.pageSize} OFFSET ${(page - 1) * input.pageSize}`,
        );
  return { rows, total, page, pageSize: input.pageSize, conversion };
}
