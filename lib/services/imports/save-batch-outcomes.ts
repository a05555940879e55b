import 'server-only';
import { queryRows } from '../../database/run-sql';
import { sql } from '../../database/typed-sql';
import type { DbClient } from '../deals/resolve-deal-references';
import type { RecordChange, RowOutcome } from './write-import-batch';

// A written batch's bookkeeping, in the batch's own transaction: each row's outcome, the records it
// created or updated (for undo), and the import's progress and counts.

export async function saveBatchOutcomes(tx: DbClient, importId: number, outcomes: RowOutcome[], changes: RecordChange[]): Promise<void> {
  if (outcomes.length > 0) {
    await queryRows(
      tx,
      sql`INSERT INTO import_rows (import_id, row_number, outcome, record_id, reason, cells)
          SELECT ${importId}::int, r.row_number, r.outcome::"ImportRowOutcome", r.record_id, r.reason, r.cells
          FROM jsonb_to_recordset(${JSON.stringify(
            outcomes.map((o) => ({ row_number: o.rowNumber, outcome: o.outcome, record_id: o.recordId, reason: o.reason, cells: o.cells })),
          )}::jsonb) AS r(row_number int, outcome text, record_id int, reason text, cells jsonb)
          ON CONFLICT DO NOTHING`,
    );
  }
  if (changes.length > 0) {
    await queryRows(
      tx,
      sql`INSERT INTO import_records (import_id, record_type, record_id, action, previous)
          SELECT ${importId}::int, r.record_type, r.record_id, r.action, r.previous
          FROM jsonb_to_recordset(${JSON.stringify(
            changes.map((c) => ({ record_type: c.recordType, record_id: c.recordId, action: c.action, previous: c.previous })),
          )}::jsonb) AS r(record_type text, record_id int, action text, previous jsonb)
          ON CONFLICT DO NOTHING`,
    );
  }
  const count = (kind: RowOutcome['outcome']) => outcomes.filter((o) => o.outcome === kind).length;
  const lastRow = outcomes.reduce((max, o) => Math.max(max, o.rowNumber), 0);
  await tx.import.updateMany({
    where: { id: importId },
    data: {
      doneRows: { increment: outcomes.length },
      createdCount: { increment: count('created') },
      updatedCount: { increment: count('updated') },
      skippedCount: { increment: count('skipped') },
      rejectedCount: { increment: count('rejected') },
      lastRow,
    },
  });
}
