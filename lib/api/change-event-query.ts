import 'server-only';
import type { EventStreamQuery, ListEventsQuery } from '../schemas/change-event';
import type { ChangeEventFilter } from '../services/change-events/change-event-filter';

/** The event API's query string as the services' filter. */
export function changeEventFilterOf(query: ListEventsQuery | EventStreamQuery): ChangeEventFilter {
  return {
    types: query.types,
    recordType: query.record_type,
    recordId: query.record_id,
    actorUserId: query.user_id,
    occurredFrom: query.occurred_after,
    occurredBefore: query.occurred_before,
  };
}
