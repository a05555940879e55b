import type { PublicChangeEvent } from './present-change-event';

// Where a person sees the record an event is about, when it has a page: the deal (for a deal and
// everything that belongs to one), the contact, the company, the pipeline's settings. Pure.

export function recordHref(event: PublicChangeEvent): string | null {
  const deleted = event.type.endsWith('.deleted');
  switch (event.record.type) {
    case 'deal':
      return deleted ? null : `/deals/${event.record.id}`;
    case 'contact':
      return deleted ? null : `/contacts/${event.record.id}`;
    case 'company':
      return deleted ? null : `/companies/${event.record.id}`;
    case 'pipeline':
      return deleted ? null : `/settings/pipelines/${event.record.id}`;
    case 'webhook_endpoint':
      return '/settings/webhooks';
    case 'stage':
      return event.pipeline_id ? `/settings/pipelines/${event.pipeline_id}` : null;
    default:
      return event.deal_id ? `/deals/${event.deal_id}` : null;
  }
}
