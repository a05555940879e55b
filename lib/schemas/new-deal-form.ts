import { z } from 'zod';
import type { ErrorDetail } from '../errors';
import { parseMajorAmount } from '../money/amount-input';

// The "New deal" form and the board's quick-add send what people typed: text. These turn it into
// the API's create body (createDealBody parses it next, in the same action), collecting every
// problem by its field — the amount in its currency, custom field drafts — so the form shows them
// all at once, next to each field. Pure: the browser's custom field editors use the same rules.

export const CUSTOM_FIELD_DRAFT_MAX = 10_000;

/** A custom field as the form knows it. */
export interface CustomFieldForDraft {
  key: string;
  type: 'text' | 'number' | 'date' | 'boolean' | 'select';
}

/** An editor's text as the value the API takes: blank is null (cleared, or missing when required). */
export function customFieldValueFromDraft(definition: CustomFieldForDraft, draft: string): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = draft.trim();
  if (text === '') return { ok: true, value: null };
  switch (definition.type) {
    case 'number':
      if (!/^-?\d+(\.\d+)?$/.test(text)) return { ok: false, message: 'Enter a number such as 42 or 3.5' };
      return { ok: true, value: Number(text) };
    case 'boolean':
      return { ok: true, value: text === 'true' };
    default:
      return { ok: true, value: text };
  }
}

/** What the "New deal" form offers (getNewDealFormData). */
export interface NewDealFormData {
  pipelines: { id: string; name: string; stages: { id: string; name: string; outcome: 'won' | 'lost' | null }[] }[];
  /** the people the viewer may make the deal's owner: only themselves when they keep what they create */
  owners: { id: string; name: string }[];
  me: string;
  customFields: { key: string; label: string; type: CustomFieldForDraft['type']; options: string[]; required: boolean }[];
  defaultCurrency: string;
}

const formText = (max: number) => z.string({ error: 'Must be text' }).max(max, `Must be at most ${max} characters`);

export const newDealFormInput = z.strictObject({
  name: formText(1_000),
  pipeline_id: formText(100),
  stage_id: formText(100),
  value: formText(40),
  currency: formText(10),
  expected_close: formText(40),
  owner_id: formText(100),
  contact_id: formText(100),
  company_id: formText(100),
  /** each field's editor text, by key */
  custom_fields: z.record(z.string(), formText(CUSTOM_FIELD_DRAFT_MAX)),
});
export type NewDealFormInput = z.input<typeof newDealFormInput>;

/**
 * The form's text as a create body for createDealBody to parse, and the problems found on the way.
 * Blank optional fields are left out (the API's defaults apply: owner the acting user, value 0);
 * a custom field left blank is sent as null, so a required one is reported by the service's rules.
 */
export function newDealBodyFromForm(
  form: z.output<typeof newDealFormInput>,
  definitions: readonly CustomFieldForDraft[],
): { body: Record<string, unknown>; errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  const body: Record<string, unknown> = { name: form.name, pipeline_id: form.pipeline_id, stage_id: form.stage_id };
  const currency = form.currency.trim();
  if (currency) body.currency = currency;
  const amount = parseMajorAmount(form.value, /^[A-Za-z]{3}$/.test(currency) ? currency : 'USD');
  if (amount.ok) body.value = Number(amount.value);
  else errors.push({ path: 'value', message: amount.message });
  if (form.expected_close.trim()) body.expected_close = form.expected_close.trim();
  if (form.owner_id) body.owner_id = form.owner_id;
  if (form.contact_id) body.contact_id = form.contact_id;
  if (form.company_id) body.company_id = form.company_id;
  const customFields: Record<string, unknown> = {};
  for (const definition of definitions) {
    const parsed = customFieldValueFromDraft(definition, form.custom_fields[definition.key] ?? '');
    if (parsed.ok) customFields[definition.key] = parsed.value;
    else errors.push({ path: `custom_fields.${definition.key}`, message: parsed.message });
  }
  body.custom_fields = customFields;
  return { body, errors };
}
