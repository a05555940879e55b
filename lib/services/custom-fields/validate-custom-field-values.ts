import type { ErrorDetail } from '../../errors';

// Pure rules for a record's custom field values against the workspace's definitions (no database):
// the deals service validates `custom_fields` of a create (partial: false) or update (partial: true).

export type CustomFieldType = 'text' | 'number' | 'date' | 'boolean' | 'select';

/** The parts of a definition the rules need (a CustomFieldDefinition row fits). */
export interface CustomFieldDefinitionLike {
  key: string;
  label?: string;
  type: CustomFieldType;
  /** allowed values of a select field: a JSON array of strings */
  options: unknown;
  required: boolean;
}

/** A stored value; null clears the field. Dates are "YYYY-MM-DD". */
export type CustomFieldValue = string | number | boolean | null;

export interface CustomFieldValidation {
  /** the known keys that were sent, with normalised values (text trimmed, "" → null) */
  values: Record<string, CustomFieldValue>;
  /** one entry per bad key: path `custom_fields.<key>` */
  errors: ErrorDetail[];
}

export const MAX_TEXT_VALUE_LENGTH = 10_000;

/** A definition's select options as strings (anything else in the JSON column is ignored). */
export function selectOptions(options: unknown): string[] {
  return Array.isArray(options) ? options.filter((o): o is string => typeof o === 'string') : [];
}

/**
 * Checks `values` against `definitions`: an unknown key, a value of the wrong type, a select value
 * that is not one of the options, and a required field set to null (or, unless `partial`, missing)
 * are errors. Sending null (or "" for text) clears an optional field.
 */
export function validateCustomFieldValues(
  definitions: readonly CustomFieldDefinitionLike[],
  values: Record<string, unknown>,
  { partial }: { partial: boolean },
): CustomFieldValidation {
  const byKey = new Map(definitions.map((definition) => [definition.key, definition]));
  const normalised: Record<string, CustomFieldValue> = {};
  const errors: ErrorDetail[] = [];

  for (const [key, raw] of Object.entries(values)) {
    if (raw === undefined) continue;
    const path = `custom_fields.${key}`;
    const definition = byKey.get(key);
    if (!definition) {
      errors.push({ path, message: `Unknown custom field "${key}"` });
      continue;
    }
    const result = normaliseValue(definition, raw);
    if (!result.ok) {
      errors.push({ path, message: result.message });
    } else if (result.value === null && definition.required) {
      errors.push({ path, message: requiredMessage(definition) });
    } else {
      normalised[key] = result.value;
    }
  }

  if (!partial) {
    for (const definition of definitions) {
      if (definition.required && (!Object.hasOwn(values, definition.key) || values[definition.key] === undefined)) {
        errors.push({ path: `custom_fields.${definition.key}`, message: requiredMessage(definition) });
      }
    }
  }
  return { values: normalised, errors };
}

type Normalised = { ok: true; value: CustomFieldValue } | { ok: false; message: string };

function normaliseValue(definition: CustomFieldDefinitionLike, raw: unknown): Normalised {
  if (raw === null) return { ok: true, value: null };
  switch (definition.type) {
    case 'text': {
      if (typeof raw !== 'string') return { ok: false, message: 'Must be text' };
      const text = raw.trim();
      if (text.length > MAX_TEXT_VALUE_LENGTH) return { ok: false, message: `Must be at most ${MAX_TEXT_VALUE_LENGTH} characters` };
      return { ok: true, value: text === '' ? null : text };
    }
    case 'number':
      return typeof raw === 'number' && Number.isFinite(raw) ? { ok: true, value: raw } : { ok: false, message: 'Must be a number' };
    case 'boolean':
      return typeof raw === 'boolean' ? { ok: true, value: raw } : { ok: false, message: 'Must be true or false' };
    case 'date':
      return typeof raw === 'string' && isCalendarDate(raw) ? { ok: true, value: raw } : { ok: false, message: 'Must be a date such as 2026-04-01' };
    case 'select': {
      const options = selectOptions(definition.options);
      return typeof raw === 'string' && options.includes(raw)
        ? { ok: true, value: raw }
        : {
            ok: false,
            message: options.length > 0 ? `Must be one of: ${options.map((o) => JSON.stringify(o)).join(', ')}` : 'This field has no options to choose from',
          };
    }
  }
}

/** "YYYY-MM-DD" naming a real day (no 2026-02-30). */
function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function requiredMessage(definition: CustomFieldDefinitionLike): string {
  return `${definition.label ?? definition.key} is required`;
}
