import 'server-only';
import { writeAs } from '../../change-record/change-actor';
import { AppError } from '../../errors';
import { daySchema, knownCurrencySchema } from '../../schemas/exchange-rate';
import type { ServiceContext } from '../context';
import { readHomeCurrency } from '../currency/home-currency';
import { assertCanConfigureWorkspace } from '../permissions';
import { z } from 'zod';

const deleteInput = z.strictObject({ currency: knownCurrencySchema, valid_from: daySchema('valid_from') });

/** Managers and admins: removes one rate (a mistyped one); the currency's earlier rate is in force again. */
export async function deleteExchangeRate({ ctx, input }: { ctx: ServiceContext; input: { currency: string; valid_from: string } }): Promise<void> {
  assertCanConfigureWorkspace(ctx);
  const { currency, valid_from } = deleteInput.parse(input);
  const { count } = await writeAs(ctx, async (tx) => {
    const home = await readHomeCurrency(tx);
    return tx.exchangeRate.deleteMany({ where: { base: home, currency, validFrom: new Date(`${valid_from}T00:00:00Z`) } });
  });
  if (count === 0) throw new AppError('not_found', `No ${currency} rate from ${valid_from}.`);
}
