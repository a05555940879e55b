'use client';

import { useId, type InputHTMLAttributes } from 'react';
import { FieldError, invalidProps } from '@/components/settings/field-error';

/** A labelled input of the signed-out forms, with its error under it. */
export function AuthField({ label, errors, ...rest }: { label: string; errors: string[] | undefined } & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm focus:border-blue-500 focus:ring-2 focus:ring-blue-200 focus:outline-none aria-[invalid=true]:border-red-400"
        {...invalidProps(`${id}-error`, errors)}
        {...rest}
      />
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}

export const primaryButtonClass =
  'w-full rounded-md bg-blue-600 px-3 py-2 text-sm font-medium text-white shadow-sm hover:bg-blue-700 focus:ring-2 focus:ring-blue-300 focus:outline-none disabled:opacity-60';

/** A refusal of the whole form (wrong password, too many attempts), announced to screen readers. */
export function FormError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-700">
      {message}
    </p>
  );
}
