import 'server-only';
import { writeAs } from '../../change-record/change-actor';
import { db } from '../../db';
import { homeCurrencyInput } from '../../schemas/exchange-rate';
import type { ServiceContext } from '../context';
import type { DbClient } from '../deals/resolve-deal-references';
import { assertAdmin } from '../permissions';

/** The Setting row holding the workspace's home currency (a JSON string such as "USD"). */
export const HOME_CURRENCY_KEY = 'workspace.homeCurrency';

/** The currency every converted figure is shown in when nobody chose one. */
export const DEFAULT_HOME_CURRENCY = 'USD';

/** The workspace's home currency: the default for new deals and the currency of converted totals. */
export async function readHomeCurrency(client: DbClient | typeof db = db): Promise<string> {
  const row = await client.setting.findUnique({ where: { key: HOME_CURRENCY_KEY }, select: { value: true } });
  return typeof row?.value === 'string' ? row.value : DEFAULT_HOME_CURRENCY;
}

/**
 * Admins: sets the home currency. Rates are kept per home currency, so switching away and back loses
 * none; after a switch, figures convert with the rates entered for the new home currency.
 */
export async function updateHomeCurrency({ ctx, input }: { ctx: ServiceContext; input: { currency: string } }): Promise<string> {
  assertAdmin(ctx, 'change the home currency');
  const { currency } = homeCurrencyInput.parse(input);
  await writeAs(ctx, (tx) =>
    tx.setting.upsert({ where: { key: HOME_CURRENCY_KEY }, create: { key: HOME_CURRENCY_KEY, value: currency }, update: { value: currency } }),
  );
  return currency;
}
