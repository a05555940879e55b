import type { z } from 'zod';
import type { LostReason } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import type { lostReasonSchema, lostReasonSettingsSchema } from '../../schemas/lost-reason';
import type { LostReasonSettings } from '../../services/settings/lost-reason-settings';
import { isoSeconds } from '../format';

// Lost reason rows and the lost-reason setting → API JSON.

export type LostReasonJson = z.output<typeof lostReasonSchema>;
export type LostReasonSettingsJson = z.output<typeof lostReasonSettingsSchema>;

export function serializeLostReason(reason: LostReason): LostReasonJson {
  return {
    id: toPublicId('lostReason', reason.id),
    number: reason.id,
    label: reason.label,
    active: reason.active,
    position: reason.position,
    created_at: isoSeconds(reason.createdAt),
  };
}

export function serializeLostReasonSettings(settings: LostReasonSettings): LostReasonSettingsJson {
  return { allow_free_text: settings.allowFreeText };
}
