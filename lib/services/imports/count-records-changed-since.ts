import 'server-only';
import { queryRows } from '../../database/run-sql';
import { sql } from '../../database/typed-sql';
import { db } from '../../db';

/**
 * How many of the records an import created or updated changed after it finished, by anyone or
 * anything, as the change record tells: for a deal, any change to it or to what belongs to it (line
 * items, activities, tasks, links); for a contact or company, to itself. Undo puts those records
 * back as they were before the import, or removes them, so their later changes would go too: the
 * undo dialog and the API say how many there are first.
 */
export async function countRecordsChangedSince(importId: number, finishedAt: Date): Promise<number> {
  const since = finishedAt.toISOString();
  const [row] = await queryRows<{ changed: number }>(
    db,
    sql`SELECT COUNT(*)::int AS changed FROM import_records r
        WHERE r.import_id = ${importId}::int AND CASE WHEN r.record_type = 'deal'
          THEN EXISTS (SELECT 1 FROM change_events e WHERE e.deal_id = r.record_id AND e.occurred_at > ${since}::timestamp(3))
          ELSE EXISTS (SELECT 1 FROM change_events e WHERE e.record_type = r.record_type AND e.record_id = r.record_id::text AND e.occurred_at > ${since}::timestamp(3))
        END`,
  );
  return row?.changed ?? 0;
}
