'use client';

import { useId, type InputHTMLAttributes } from 'react';
import { inputClass } from '@/components/deal/ui';
import { FieldError, invalidProps } from './field-error';

/** A labelled text input with its error under it. */
export function TextField({
  label,
  value,
  onValue,
  errors,
  className = '',
  ...rest
}: { label: string; value: string; onValue: (value: string) => void; errors: string[] | undefined; className?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange' | 'id'
>) {
  const id = useId();
  return (
    <div className={`min-w-0 ${className}`}>
      <label htmlFor={id} className="mb-0.5 block text-[11px] font-medium text-slate-600">
        {label}
      </label>
      <input id={id} value={value} onChange={(e) => onValue(e.target.value)} className={inputClass} {...invalidProps(`${id}-error`, errors)} {...rest} />
      <FieldError id={`${id}-error`} messages={errors} />
    </div>
  );
}
