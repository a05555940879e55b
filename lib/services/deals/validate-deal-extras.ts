import 'server-only';
import type { ServiceContext } from '../context';

/**
 * Rules on a deal's loss reason and custom field values that depend on workspace configuration
 * (the lost-reason list and its free-text setting; custom field definitions).
 */
export async function validateDealExtras({
  lossReason,
  customFields,
  existingCustomFields,
}: {
  ctx: ServiceContext;
  status: 'open' | 'won' | 'lost' | 'stalled';
  lossReason: string | null | undefined;
  customFields: Record<string, unknown> | undefined;
  existingCustomFields: Record<string, unknown>;
  partial: boolean;
}): Promise<{ lossReason: string | null | undefined; customFields: Record<string, unknown> }> {
  return { lossReason, customFields: { ...existingCustomFields, ...(customFields ?? {}) } };
}
