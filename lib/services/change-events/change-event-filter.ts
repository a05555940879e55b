import 'server-only';
import { CHANGE_EVENT_TYPES } from '../../change-record/event-types';
import { mayReadRecordType, visibleRecordTypes } from '../../change-record/event-visibility';
import type { ChangeEventRow } from '../../change-record/read-change-events';
import { storedRecordId } from '../../change-record/record-id';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { typesSelectedBy, type EventTypeFilter } from '../../schemas/change-event';
import type { ServiceContext } from '../context';

// One filter over the change record, as a database condition (pages, catch-up) and as a test of a
// single event (the live stream hands events one by one): both built here, from the same input, so
// the stream's live events and its catch-up can never disagree. The reader's role narrows both
// (lib/change-record/event-visibility.ts). Asking by name for what the role may not read is refused
// (403) instead of answered with nothing, so an integration learns why; an open query is filtered.

export interface ChangeEventFilter {
  types?: EventTypeFilter;
  recordType?: string;
  /** the record's public ID (deal_…); needs recordType */
  recordId?: string;
  actorUserId?: number;
  /** at or after */
  occurredFrom?: Date;
  /** before */
  occurredBefore?: Date;
  dealId?: number;
}

export interface ChangeEventSelection {
  where: Prisma.ChangeEventWhereInput;
  matches: (event: ChangeEventRow) => boolean;
}

const RECORD_TYPE_OF = new Map(CHANGE_EVENT_TYPES.map((entry) => [entry.type, entry.recordType]));

function roleName(ctx: ServiceContext): string {
  return ctx.user.role === 'admin' ? 'an admin' : `a ${ctx.user.role}`;
}

export function selectChangeEvents(ctx: ServiceContext, filter: ChangeEventFilter): ChangeEventSelection {
  const role = ctx.user.role;
  const visible = visibleRecordTypes(role);

  if (filter.recordType !== undefined && !mayReadRecordType(role, filter.recordType)) {
    throw new AppError('forbidden', `The changes of ${filter.recordType} records are not visible to ${roleName(ctx)}.`);
  }
  let types: Set<string> | null = null;
  if (filter.types) {
    const selected = typesSelectedBy(filter.types);
    const hidden = selected.filter((type) => !mayReadRecordType(role, RECORD_TYPE_OF.get(type) ?? type));
    // a family (deal.*) is narrowed to what the role reads; a type named outright that it may not read is refused
    const namedHidden = hidden.filter((type) => filter.types!.exact.includes(type));
    if (namedHidden.length > 0 || hidden.length === selected.length) {
      throw new AppError('forbidden', `${(namedHidden.length > 0 ? namedHidden : hidden).join(', ')} events are not visible to ${roleName(ctx)}.`, [
        { path: 'types', message: 'Not visible to your role' },
      ]);
    }
    types = new Set(selected.filter((type) => !hidden.includes(type)));
  }
  let recordId: string | null = null;
  if (filter.recordId !== undefined) {
    recordId = filter.recordType === undefined ? null : storedRecordId(filter.recordType, filter.recordId);
    if (recordId === null) {
      throw new AppError('validation_failed', 'The query string is not valid.', [
        { path: 'record_id', message: `Not the ID of a ${filter.recordType ?? 'record'} record` },
      ]);
    }
  }

  const where: Prisma.ChangeEventWhereInput = {
    ...(visible ? { recordType: filter.recordType ?? { in: [...visible] } } : filter.recordType ? { recordType: filter.recordType } : {}),
    ...(types ? { type: { in: [...types] } } : {}),
    ...(recordId !== null ? { recordId } : {}),
    ...(filter.actorUserId !== undefined ? { actorUserId: filter.actorUserId } : {}),
    ...(filter.dealId !== undefined ? { dealId: filter.dealId } : {}),
    ...(filter.occurredFrom || filter.occurredBefore
      ? { occurredAt: { ...(filter.occurredFrom ? { gte: filter.occurredFrom } : {}), ...(filter.occurredBefore ? { lt: filter.occurredBefore } : {}) } }
      : {}),
  };
  const matches = (event: ChangeEventRow) =>
    mayReadRecordType(role, event.recordType) &&
    (filter.recordType === undefined || event.recordType === filter.recordType) &&
    (types === null || types.has(event.type)) &&
    (recordId === null || event.recordId === recordId) &&
    (filter.actorUserId === undefined || event.actorUserId === filter.actorUserId) &&
    (filter.dealId === undefined || event.dealId === filter.dealId) &&
    (!filter.occurredFrom || event.occurredAt >= filter.occurredFrom) &&
    (!filter.occurredBefore || event.occurredAt < filter.occurredBefore);
  return { where, matches };
}
