import 'server-only';
import { db } from '../../db';
import { csvDownloadStream } from '../../csv/csv-download-stream';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { contactsTableWhere } from './list-contacts-table';

// Contacts as CSV (docs/decisions/024-streamed-export.md): the /contacts table's search, every
// matching contact oldest first, read in keyset batches by ID and written as they arrive.

export const CONTACT_EXPORT_BATCH = 2_000;

export const CONTACT_CSV_COLUMNS = ['ID', 'First name', 'Last name', 'Email', 'Phone', 'Company', 'Company domain', 'External ID', 'Created at'];

const c = tableAs('contacts', 'c');
const co = tableAs('companies', 'co');
const ISO_SECONDS = sql.raw(`'YYYY-MM-DD"T"HH24:MI:SS"Z"'`);

interface Row {
  id: number;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  companyName: string | null;
  companyDomain: string | null;
  externalId: string | null;
  createdAt: string;
}

/** The contacts matching the table's search as a CSV stream. Every role reads every contact. */
export function exportContactsCsv({ ctx, input }: { ctx: ServiceContext; input: { q?: string } }): ReadableStream<Uint8Array> {
  void ctx; // every role can read every contact
  const where = contactsTableWhere(input.q);
  return csvDownloadStream<number>(CONTACT_CSV_COLUMNS, async (afterId) => {
    const rows = await queryRows<Row>(
      db,
      sql`
      SELECT ${c('id')}, ${c('first_name')} AS "firstName", ${c('last_name')} AS "lastName", ${c('email')}, ${c('phone')},
             ${co('name')} AS "companyName", ${co('domain')} AS "companyDomain", ${c('external_id')} AS "externalId",
             to_char(${c('created_at')}, ${ISO_SECONDS}) AS "createdAt"
      FROM ${c.from}
      LEFT JOIN ${co.from} ON ${co('id')} = ${c('company_id')} AND ${co('deleted_at')} IS NULL
      WHERE ${where} AND ${c('id')} > ${afterId ?? 0}
      ORDER BY ${c('id')}
      LIMIT ${CONTACT_EXPORT_BATCH}`,
    );
    return {
      rows: rows.map((row) => [
        toPublicId('contact', row.id),
        row.firstName,
        row.lastName,
        row.email,
        row.phone,
        row.companyName,
        row.companyDomain,
        row.externalId,
        row.createdAt,
      ]),
      next: rows.length < CONTACT_EXPORT_BATCH ? null : (rows.at(-1)?.id ?? null),
    };
  });
}
