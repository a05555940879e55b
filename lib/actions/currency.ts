'use server';

import { refresh } from 'next/cache';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import { updateHomeCurrency } from '../services/currency/home-currency';
import { deleteExchangeRate } from '../services/exchange-rates/delete-exchange-rate';
import { putExchangeRates } from '../services/exchange-rates/put-exchange-rates';

// Settings → Workspace (the home currency) and Settings → Currencies (the rates): one service call
// each, the page refreshed in the same response.

/** Admins: the currency converted figures are shown in, and new deals start in. */
export async function updateHomeCurrencyAction(currency: string): Promise<ActionResult<{ currency: string }>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const saved = await updateHomeCurrency({ ctx, input: { currency } });
    refresh();
    return { currency: saved };
  });
}

/** Managers and admins: one rate; a rate for the same currency and day replaces it (that is how a rate is edited). */
export async function saveExchangeRateAction(rate: { currency: string; rate: string; valid_from: string }): Promise<ActionResult<null>> {
  const result = await runAction(async () => {
    const ctx = await getBrowserContext();
    await putExchangeRates({ ctx, input: { rates: [rate] } });
    refresh();
    return null;
  });
  if (result.ok) return result;
  // the form has one rate: its fields' messages by the field's own name
  const fieldErrors: Record<string, string[]> = {};
  for (const [path, messages] of Object.entries(result.fieldErrors)) fieldErrors[path.replace(/^rates\.0\./, '')] = messages;
  return { ...result, fieldErrors };
}

/** Managers and admins: removes a mistyped rate; the currency's earlier rate is in force again. */
export async function deleteExchangeRateAction(currency: string, validFrom: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    await deleteExchangeRate({ ctx, input: { currency, valid_from: validFrom } });
    refresh();
    return null;
  });
}
