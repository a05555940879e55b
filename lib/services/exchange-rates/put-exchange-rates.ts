import 'server-only';
import { writeAs } from '../../change-record/change-actor';
import { AppError } from '../../errors';
import { type ExchangeRateInput, putExchangeRatesBody } from '../../schemas/exchange-rate';
import type { ServiceContext } from '../context';
import { readHomeCurrency } from '../currency/home-currency';
import { assertCanConfigureWorkspace } from '../permissions';

/**
 * Managers and admins (and their scripts): saves rates into the home currency, each replacing the rate
 * of the same currency and day if there is one. All or nothing, in one transaction.
 */
export async function putExchangeRates({ ctx, input }: { ctx: ServiceContext; input: { rates: unknown } }): Promise<{ home: string; saved: number }> {
  assertCanConfigureWorkspace(ctx);
  const { rates } = putExchangeRatesBody.parse(input);
  return writeAs(ctx, async (tx) => {
    const home = await readHomeCurrency(tx);
    const seen = new Set<string>();
    rates.forEach((rate: ExchangeRateInput, index) => {
      if (rate.currency === home) {
        throw new AppError('unprocessable', `The home currency (${home}) is always 1 and needs no rate.`, [
          { path: `rates.${index}.currency`, message: `${home} is the home currency` },
        ]);
      }
      const key = `${rate.currency} ${rate.valid_from}`;
      if (seen.has(key)) {
        throw new AppError('unprocessable', `${rate.currency} has two rates for ${rate.valid_from}.`, [
          { path: `rates.${index}.valid_from`, message: `a second ${rate.currency} rate for ${rate.valid_from}` },
        ]);
      }
      seen.add(key);
    });
    for (const rate of rates) {
      const validFrom = new Date(`${rate.valid_from}T00:00:00Z`);
      await tx.exchangeRate.upsert({
        where: { base_currency_validFrom: { base: home, currency: rate.currency, validFrom } },
        create: { base: home, currency: rate.currency, rate: rate.rate, validFrom },
        update: { rate: rate.rate },
      });
    }
    return { home, saved: rates.length };
  });
}
