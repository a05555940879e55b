'use client';

import { CUSTOM_FIELD_DRAFT_MAX } from '@/lib/schemas/new-deal-form';
import type { CustomFieldDefinitionData } from './types';
import { inputClass } from './ui';

// A custom field's input by its type — text, number, date, yes/no, one of a list — holding the
// editor's text (customFieldValueFromDraft turns it into the value the API takes). The deal page's
// in-place editor and the "New deal" form both draw their custom fields with it.

export function CustomFieldInput({
  definition,
  id,
  value,
  onChange,
  invalid,
  describedBy,
  disabled = false,
  autoFocus = false,
}: {
  definition: CustomFieldDefinitionData;
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  describedBy: string | undefined;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  const common = {
    id,
    autoFocus,
    value,
    disabled,
    'aria-invalid': invalid || undefined,
    'aria-describedby': describedBy,
    className: inputClass,
  };
  switch (definition.type) {
    case 'select':
    case 'boolean':
      return (
        <select {...common} onChange={(e) => onChange(e.target.value)}>
          <option value="">{definition.required ? 'Choose…' : 'Not set'}</option>
          {definition.type === 'boolean' ? (
            <>
              <option value="true">Yes</option>
              <option value="false">No</option>
            </>
          ) : (
            definition.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))
          )}
        </select>
      );
    case 'date':
      return <input {...common} type="date" onChange={(e) => onChange(e.target.value)} />;
    case 'number':
      return <input {...common} inputMode="decimal" maxLength={40} onChange={(e) => onChange(e.target.value)} />;
    default:
      return <input {...common} maxLength={CUSTOM_FIELD_DRAFT_MAX} onChange={(e) => onChange(e.target.value)} />;
  }
}
