import { dataResponse } from '@/lib/api/respond';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateWorkspaceSettingsBody } from '@/lib/schemas/workspace-settings';
import { readHomeCurrency, updateHomeCurrency } from '@/lib/services/currency/home-currency';

// GET /api/v1/settings/workspace – the home currency
export const GET = withApiRoute(async () => {
  return dataResponse({ home_currency: await readHomeCurrency() });
});

// PUT /api/v1/settings/workspace – change the home currency (admins)
export const PUT = withApiRoute(async ({ ctx, body }) => {
  const input = body(updateWorkspaceSettingsBody);
  const currency = await updateHomeCurrency({ ctx, input: { currency: input.home_currency } });
  return dataResponse({ home_currency: currency });
});
