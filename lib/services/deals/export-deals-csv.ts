import 'server-only';
import { db } from '../../db';
import { encodeCursor } from '../../api/pagination';
import type { CsvCell } from '../../csv/csv-line';
import { csvDownloadStream } from '../../csv/csv-download-stream';
import { customFieldCell } from '../../csv/custom-field-cell';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../database/typed-sql';
import { toPublicId } from '../../ids';
import { minorToMajorUnits } from '../../money/major-units';
import type { ListDealsQuery } from '../../schemas/deal';
import type { DealsTableParams } from '../../schemas/deals-table';
import { loadDealsTableConversion } from './deals-table-conversion';
import { type DealsTableKey, dealsTableOrderSql } from './deals-table-order-sql';
import { dealsTableFilterOf, dealsTableWhereSql } from './deals-table-where-sql';
import type { ServiceContext } from '../context';
import { listCustomFieldDefinitions } from '../custom-fields/list-custom-field-definitions';
import { DEAL as d } from './deal-view';
import { dealListQuery } from './list-deals';

// Deals as CSV (docs/decisions/024-streamed-export.md): the deals of a list — the API's filters or
// the table's and board's URL filters, each through its own list's filter SQL — read in keyset
// batches in the list's order (the table's own, deals-table-order-sql.ts) and written as they
// arrive, so memory stays flat for any count.
// The columns are the shared CSV contract the import reads back without a mapping.

/** Deals per query: big enough that per-query costs vanish, small enough to hold a batch lightly. */
export const DEAL_EXPORT_BATCH = 2_000;

export const DEAL_CSV_COLUMNS = [
  'ID',
  'Name',
  'Pipeline',
  'Stage',
  'Status',
  'Value',
  'Currency',
  'Expected close date',
  'Owner',
  'Owner email',
  'Contact',
  'Contact email',
  'Company',
  'Company domain',
  'Lost reason',
  'Closed at',
  'Created at',
  'Source',
  'External ID',
] as const;

/** Which deals: the API list's query, or the deals table's (and board's) URL filters. */
export type DealExportFilter = { kind: 'list'; query: ListDealsQuery } | { kind: 'table'; params: DealsTableParams };

const p = tableAs('pipelines', 'p');
const s = tableAs('stages', 's');
const u = tableAs('users', 'u');
const c = tableAs('contacts', 'c');
const co = tableAs('companies', 'co');

const ISO_SECONDS = sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS"Z"'`);

interface Row {
  id: number;
  /** the row's cells as a JSON array text, written by PostgreSQL (see CELLS) */
  cells: string;
  /** the sort column's cursor value */
  sortValue: string | number;
}

/** The cells after the ID as PostgreSQL writes them: value as text (a bigint), custom fields as JSON. */
type Cells = [
  name: string,
  pipeline: string,
  stage: string,
  status: string,
  value: string,
  currency: string,
  expectedClose: string | null,
  ownerName: string | null,
  ownerEmail: string | null,
  contactName: string | null,
  contactEmail: string | null,
  companyName: string | null,
  companyDomain: string | null,
  lostReason: string | null,
  closedAt: string | null,
  createdAt: string,
  source: string | null,
  externalId: string | null,
  customFields: Record<string, unknown> | null,
];

/** One way of reading the deals in batches: the WHERE and ORDER BY of the batch after a cursor, and the next cursor. */
interface DealBatches<Cursor> {
  batch(after: Cursor | null): { where: RawBuilder<unknown>; orderBy: RawBuilder<unknown>; sortKey: RawBuilder<unknown> };
  cursorAfter(last: Row): Cursor;
}

/** The API list's filters and order, by its own keyset cursor. */
function listBatches(query: ListDealsQuery): DealBatches<string> {
  return {
    batch(after) {
      const { where, orderBy, column } = dealListQuery({ ...query, cursor: after ?? undefined });
      return { where, orderBy, sortKey: column.text };
    },
    cursorAfter: (last) => encodeCursor({ s: query.sort, v: String(last.sortValue), id: last.id }),
  };
}

