import { describe, expect, it } from 'vitest';
import { validateCustomFieldValues, type CustomFieldDefinitionLike } from '@/lib/services/custom-fields/validate-custom-field-values';

const definitions: CustomFieldDefinitionLike[] = [
  { key: 'notes', label: 'Notes', type: 'text', options: [], required: false },
  { key: 'seats', label: 'Seats', type: 'number', options: [], required: true },
  { key: 'renewal', label: 'Renewal date', type: 'date', options: [], required: false },
  { key: 'signed', label: 'Signed', type: 'boolean', options: [], required: false },
  { key: 'plan', label: 'Plan', type: 'select', options: ['Monthly', 'Yearly'], required: true },
];

const full = { notes: 'VIP', seats: 25, renewal: '2026-04-01', signed: true, plan: 'Yearly' };

describe('validateCustomFieldValues', () => {
  it('accepts values of the right type and returns them', () => {
    expect(validateCustomFieldValues(definitions, full, { partial: false })).toEqual({ values: full, errors: [] });
  });

  it('accepts every number, false and an empty object of values when nothing is required', () => {
    const optional = definitions.map((d) => ({ ...d, required: false }));
    expect(validateCustomFieldValues(optional, { seats: -1.5, signed: false }, { partial: false })).toEqual({
      values: { seats: -1.5, signed: false },
      errors: [],
    });
    expect(validateCustomFieldValues(optional, { seats: 0 }, { partial: false }).values).toEqual({ seats: 0 });
    expect(validateCustomFieldValues(optional, {}, { partial: false })).toEqual({ values: {}, errors: [] });
    expect(validateCustomFieldValues([], {}, { partial: false })).toEqual({ values: {}, errors: [] });
  });

  it('normalises text: trimmed, and an empty string clears the field', () => {
    const result = validateCustomFieldValues(definitions, { ...full, notes: '  spaced  ' }, { partial: false });
    expect(result.values.notes).toBe('spaced');
    expect(validateCustomFieldValues(definitions, { notes: '   ' }, { partial: true })).toEqual({ values: { notes: null }, errors: [] });
  });

  it('lets null clear an optional field', () => {
    expect(validateCustomFieldValues(definitions, { renewal: null, signed: null, notes: null }, { partial: true })).toEqual({
      values: { renewal: null, signed: null, notes: null },
      errors: [],
    });
  });

  it('reports an unknown key', () => {
    const result = validateCustomFieldValues(definitions, { ...full, colour: 'red' }, { partial: false });
    expect(result.errors).toEqual([{ path: 'custom_fields.colour', message: 'Unknown custom field "colour"' }]);
    expect(result.values).toEqual(full);
    // keys that only look like object internals are unknown too
    expect(validateCustomFieldValues(definitions, { constructor: 1, toString: 'x' }, { partial: true }).errors.map((e) => e.path)).toEqual([
      'custom_fields.constructor',
      'custom_fields.toString',
    ]);
  });

  it.each([
    ['notes', 42, 'Must be text'],
    ['notes', ['a'], 'Must be text'],
    ['seats', '25', 'Must be a number'],
    ['seats', Number.NaN, 'Must be a number'],
    ['seats', Number.POSITIVE_INFINITY, 'Must be a number'],
    ['renewal', '2026-02-30', 'Must be a date such as 2026-04-01'],
    ['renewal', '2026-04-01T10:00:00Z', 'Must be a date such as 2026-04-01'],
    ['renewal', 20260401, 'Must be a date such as 2026-04-01'],
    ['signed', 'true', 'Must be true or false'],
    ['signed', 1, 'Must be true or false'],
    ['plan', 'Weekly', 'Must be one of: "Monthly", "Yearly"'],
    ['plan', 'monthly', 'Must be one of: "Monthly", "Yearly"'],
    ['plan', ['Monthly'], 'Must be one of: "Monthly", "Yearly"'],
  ])('reports a %s value of the wrong type or not an option (%j)', (field, value, message) => {
    const result = validateCustomFieldValues(definitions, { ...full, [field]: value }, { partial: false });
    expect(result.errors).toEqual([{ path: `custom_fields.${field}`, message }]);
    expect(result.values).not.toHaveProperty(field);
  });

  it('reports a missing required field unless partial', () => {
    const { seats: _seats, plan: _plan, ...rest } = full;
    const result = validateCustomFieldValues(definitions, rest, { partial: false });
    expect(result.errors).toEqual([
      { path: 'custom_fields.seats', message: 'Seats is required' },
      { path: 'custom_fields.plan', message: 'Plan is required' },
    ]);
    expect(validateCustomFieldValues(definitions, rest, { partial: true })).toEqual({ values: rest, errors: [] });
    // an undefined value counts as missing
    expect(validateCustomFieldValues(definitions, { ...full, seats: undefined }, { partial: false }).errors).toEqual([
      { path: 'custom_fields.seats', message: 'Seats is required' },
    ]);
  });

  it('refuses to clear a required field, partial or not', () => {
    for (const partial of [true, false]) {
      const result = validateCustomFieldValues(definitions, { ...full, seats: null }, { partial });
      expect(result.errors).toEqual([{ path: 'custom_fields.seats', message: 'Seats is required' }]);
    }
    const blank = validateCustomFieldValues([{ key: 'name', type: 'text', options: [], required: true }], { name: ' ' }, { partial: true });
    expect(blank.errors).toEqual([{ path: 'custom_fields.name', message: 'name is required' }]);
  });

  it('reports every bad key at once', () => {
    const result = validateCustomFieldValues(definitions, { seats: 'many', plan: 'Never', extra: 1 }, { partial: false });
    expect(result.errors.map((e) => e.path).sort()).toEqual(['custom_fields.extra', 'custom_fields.plan', 'custom_fields.seats']);
    expect(result.values).toEqual({});
  });

  it('treats select options from the database defensively', () => {
    const odd: CustomFieldDefinitionLike[] = [
      { key: 'a', type: 'select', options: null, required: false },
      { key: 'b', type: 'select', options: ['x', 3, null], required: false },
    ];
    expect(validateCustomFieldValues(odd, { a: 'x' }, { partial: true }).errors).toEqual([
      { path: 'custom_fields.a', message: 'This field has no options to choose from' },
    ]);
    expect(validateCustomFieldValues(odd, { b: 'x' }, { partial: true })).toEqual({ values: { b: 'x' }, errors: [] });
    expect(validateCustomFieldValues(odd, { b: 3 }, { partial: true }).errors).toHaveLength(1);
  });

  it('does not change its inputs', () => {
    const values = { ...full, notes: '  padded ' };
    const copy = structuredClone(values);
    validateCustomFieldValues(definitions, values, { partial: false });
    expect(values).toEqual(copy);
  });
});
