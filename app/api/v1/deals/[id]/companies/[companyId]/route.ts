import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeCompany } from '@/lib/api/serializers/company';
import { withApiRoute } from '@/lib/api/with-api-route';
import { linkCompanyToDeal } from '@/lib/services/deal-links/link-company-to-deal';
import { unlinkCompanyFromDeal } from '@/lib/services/deal-links/unlink-company-from-deal';

type Params = { id: string; companyId: string };

// PUT /api/v1/deals/:id/companies/:companyId – link a company to a deal (idempotent)
export const PUT = withApiRoute<Params>(async ({ ctx, params }) => {
  const dealId = parsePathId('deal', params.id);
  const companyId = parsePathId('company', params.companyId);
  const company = await linkCompanyToDeal({ ctx, input: { dealId, companyId } });
  return dataResponse(serializeCompany(company));
});

// DELETE /api/v1/deals/:id/companies/:companyId – unlink a company from a deal (idempotent)
export const DELETE = withApiRoute<Params>(async ({ ctx, params }) => {
  const dealId = parsePathId('deal', params.id);
  const companyId = parsePathId('company', params.companyId);
  await unlinkCompanyFromDeal({ ctx, input: { dealId, companyId } });
  return noContent();
});
