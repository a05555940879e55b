import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse } from '@/lib/api/respond';
import { serializeCompany } from '@/lib/api/serializers/company';
import { withApiRoute } from '@/lib/api/with-api-route';
import { mergeCompanyBody } from '@/lib/schemas/merge';
import { mergeCompanies } from '@/lib/services/companies/merge-companies';

// POST /api/v1/companies/:id/merge – merge this company into `into`; answers the survivor
export const POST = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const companyId = parsePathId('company', params.id);
  const { into } = body(mergeCompanyBody);
  const { company } = await mergeCompanies({ ctx, input: { companyId, intoId: into } });
  return dataResponse(serializeCompany(company));
});
