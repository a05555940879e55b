'use client';

import { useId } from 'react';
import { inputClass } from '@/components/deal/ui';

// Pieces of the "New contact" / "New company" dialogs (components/ui/modal-dialog.tsx): labelled
// text fields that show their error right under the input.

export function TextField({
  label,
  name,
  error,
  type = 'text',
  required = false,
  autoFocus = false,
  placeholder,
  hint,
  maxLength,
}: {
  label: string;
  name: string;
  error?: string;
  type?: 'text' | 'email' | 'tel';
  required?: boolean;
  autoFocus?: boolean;
  placeholder?: string;
  hint?: string;
  maxLength?: number;
}) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {label}
        {required ? null : <span className="font-normal text-slate-500"> (optional)</span>}
      </label>
      <input
        id={id}
        name={name}
        // the server validates (one set of rules, the API's); the browser's own checks would pre-empt its messages
        type={type === 'email' ? 'text' : type}
        inputMode={type === 'email' ? 'email' : undefined}
        autoComplete="off"
        autoFocus={autoFocus}
        placeholder={placeholder}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={`mt-1 ${inputClass}`}
      />
      {error ? (
        <p id={errorId} role="alert" className="mt-1 text-xs text-red-600">
          {error}
        </p>
      ) : hint ? (
        <p className="mt-1 text-xs text-slate-500">{hint}</p>
      ) : null}
    </div>
  );
}

/** The first message for a field, joined when there are several. */
export function errorFor(fieldErrors: Record<string, string[]>, name: string): string | undefined {
  const messages = fieldErrors[name];
  return messages?.length ? messages.join(' ') : undefined;
}
