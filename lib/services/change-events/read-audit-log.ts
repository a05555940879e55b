import 'server-only';
import type { ChangeNames } from '../../change-record/describe-change';
import { presentChangeEvent, type PublicChangeEvent } from '../../change-record/present-change-event';
import type { ServiceContext } from '../context';
import type { ChangeEventFilter } from './change-event-filter';
import { listAuditLog } from './list-audit-log';
import { resolveChangeNames } from './resolve-change-names';

export interface AuditLogPage {
  events: PublicChangeEvent[];
  names: ChangeNames;
  /** the `before` of the next (older) page, or null on the last */
  nextBefore: string | null;
}

/** A page of Settings → Audit log (admins), newest first, with the names the events mention. */
export async function readAuditLog({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { filter: ChangeEventFilter; before?: bigint; limit: number };
}): Promise<AuditLogPage> {
  const page = await listAuditLog({ ctx, input });
  const events = page.events.map(presentChangeEvent);
  return { events, names: await resolveChangeNames({ ctx, input: { events } }), nextBefore: page.nextBefore === null ? null : String(page.nextBefore) };
}
