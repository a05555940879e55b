import 'server-only';
import { db } from '../../db';
import { encodeCursor } from '../../api/pagination';
import type { CsvCell } from '../../csv/csv-line';
import { csvDownloadStream } from '../../csv/csv-download-stream';
import { customFieldCell } from '../../csv/custom-field-cell';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';
import { toPublicId } from '../../ids';
import { minorToMajorUnits } from '../../money/major-units';
import type { ListDealsQuery } from '../../schemas/deal';
import type { DealsTableParams, DealsTableSort } from '../../schemas/deals-table';
import { dealsTableFilterOf, dealsTableWhereSql } from './deals-table-where-sql';
import type { ServiceContext } from '../context';
import { listCustomFieldDefinitions } from '../custom-fields/list-custom-field-definitions';
import { DEAL as d } from './deal-view';
import { dealListQuery } from './list-deals';

// Deals as CSV (docs/decisions/024-streamed-export.md): the deals of a list — the API's filters or
// the table's and board's URL filters, each through its own list's filter SQL — read in keyset
// batches by the list's sort and ID and written as they arrive, so memory stays flat for any count.
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

// the table's columns that are also a list sort keep their order; the others (stage, status, owner,
// close date) export by last update, the table's default order
const TABLE_SORT_AS_LIST: Partial<Record<DealsTableSort, ListDealsQuery['sort']>> = {
  name: 'name',
  value: 'value',
  updated: 'updated_at',
  created: 'created_at',
};

function listSortOf(params: DealsTableParams): ListDealsQuery['sort'] {
  const field = TABLE_SORT_AS_LIST[params.sort];
  if (!field) return '-updated_at';
  return params.dir === 'desc' ? `-${field}` : field;
}

/** The WHERE and ORDER BY of the batch after `cursor`, and the sort column whose value makes the next cursor. */
function batchQuery(filter: DealExportFilter, cursor: string | undefined) {
  if (filter.kind === 'list') return { ...dealListQuery({ ...filter.query, cursor }), sort: filter.query.sort };
  const sort = listSortOf(filter.params);
  // the keyset alone (no list filter), joined to the table's own filter SQL
  const keyset = dealListQuery({ sort, limit: DEAL_EXPORT_BATCH, cursor });
  const where = sql`${dealsTableWhereSql(dealsTableFilterOf(filter.params))} AND ${keyset.where}`;
  return { where, orderBy: keyset.orderBy, column: keyset.column, sort };
}

/**
 * The filtered deals as a CSV stream, in the list's order. Every role reads every deal (as the lists
 * do: docs/decisions/003-permissions.md), so the filter alone decides the rows.
 */
export async function exportDealsCsv({ ctx, input }: { ctx: ServiceContext; input: { filter: DealExportFilter } }): Promise<ReadableStream<Uint8Array>> {
  const definitions = await listCustomFieldDefinitions({ ctx });
  const header = [...DEAL_CSV_COLUMNS, ...definitions.map((definition) => definition.label)];
  return csvDownloadStream<string>(header, async (cursor) => {
    const { where, orderBy, column, sort } = batchQuery(input.filter, cursor ?? undefined);
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
             )::text AS cells, ${column.text} AS "sortValue"
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
      next: rows.length < DEAL_EXPORT_BATCH || !last ? null : encodeCursor({ s: sort, v: String(last.sortValue), id: last.id }),
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
