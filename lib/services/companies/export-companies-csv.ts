import 'server-only';
import { db } from '../../db';
import { csvDownloadStream } from '../../csv/csv-download-stream';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { companiesTableWhere } from './list-companies-table';

// Companies as CSV (docs/decisions/024-streamed-export.md): the /companies table's search, every
// matching company oldest first, read in keyset batches by ID and written as they arrive.

export const COMPANY_EXPORT_BATCH = 2_000;

export const COMPANY_CSV_COLUMNS = ['ID', 'Name', 'Domain', 'External ID', 'Created at'];

const co = tableAs('companies', 'co');
const ISO_SECONDS = sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS"Z"'`);

interface Row {
  id: number;
  name: string;
  domain: string | null;
  externalId: string | null;
  createdAt: string;
}

/** The companies matching the table's search as a CSV stream. Every role reads every company. */
export function exportCompaniesCsv({ ctx, input }: { ctx: ServiceContext; input: { q?: string } }): ReadableStream<Uint8Array> {
  void ctx; // every role can read every company
  const where = companiesTableWhere(input.q);
  return csvDownloadStream<number>(COMPANY_CSV_COLUMNS, async (afterId) => {
    const rows = await queryRows<Row>(
      db,
      sql`
      SELECT ${co('id')}, ${co('name')}, ${co('domain')}, ${co('external_id')} AS "externalId", to_char(${co('created_at')}, ${ISO_SECONDS}) AS "createdAt"
      FROM ${co.from}
      WHERE ${where} AND ${co('id')} > ${afterId ?? 0}
      ORDER BY ${co('id')}
      LIMIT ${COMPANY_EXPORT_BATCH}`,
    );
    return {
      rows: rows.map((row) => [toPublicId('company', row.id), row.name, row.domain, row.externalId, row.createdAt]),
      next: rows.length < COMPANY_EXPORT_BATCH ? null : (rows.at(-1)?.id ?? null),
    };
  });
}
