'use client';

import Link from 'next/link';
import { type FormEvent, useId, useState } from 'react';
import { toast } from 'sonner';
import { updateHomeCurrencyAction } from '@/lib/actions/currency';
import { Button, inputClass } from '@/components/deal/ui';
import { FieldError, invalidProps } from './field-error';

/** Settings → Workspace: the home currency (admins change it; everyone else reads it). */
export function HomeCurrencyForm({ home, currencies, readOnly }: { home: string; currencies: string[]; readOnly: boolean }) {
  const id = useId();
  const [currency, setCurrency] = useState(home);
  const [errors, setErrors] = useState<string[] | undefined>();
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (currency === home || pending) return;
    setPending(true);
    const result = await updateHomeCurrencyAction(currency);
    setPending(false);
    if (result.ok) {
      setErrors(undefined);
      toast.success(`The home currency is now ${result.data.currency}`, {
        description: `Figures convert with the rates entered for ${result.data.currency}.`,
      });
    } else {
      setErrors(result.fieldErrors.currency ?? [result.message]);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="mt-4 border-t border-slate-100 pt-4">
      <h3 className="text-sm font-semibold text-slate-900">Converted figures and new deals</h3>
      <p className="mt-1 text-slate-600">
        Board totals and the deals table convert every deal into this currency, with the rates entered for it under{' '}
        <Link href="/settings/currencies" className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
          Currencies
        </Link>
        . New deals start in it.{readOnly ? ' An admin changes it.' : ''}
      </p>
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor={`${id}-currency`} className="mb-0.5 block text-[11px] font-medium text-slate-600">
            Home currency
          </label>
          <select
            id={`${id}-currency`}
            value={currency}
            disabled={readOnly || pending}
            onChange={(e) => {
              setCurrency(e.target.value);
              setErrors(undefined);
            }}
            className={`${inputClass} w-32`}
            {...invalidProps(`${id}-error`, errors)}
          >
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        {readOnly ? null : (
          <Button type="submit" tone="primary" disabled={currency === home || pending}>
            Save
          </Button>
        )}
      </div>
      <FieldError id={`${id}-error`} messages={errors} />
      {!readOnly && currency !== home ? (
        <p className="mt-2 text-xs text-amber-800">
          Saving shows every figure in {currency}, converted with the rates entered for {currency}; the rates entered for {home} are kept for when you switch
          back.
        </p>
      ) : null}
    </form>
  );
}
