'use client';

import { useState, type FormEvent } from 'react';
import { Button, Spinner } from '@/components/deal/ui';
import { PlusIcon } from '@/components/ui/icons';
import type { ActionResult } from '@/lib/actions/run-action';
import type { FieldErrors } from './field-error';
import { TextField } from './text-field';
import { useHydrated } from '@/components/ui/use-hydrated';

/**
 * The "add one by its name" form under a settings list: one text field and a submit button. The
 * action's refusal is shown by the field (its own field's messages, else its sentence); on success
 * the field empties and `onDone` gets what the action answered.
 */
export function SingleFieldForm<T>({
  formLabel,
  fieldLabel,
  field,
  placeholder,
  maxLength,
  submitLabel,
  submit,
  onDone,
}: {
  formLabel: string;
  fieldLabel: string;
  /** the field's name in the action's fieldErrors */
  field: string;
  placeholder: string;
  maxLength: number;
  submitLabel: string;
  submit: (value: string) => Promise<ActionResult<T>>;
  onDone: (data: T, value: string) => void;
}) {
  const hydrated = useHydrated();
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const result = await submit(value);
    setPending(false);
    if (result.ok) {
      setValue('');
      setErrors({});
      onDone(result.data, value);
    } else {
      setErrors(result.fieldErrors[field] ? result.fieldErrors : { [field]: [result.message] });
    }
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={formLabel} className="flex flex-wrap items-start gap-2 bg-slate-50 px-3 py-3 sm:px-4">
      <TextField
        label={fieldLabel}
        value={value}
        maxLength={maxLength}
        placeholder={placeholder}
        errors={errors[field]}
        className="flex-1 basis-48"
        onValue={(next) => {
          setValue(next);
          setErrors({});
        }}
      />
      <div className="pt-5">
        <Button type="submit" tone="primary" disabled={pending || !hydrated}>
          {pending ? <Spinner /> : <PlusIcon />}
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}
