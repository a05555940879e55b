import type { ErrorDetail } from '../errors';

// The API's error details name fields by their keys ("rotting_days must be null or …"), which
// integrations read and must keep. A person reads the same rule in words: the field's label
// instead of its key, "left blank" instead of null. Only what the UI shows goes through here.

const LABELS: Record<string, string> = {
  sku: 'SKU',
  url: 'URL',
  tax_rate: 'Tax rate',
  rotting_days: 'Rotting days',
  unit_price: 'Unit price',
  expected_close: 'Expected close date',
  loss_reason: 'Loss reason',
  discount_value: 'Discount',
  discountValue: 'Discount',
};

/** "rotting_days" → "Rotting days", "closeFrom" → "Close from". */
export function fieldLabel(key: string): string {
  const known = LABELS[key];
  if (known) return known;
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The field a detail's path ends in ("stages.2.name" → "name"), or null for the whole form. */
function lastKey(path: string): string | null {
  const keys = path.split('.').filter((part) => part !== '' && !/^\d+$/.test(part));
  return keys.at(-1) ?? null;
}

/**
 * A refusal in words: a message that opens with the field's key opens with its label instead, and
 * "null" (the API's empty value) reads as "left blank". Messages already in words pass unchanged.
 */
export function readableMessage(path: string, message: string): string {
  const key = lastKey(path);
  const opening = /^([A-Za-z][A-Za-z0-9_]*)\b/.exec(message)?.[1];
  let text = message;
  if (opening && (opening === key || opening.includes('_') || opening in LABELS)) text = fieldLabel(opening) + message.slice(opening.length);
  else text = message.charAt(0).toUpperCase() + message.slice(1);
  return text.replace(/\bmust be null or\b/g, 'must be left blank or').replace(/\bor null\b/g, 'or left blank');
}

/** Each detail's message in words; the paths stay keys, so the form still puts each under its field. */
export function readableDetails(details: readonly ErrorDetail[]): ErrorDetail[] {
  return details.map((detail) => ({ path: detail.path, message: readableMessage(detail.path, detail.message) }));
}
