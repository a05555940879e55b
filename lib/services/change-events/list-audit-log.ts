import 'server-only';
import { db } from '../../db';
import type { ChangeEventRow } from '../../change-record/read-change-events';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';
import { selectChangeEvents, type ChangeEventFilter } from './change-event-filter';

/**
 * Settings → Audit log: every event matching the filter, newest first, a page at a time by keyset
 * on the id (`before`: the last id of the previous page), so events committed while an admin reads
 * never shift the pages. Admins only. `nextBefore` is null on the last page.
 */
export async function listAuditLog({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { filter: ChangeEventFilter; before?: bigint; limit: number };
}): Promise<{ events: ChangeEventRow[]; nextBefore: bigint | null }> {
  assertAdmin(ctx, 'read the audit log');
  const { where } = selectChangeEvents(ctx, input.filter);
  const rows = await db.changeEvent.findMany({
    where: { ...where, ...(input.before !== undefined ? { id: { lt: input.before } } : {}) },
    orderBy: { id: 'desc' },
    take: input.limit + 1,
  });
  const events = rows.slice(0, input.limit);
  return { events, nextBefore: rows.length > input.limit ? (events.at(-1)?.id ?? null) : null };
}
