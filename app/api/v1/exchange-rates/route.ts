import { dataResponse } from '@/lib/api/respond';
import { serializeExchangeRate } from '@/lib/api/serializers/currency';
import { withApiRoute } from '@/lib/api/with-api-route';
import { listExchangeRatesQuery, putExchangeRatesBody } from '@/lib/schemas/exchange-rate';
import { listExchangeRates } from '@/lib/services/exchange-rates/list-exchange-rates';
import { putExchangeRates } from '@/lib/services/exchange-rates/put-exchange-rates';

// GET /api/v1/exchange-rates – the rates into the home currency (with `on`: those in force that day)
export const GET = withApiRoute(async ({ ctx, query }) => {
  const input = query(listExchangeRatesQuery);
  const list = await listExchangeRates({ ctx, input });
  return dataResponse(list.rates.map((rate) => serializeExchangeRate(rate, list.home)));
});

// PUT /api/v1/exchange-rates – save rates (each replaces the same currency's rate of the same day); all or nothing
export const PUT = withApiRoute(async ({ ctx, body }) => {
  const input = body(putExchangeRatesBody);
  const { home } = await putExchangeRates({ ctx, input });
  return dataResponse(input.rates.map((rate) => serializeExchangeRate({ currency: rate.currency, rate: rate.rate, validFrom: rate.valid_from }, home)));
});
