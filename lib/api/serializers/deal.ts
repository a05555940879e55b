import { toPublicId } from '../../ids';
import type { DealView } from '../../services/deals/deal-view';
import { isoSeconds, minorUnits, publicIdOrNull, wholeDaysSince } from '../format';

/** A deal in the native API's shape (rex-deals-api.md); `relationships` on single-deal answers. */
export function serializeDeal(deal: DealView, options: { relationships?: boolean; now?: Date } = {}) {
  const now = options.now ?? new Date();
  const body: Record<string, unknown> = {
    id: toPublicId('deal', deal.id),
    number: deal.id,
    name: deal.name,
    pipeline_id: toPublicId('pipeline', deal.pipelineId),
    stage_id: toPublicId('stage', deal.stageId),
    contact_id: publicIdOrNull('contact', deal.contactId),
    company_id: publicIdOrNull('company', deal.companyId),
    value: minorUnits(deal.value),
    currency: deal.currency,
    status: deal.status,
    loss_reason: deal.lostReason,
    expected_close: isoSeconds(deal.expectedClose),
    closed_at: isoSeconds(deal.closedAt),
    owner_id: publicIdOrNull('user', deal.ownerId),
    source: deal.source,
    deal_type: deal.dealType,
    external_id: deal.externalId,
    position: deal.position,
    stage_entered_at: isoSeconds(deal.stageEnteredAt),
    last_activity_at: isoSeconds(deal.lastActivityAt),
    days_in_stage: wholeDaysSince(deal.stageEnteredAt, now),
    deal_age_days: wholeDaysSince(deal.createdAt, now),
    metadata: deal.metadata ?? {},
    custom_fields: deal.customFields ?? {},
  };
  if (options.relationships) body.relationships = dealRelationships(deal);
  body.created_at = isoSeconds(deal.createdAt);
  body.updated_at = isoSeconds(deal.updatedAt);
  return body;
}

function dealRelationships(deal: DealView) {
  const relationships: Record<string, { type: string; id: string; name: string }> = {};
  if (deal.contactId !== null) relationships.contact = { type: 'contact', id: toPublicId('contact', deal.contactId), name: deal.contactName ?? '' };
  if (deal.companyId !== null) relationships.company = { type: 'company', id: toPublicId('company', deal.companyId), name: deal.companyName ?? '' };
  relationships.pipeline = { type: 'pipeline', id: toPublicId('pipeline', deal.pipelineId), name: deal.pipelineName };
  relationships.stage = { type: 'stage', id: toPublicId('stage', deal.stageId), name: deal.stageName };
  return relationships;
}

/** The single-deal answer: `{"data": deal with relationships, "included": [contact, company]}`. */
export function dealDocument(deal: DealView) {
  const data = serializeDeal(deal, { relationships: true });
  const relationships = data.relationships as Record<string, { type: string; id: string; name: string }>;
  const included = [relationships.contact, relationships.company].filter((r) => r !== undefined);
  return { data, included };
}
