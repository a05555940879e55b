import 'server-only';
import { setChangeActor } from '../../change-record/change-actor';
import { queryRows } from '../../database/run-sql';
import { sql } from '../../database/typed-sql';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { assertMayImportRecords } from '../permissions';
import { getImport, importNotFound } from './get-import';
import { type ImportView, UNDO_DAYS, undoDeadline } from './import-view';

const UNDO_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Undoes a finished import within 7 days, as a whole, in one transaction: the records it updated
 * get their previous values back (a deal it moved moves back, with its stage-history row), and the
 * records it created are removed (their deals' links and history with them). The change record's
 * triggers record every one of these writes, as the acting user's, through the import channel.
 */
export async function undoImport({ ctx, input }: { ctx: ServiceContext; input: { importId: number } }): Promise<ImportView> {
  assertMayImportRecords(ctx);
  const found = await db.import.findUnique({ where: { id: input.importId }, select: { status: true, finishedAt: true } });
  if (!found) throw importNotFound(input.importId);
  if (found.status === 'undone') throw new AppError('conflict', 'This import has been undone already.');
  if (found.status !== 'done') throw new AppError('conflict', `Only a finished import can be undone; this one is ${found.status}.`);
  if (!undoDeadline(found.finishedAt, found.status))
    throw new AppError('conflict', `An import can be undone for ${UNDO_DAYS} days after it finished; this one is older.`);
  const importCtx: ServiceContext = { ...ctx, source: 'import', channel: 'import' };
  const now = new Date().toISOString();
  await db.$transaction(
    async (tx) => {
      await setChangeActor(tx, importCtx);
      const claimed = await tx.import.updateMany({ where: { id: input.importId, status: 'done' }, data: { status: 'undone', undoneAt: new Date() } });
      if (claimed.count !== 1) throw new AppError('conflict', 'This import is being undone already.');
      const id = input.importId;
      // a deal the import moved moves back: one history row for the move
      await queryRows(
        tx,
        sql`INSERT INTO stage_history (deal_id, from_stage_id, from_pipeline_id, to_stage_id, to_pipeline_id, changed_at, changed_by_id, source, value, currency, probability)
            SELECT d.id, d.stage_id, d.pipeline_id, p.stage_id, p.pipeline_id, ${now}::timestamp(3), ${ctx.user.id}::int, 'import'::"ChangeSource", p.value, p.currency, s.probability
            FROM import_records r
            CROSS JOIN LATERAL jsonb_populate_record(NULL::deals, r.previous) p
            JOIN deals d ON d.id = r.record_id
            JOIN stages s ON s.id = p.stage_id
            WHERE r.import_id = ${id}::int AND r.record_type = 'deal' AND r.action = 'updated' AND d.stage_id <> p.stage_id
            ORDER BY d.id`,
      );
      await queryRows(
        tx,
        sql`UPDATE deals d SET name = p.name, pipeline_id = p.pipeline_id, stage_id = p.stage_id, position = p.position, stage_entered_at = p.stage_entered_at,
                contact_id = p.contact_id, company_id = p.company_id, value = p.value, currency = p.currency, status = p.status, lost_reason = p.lost_reason,
                expected_close = p.expected_close, closed_at = p.closed_at, owner_id = p.owner_id, external_owner = p.external_owner, source = p.source,
                custom_fields = p.custom_fields, version = d.version + 1, updated_at = ${now}::timestamp(3)
            FROM import_records r CROSS JOIN LATERAL jsonb_populate_record(NULL::deals, r.previous) p
            WHERE r.import_id = ${id}::int AND r.record_type = 'deal' AND r.action = 'updated' AND d.id = r.record_id`,
      );
      await queryRows(
        tx,
        sql`UPDATE contacts c SET first_name = p.first_name, last_name = p.last_name, email = p.email, phone = p.phone, company_id = p.company_id,
                external_id = p.external_id, updated_at = ${now}::timestamp(3)
            FROM import_records r CROSS JOIN LATERAL jsonb_populate_record(NULL::contacts, r.previous) p
            WHERE r.import_id = ${id}::int AND r.record_type = 'contact' AND r.action = 'updated' AND c.id = r.record_id`,
      );
      await queryRows(
        tx,
        sql`UPDATE companies c SET name = p.name, domain = p.domain, external_id = p.external_id, updated_at = ${now}::timestamp(3)
            FROM import_records r CROSS JOIN LATERAL jsonb_populate_record(NULL::companies, r.previous) p
            WHERE r.import_id = ${id}::int AND r.record_type = 'company' AND r.action = 'updated' AND c.id = r.record_id`,
      );
      // the links an update added to deals that stay
      await queryRows(
        tx,
        sql`DELETE FROM deal_contacts l USING import_records r, jsonb_populate_record(NULL::deals, r.previous) p
            WHERE r.import_id = ${id}::int AND r.record_type = 'deal' AND r.action = 'updated' AND l.deal_id = r.record_id
              AND l.contact_id IS DISTINCT FROM p.contact_id AND l.created_at >= (SELECT created_at FROM imports WHERE id = ${id}::int)`,
      );
      await queryRows(
        tx,
        sql`DELETE FROM deal_companies l USING import_records r, jsonb_populate_record(NULL::deals, r.previous) p
            WHERE r.import_id = ${id}::int AND r.record_type = 'deal' AND r.action = 'updated' AND l.deal_id = r.record_id
              AND l.company_id IS DISTINCT FROM p.company_id AND l.created_at >= (SELECT created_at FROM imports WHERE id = ${id}::int)`,
      );
      for (const table of ['deal', 'contact', 'company'] as const) {
        const target = table === 'deal' ? sql`deals` : table === 'contact' ? sql`contacts` : sql`companies`;
        await queryRows(
          tx,
          sql`DELETE FROM ${target} t USING import_records r
              WHERE r.import_id = ${id}::int AND r.record_type = ${table} AND r.action = 'created' AND t.id = r.record_id`,
        );
      }
    },
    { timeout: UNDO_TIMEOUT_MS, maxWait: 60_000 },
  );
  return getImport({ ctx, input });
}
