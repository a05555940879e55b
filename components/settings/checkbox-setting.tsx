'use client';

import { useId, type ReactNode } from 'react';
import { FieldError, invalidProps } from './field-error';

/** A workspace setting that is on or off: the box, its label, what it does, and the server's refusal by the field. */
export function CheckboxSetting({
  checked,
  onChange,
  label,
  explanation,
  errors,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  label: string;
  explanation: ReactNode;
  errors: string[] | undefined;
}) {
  const checkboxId = useId();
  const explanationId = useId();
  return (
    <div className="flex items-start gap-3">
      <input
        id={checkboxId}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        className="mt-0.5 h-4 w-4 shrink-0 rounded border-slate-300"
        aria-describedby={explanationId}
        {...invalidProps(`${checkboxId}-error`, errors)}
      />
      <div className="min-w-0">
        <label htmlFor={checkboxId} className="text-sm font-medium text-slate-900">
          {label}
        </label>
        <p id={explanationId} className="mt-1 text-sm text-slate-600">
          {explanation}
        </p>
        <FieldError id={`${checkboxId}-error`} messages={errors} />
      </div>
    </div>
  );
}
