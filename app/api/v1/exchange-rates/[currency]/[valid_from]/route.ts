import { noContent } from '@/lib/api/respond';
import { withApiRoute } from '@/lib/api/with-api-route';
import { deleteExchangeRate } from '@/lib/services/exchange-rates/delete-exchange-rate';

// DELETE /api/v1/exchange-rates/:currency/:valid_from – remove a mistyped rate
export const DELETE = withApiRoute<{ currency: string; valid_from: string }>(async ({ ctx, params }) => {
  await deleteExchangeRate({ ctx, input: { currency: params.currency, valid_from: params.valid_from } });
  return noContent();
});
