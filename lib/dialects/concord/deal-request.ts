import 'server-only';
import { CONCORD_DEAL_BODY_KEYS, type ConcordUpdateDealBody } from './schemas';
import type { ServiceContext } from '../../services/context';
import { getConcordDeal } from './services/list-concord-deals';
import type { ConcordDealFields } from './services/save-concord-deal';
import { listCustomFieldDefinitions } from '../../services/custom-fields/list-custom-field-definitions';
import { validationError, type ConcordErrors } from './errors';
import { concordData } from './concord-data-response';
import { serializeConcordDeal } from './serialize';

// Pieces the Concord deal handlers share: custom field keys (top-level keys in Concord's bodies and
// answers), a parsed body as the service's input, and the answer with one deal.

/** The deal custom field keys, in the definitions' order. */
export async function customFieldKeysOf(ctx: ServiceContext): Promise<string[]> {
  return (await listCustomFieldDefinitions({ ctx })).map((definition) => definition.key);
}

// read-only fields of the answer: a client may send back a deal it read; they are ignored
const READ_ONLY_KEYS: ReadonlySet<string> = new Set([
  'id',
  'display_name',
  'won_date',
  'lost_date',
  'stage_changed_date',
  'board_order',
  'activities',
  'created_at',
  'updated_at',
]);

/**
 * A parsed Concord deal body as the service's input: the document's fields, and every other key as a
 * custom field value. A key that is neither (a typo such as "ammount") is a 422 naming it.
 */
export function dealFieldsFromBody(data: ConcordUpdateDealBody, raw: Record<string, unknown>, customFieldKeys: readonly string[]): ConcordDealFields {
  const customKeys = new Set(customFieldKeys);
  const customFields: Record<string, unknown> = {};
  const errors: ConcordErrors = {};
  for (const [key, value] of Object.entries(raw)) {
    if (CONCORD_DEAL_BODY_KEYS.has(key) || READ_ONLY_KEYS.has(key)) continue;
    if (customKeys.has(key)) customFields[key] = value;
    else errors[key] = [`The ${key.replace(/_/g, ' ')} field is not a deal field or a custom field key.`];
  }
  if (Object.keys(errors).length > 0) throw validationError(errors);
  return {
    name: data.name,
    stage_id: data.stage_id,
    pipeline_id: data.pipeline_id,
    amount: data.amount,
    currency: data.currency,
    expected_close_date: data.expected_close_date,
    user_id: data.user_id,
    status: data.status,
    lost_reason: data.lost_reason,
    billable: data.billable,
    contacts: data.contacts,
    companies: data.companies,
    custom_fields: Object.keys(customFields).length > 0 ? customFields : undefined,
  };
}

/** `{"data": deal}` of the deal as it is now. */
export async function dealResponse(ctx: ServiceContext, dealId: number, customFieldKeys: readonly string[], status = 200): Promise<Response> {
  const record = await getConcordDeal({ ctx, input: { dealId } });
  return concordData(serializeConcordDeal(record, customFieldKeys), status);
}