/** The table's (and board's) URL filters, in the table's order (value by today's converted value), by a keyset on its sort key. */
async function tableBatches(params: DealsTableParams): Promise<DealBatches<DealsTableKey>> {
  const { converted } = await loadDealsTableConversion();
  const order = dealsTableOrderSql(params.sort, params.dir, converted);
  const filter = dealsTableWhereSql(dealsTableFilterOf(params));
  return {
    batch: (after) => ({ where: after ? sql`${filter} AND ${order.after(after)}` : filter, orderBy: order.orderBy, sortKey: sql`${order.keyJson}::text` }),
    cursorAfter: (last) => ({ key: JSON.parse(String(last.sortValue)) as (string | null)[], id: last.id }),
  };
}

/**
 * The filtered deals as a CSV stream, in the list's order. Every role reads every deal (as the lists
 * do: docs/decisions/003-permissions.md), so the filter alone decides the rows.
 */
export async function exportDealsCsv({ ctx, input }: { ctx: ServiceContext; input: { filter: DealExportFilter } }): Promise<ReadableStream<Uint8Array>> {
  const definitions = await listCustomFieldDefinitions({ ctx });
  const header = [...DEAL_CSV_COLUMNS, ...definitions.map((definition) => definition.label)];
  const { filter } = input;
  if (filter.kind === 'list') return dealsCsvStream(header, definitions, listBatches(filter.query));
  return dealsCsvStream(header, definitions, await tableBatches(filter.params));
}

function dealsCsvStream<Cursor>(header: string[], definitions: { key: string; type: string }[], batches: DealBatches<Cursor>): ReadableStream<Uint8Array> {
  return csvDownloadStream<Cursor>(header, async (cursor) => {
    const { where, orderBy, sortKey } = batches.batch(cursor);
    // one JSON array text per deal instead of 21 columns: Prisma's raw rows cost ~70 µs a deal with
    // the columns apart (7 s of a 100,000-deal export) and ~15 µs as one text, parse included
    const rows = await queryRows<Row>(
      db,
      sql`
      SELECT ${d('id')}, json_build_array(
               ${d('name')}, ${p('name')}, ${s('name')}, ${d('status')}::text, ${d('value')}::text, ${d('currency')},
               to_char(${d('expected_close')}, 'YYYY-MM-DD'), ${u('name')}, ${u('email')},
               trim(${c('first_name')} || ' ' || ${c('last_name')}), ${c('email')}, ${co('name')}, ${co('domain')},
               ${d('lost_reason')}, to_char(${d('closed_at')}, ${ISO_SECONDS}), to_char(${d('created_at')}, ${ISO_SECONDS}),
               ${d('source')}, ${d('external_id')}, ${d('custom_fields')}
             )::text AS cells, ${sortKey} AS "sortValue"
      FROM ${d.from}
      JOIN ${p.from} ON ${p('id')} = ${d('pipeline_id')}
      JOIN ${s.from} ON ${s('id')} = ${d('stage_id')}
      LEFT JOIN ${u.from} ON ${u('id')} = ${d('owner_id')}
      LEFT JOIN ${c.from} ON ${c('id')} = ${d('contact_id')} AND ${c('deleted_at')} IS NULL
      LEFT JOIN ${co.from} ON ${co('id')} = ${d('company_id')} AND ${co('deleted_at')} IS NULL
      WHERE ${where}
      ORDER BY ${orderBy}
      LIMIT ${DEAL_EXPORT_BATCH}`,
    );
    const last = rows.at(-1);
    return {
      rows: rows.map((row) => dealCells(row, definitions)),
      next: rows.length < DEAL_EXPORT_BATCH || !last ? null : batches.cursorAfter(last),
    };
  });
}

function dealCells(row: Row, definitions: { key: string; type: string }[]): CsvCell[] {
  const cells = JSON.parse(row.cells) as Cells;
  const custom = cells[18] ?? {};
  return [
    toPublicId('deal', row.id),
    ...cells.slice(0, 4),
    minorToMajorUnits(BigInt(cells[4]), cells[5]),
    ...cells.slice(5, 18),
    ...definitions.map((definition) => customFieldCell(definition.type, custom[definition.key])),
  ] as CsvCell[];
}
