import 'server-only';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { listCustomFieldDefinitions } from '../custom-fields/list-custom-field-definitions';
import { validateCustomFieldValues, type CustomFieldDefinitionLike } from '../custom-fields/validate-custom-field-values';
import { getLostReasonPolicy } from '../lost-reasons/get-lost-reason-policy';

/**
 * Rules on a deal's loss reason and custom field values that depend on workspace configuration:
 * the lost-reason list and its free-text setting, and the custom field definitions.
 * Returns the loss reason as stored and the deal's complete custom field values.
 */
export async function validateDealExtras({
  ctx,
  status,
  lossReason,
  customFields,
  existingCustomFields,
  partial,
  tx,
  definitions: knownDefinitions,
}: {
  ctx: ServiceContext;
  /** the caller's transaction, when inside one (required then: see listCustomFieldDefinitions) */
  tx?: Prisma.TransactionClient;
  status: 'open' | 'won' | 'lost' | 'stalled';
  lossReason: string | null | undefined;
  customFields: Record<string, unknown> | undefined;
  existingCustomFields: Record<string, unknown>;
  partial: boolean;
  /** the deal custom field definitions when the caller read them already (with the stage, on create) */
  definitions?: readonly CustomFieldDefinitionLike[];
}): Promise<{ lossReason: string | null | undefined; customFields: Record<string, unknown> }> {
  let storedReason = lossReason;
  if (status === 'lost' && lossReason) {
    const policy = await getLostReasonPolicy({ ctx, tx });
    const match = policy.activeLabels.find((label) => label.toLowerCase() === lossReason.toLowerCase());
    if (match) storedReason = match;
    else if (!policy.allowFreeText) {
      throw new AppError('unprocessable', `"${lossReason}" is not one of the lost reasons: ${policy.activeLabels.join(', ')}.`, [
        { path: 'loss_reason', message: `Must be one of: ${policy.activeLabels.join(', ')}` },
      ]);
    }
  }
  let merged = { ...existingCustomFields };
  // a create checks required fields even when none were sent; an update only what it sends
  if (customFields !== undefined || !partial) {
    const definitions = knownDefinitions ?? (await listCustomFieldDefinitions({ ctx, tx }));
    if (definitions.length > 0 || (customFields && Object.keys(customFields).length > 0)) {
      const result = validateCustomFieldValues(definitions, customFields ?? {}, { partial });
      if (result.errors.length > 0) {
        throw new AppError('validation_failed', `${result.errors.map((e) => e.message).join('; ')}.`, result.errors);
      }
      merged = { ...merged, ...result.values };
      for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
    }
  }
  return { lossReason: storedReason, customFields: merged };
}
