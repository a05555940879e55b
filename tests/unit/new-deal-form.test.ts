import { describe, expect, it } from 'vitest';
import { createDealBody } from '../../lib/schemas/deal';
import { customFieldValueFromDraft, newDealBodyFromForm, newDealFormInput } from '../../lib/schemas/new-deal-form';

// The "New deal" form's text as the API's create body, every problem by its field.

const definitions = [
  { key: 'seats', type: 'number' as const },
  { key: 'renewal', type: 'boolean' as const },
  { key: 'region', type: 'select' as const },
];

const form = (changes: Partial<Record<string, unknown>> = {}) =>
  newDealFormInput.parse({
    name: 'Acme',
    pipeline_id: 'pipe_x',
    stage_id: 'stage_y',
    value: '',
    currency: 'EUR',
    expected_close: '',
    owner_id: '',
    contact_id: '',
    company_id: '',
    custom_fields: {},
    ...changes,
  });

describe('newDealBodyFromForm', () => {
  it('turns the amount into minor units of its currency and leaves blank optional fields out', () => {
    const { body, errors } = newDealBodyFromForm(
      form({ value: '12,500.50', expected_close: '2027-01-31', custom_fields: { seats: '12', renewal: 'true', region: 'EMEA' } }),
      definitions,
    );
    expect(errors).toEqual([]);
    expect(body).toEqual({
      name: 'Acme',
      pipeline_id: 'pipe_x',
      stage_id: 'stage_y',
      currency: 'EUR',
      value: 1_250_050,
      expected_close: '2027-01-31',
      custom_fields: { seats: 12, renewal: true, region: 'EMEA' },
    });
  });

  it('reports every problem at once, by its field', () => {
    const { body, errors } = newDealBodyFromForm(form({ value: 'lots', currency: 'JPY', custom_fields: { seats: 'twelve' } }), definitions);
    expect(errors).toEqual([
      { path: 'value', message: 'Enter an amount such as 12500' },
      { path: 'custom_fields.seats', message: 'Enter a number such as 42 or 3.5' },
    ]);
    // blank drafts are null: a required field is then named by the custom field rules
    expect(body.custom_fields).toEqual({ renewal: null, region: null });
  });

  it('gives createDealBody what it parses', () => {
    const parsed = createDealBody.safeParse(newDealBodyFromForm(form({ pipeline_id: 'nonsense', name: ' ' }), []).body);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['name', 'pipeline_id', 'stage_id']);
  });
});

describe('customFieldValueFromDraft', () => {
  it('reads numbers, yes/no and text; blank is null', () => {
    expect(customFieldValueFromDraft({ key: 'n', type: 'number' }, ' 3.5 ')).toEqual({ ok: true, value: 3.5 });
    expect(customFieldValueFromDraft({ key: 'b', type: 'boolean' }, 'false')).toEqual({ ok: true, value: false });
    expect(customFieldValueFromDraft({ key: 'd', type: 'date' }, '2027-02-01')).toEqual({ ok: true, value: '2027-02-01' });
    expect(customFieldValueFromDraft({ key: 't', type: 'text' }, '  ')).toEqual({ ok: true, value: null });
  });
});
