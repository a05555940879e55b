import type { CustomFieldDefinition } from '../../generated/prisma/client';
import { toPublicId } from '../../ids';
import type { CustomFieldJson } from '../../schemas/custom-field';
import { selectOptions } from '../../services/custom-fields/validate-custom-field-values';
import { isoSeconds } from '../format';

/** Custom field definition row → API JSON (snake_case); options always an array ([] unless select). */
export function serializeCustomField(definition: CustomFieldDefinition): CustomFieldJson {
  return {
    id: toPublicId('customField', definition.id),
    number: definition.id,
    key: definition.key,
    label: definition.label,
    type: definition.type,
    options: selectOptions(definition.options),
    required: definition.required,
    position: definition.position,
    created_at: isoSeconds(definition.createdAt),
    updated_at: isoSeconds(definition.updatedAt),
  };
}
