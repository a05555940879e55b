'use client';

import { type FormEvent, useId, useState } from 'react';
import { toast } from 'sonner';
import { deleteExchangeRateAction, saveExchangeRateAction } from '@/lib/actions/currency';
import { Button, EmptyState } from '@/components/deal/ui';
import { TrashIcon } from '@/components/ui/icons';
import { ActionDialog } from '@/components/ui/modal-dialog';
import { type FieldErrors, withoutField } from './field-error';
import { TextField } from './text-field';
import { useConfirmDelete } from './use-confirm-delete';
import { useHydrated } from '@/components/ui/use-hydrated';

export interface SettingsExchangeRate {
  currency: string;
  rate: string;
  validFrom: string;
}

/** Settings → Currencies: the rates into the home currency; managers and admins add, replace and delete them. */
export function ExchangeRatesManager({ home, rates, today, readOnly }: { home: string; rates: SettingsExchangeRate[]; today: string; readOnly: boolean }) {
  const [draft, setDraft] = useState({ currency: '', rate: '', valid_from: today });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const formId = useId();
  const deletion = useConfirmDelete(
    (rate: SettingsExchangeRate) => deleteExchangeRateAction(rate.currency, rate.validFrom),
    (rate) => `The ${rate.currency} rate from ${rate.validFrom} was deleted`,
  );
  const replacing = rates.some((r) => r.currency === draft.currency.trim().toUpperCase() && r.validFrom === draft.valid_from);

  const field = (name: keyof typeof draft) => (value: string) => {
    setDraft((d) => ({ ...d, [name]: value }));
    setErrors((e) => withoutField(e, name));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const result = await saveExchangeRateAction(draft);
    setPending(false);
    if (result.ok) {
      const currency = draft.currency.trim().toUpperCase();
      toast.success(replacing ? `The ${currency} rate from ${draft.valid_from} was replaced` : `${currency} rate saved`);
      setDraft({ currency: '', rate: '', valid_from: today });
      setErrors({});
    } else {
      setErrors(result.fieldErrors);
      const known = ['currency', 'rate', 'valid_from'];
      if (!Object.keys(result.fieldErrors).some((key) => known.includes(key))) toast.error(result.message);
    }
  };

  return (
    <section aria-labelledby="rates-heading" className="space-y-3">
      <div>
        <h2 id="rates-heading" className="text-base font-semibold text-slate-900">
          Exchange rates into {home}
        </h2>
        <p className="text-sm text-slate-600">
          A rate says how many {home} one unit of a currency is worth, from its date until that currency’s next rate. Open deals convert at today’s rate; won
          and lost deals at the rate of their close date. A currency without a rate is shown apart, never as 0.
        </p>
        <p className="mt-1 text-xs text-slate-500" data-testid="rounding-rule">
          Rounding: each deal is converted exactly and rounded half up to a whole minor unit ({home} cents) once; a total is the sum of its converted deals, so
          a column adds up to its cards.
        </p>
      </div>
      <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
        {rates.length === 0 ? (
          <div className="p-4">
            <EmptyState title="No exchange rates yet">
              {readOnly ? 'A manager or admin enters them.' : `Add a rate for each currency your deals are in, such as 1 EUR = 1.0825 ${home}.`}
            </EmptyState>
          </div>
        ) : (
          <table className="w-full text-sm">
            <caption className="sr-only">Exchange rates into {home}</caption>
            <thead className="bg-slate-50 text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Currency
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Rate
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Valid from
                </th>
                {readOnly ? null : (
                  <th scope="col" className="px-3 py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rates.map((rate) => (
                <tr key={`${rate.currency} ${rate.validFrom}`} data-testid="exchange-rate-row">
                  <td className="px-3 py-2 font-medium text-slate-900">{rate.currency}</td>
                  <td className="px-3 py-2 tabular-nums text-slate-700">
                    1 {rate.currency} = {rate.rate} {home}
                  </td>
                  <td className="px-3 py-2 tabular-nums text-slate-700">{rate.validFrom}</td>
                  {readOnly ? null : (
                    <td className="whitespace-nowrap px-3 py-1 text-right">
                      <Button
                        size="sm"
                        tone="ghost"
                        aria-label={`Edit the ${rate.currency} rate from ${rate.validFrom}`}
                        onClick={() => {
                          setDraft({ currency: rate.currency, rate: rate.rate, valid_from: rate.validFrom });
                          setErrors({});
                          document.getElementById(`${formId}-form`)?.querySelector('input')?.focus();
                        }}
                      >
                        Edit
                      </Button>
                      <Button
                        size="icon-sm"
                        tone="ghost"
                        aria-label={`Delete the ${rate.currency} rate from ${rate.validFrom}`}
                        className="hover:text-rose-700"
                        disabled={!hydrated}
                        onClick={() => deletion.ask(rate)}
                      >
                        <TrashIcon />
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {readOnly ? null : (
          <form
            id={`${formId}-form`}
            onSubmit={(e) => void submit(e)}
            noValidate
            aria-label="Add a rate"
            className="flex flex-wrap items-start gap-2 border-t border-slate-200 p-3"
          >
            <TextField
              label="Currency"
              value={draft.currency}
              onValue={field('currency')}
              errors={errors.currency}
              placeholder="EUR"
              maxLength={3}
              autoCapitalize="characters"
              className="w-24"
            />
            <TextField
              label={`Rate (${home} for 1 unit)`}
              value={draft.rate}
              onValue={field('rate')}
              errors={errors.rate}
              placeholder="1.0825"
              inputMode="decimal"
              className="flex-1 basis-36"
            />
            <TextField label="Valid from" type="date" value={draft.valid_from} onValue={field('valid_from')} errors={errors.valid_from} className="w-40" />
            <div className="pt-4">
              <Button type="submit" tone="primary" disabled={pending || !hydrated}>
                {replacing ? 'Replace rate' : 'Add rate'}
              </Button>
            </div>
          </form>
        )}
      </div>
      <ActionDialog
        tone="danger"
        {...deletion.dialog}
        title={`Delete the ${deletion.target?.currency ?? ''} rate from ${deletion.target?.validFrom ?? ''}?`}
        submitLabel="Delete rate"
      >
        <p>Figures on and after that day use the currency’s earlier rate again; without one, its deals are shown apart.</p>
      </ActionDialog>
    </section>
  );
}
