import type { Activity } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import type { ActivityJson } from '../../schemas/activity';
import { isoSeconds, publicIdOrNull } from '../format';

/** Activity row → API JSON: the rex-deals-api.md item plus number, deal_id, body and owner_id. */
export function serializeActivity(activity: Activity): ActivityJson {
  return {
    id: toPublicId('activity', activity.id),
    number: activity.id,
    deal_id: publicIdOrNull('deal', activity.dealId),
    type: activity.type,
    status: activity.status,
    subject: activity.subject,
    body: activity.body,
    occurred_at: isoSeconds(activity.occurredAt),
    owner_id: publicIdOrNull('user', activity.ownerId),
    created_at: isoSeconds(activity.createdAt),
    updated_at: isoSeconds(activity.updatedAt),
  };
}
