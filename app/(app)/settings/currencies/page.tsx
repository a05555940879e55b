import type { Metadata } from 'next';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { utcDay } from '@/lib/time/utc-day';
import { listExchangeRates } from '@/lib/services/exchange-rates/list-exchange-rates';
import { canConfigureWorkspace } from '@/lib/services/permissions';
import { ExchangeRatesManager } from '@/components/settings/exchange-rates-manager';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Currencies · Settings' };

// /settings/currencies – the exchange rates into the home currency (managers and admins edit, others read)
export default async function CurrenciesSettingsPage() {
  const ctx = await getBrowserContext();
  const list = await listExchangeRates({ ctx, input: {} });
  return (
    <div className="mx-auto max-w-3xl p-4 sm:p-6">
      <ExchangeRatesManager home={list.home} rates={list.rates} today={utcDay()} readOnly={!canConfigureWorkspace(ctx)} />
    </div>
  );
}
