import { parsePathId } from '@/lib/api/parse-path-id';
import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeCompany } from '@/lib/api/serializers/company';
import { withApiRoute } from '@/lib/api/with-api-route';
import { updateCompanyBody } from '@/lib/schemas/company';
import { deleteCompany } from '@/lib/services/companies/delete-company';
import { getCompanyOrThrow } from '@/lib/services/companies/get-company-or-throw';
import { updateCompany } from '@/lib/services/companies/update-company';

// GET /api/v1/companies/:id – one company
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const companyId = parsePathId('company', params.id);
  const company = await getCompanyOrThrow({ ctx, input: { companyId } });
  return dataResponse(serializeCompany(company));
});

// PATCH /api/v1/companies/:id – change the fields sent
export const PATCH = withApiRoute<{ id: string }>(async ({ ctx, params, body }) => {
  const companyId = parsePathId('company', params.id);
  const changes = body(updateCompanyBody);
  const company = await updateCompany({ ctx, input: { companyId, changes } });
  return dataResponse(serializeCompany(company));
});

// DELETE /api/v1/companies/:id – soft-delete a company
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  const companyId = parsePathId('company', params.id);
  await deleteCompany({ ctx, input: { companyId } });
  return noContent();
});
