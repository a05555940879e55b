import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeCompany } from '@/lib/api/serializers/company';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createCompanyBody, listCompaniesQuery } from '@/lib/schemas/company';
import { createCompany } from '@/lib/services/companies/create-company';
import { listCompanies } from '@/lib/services/companies/list-companies';

// GET /api/v1/companies – companies, oldest first, filtered by q, domain, external_id
export const GET = withApiRoute(async ({ ctx, query }) => {
  const input = query(listCompaniesQuery);
  const page = await listCompanies({ ctx, input });
  return listResponse({ items: page.rows.map(serializeCompany), hasMore: page.hasMore, nextCursor: page.nextCursor });
});

// POST /api/v1/companies – create a company
export const POST = withApiRoute(async ({ ctx, body }) => {
  const input = body(createCompanyBody);
  const company = await createCompany({ ctx, input });
  return dataResponse(serializeCompany(company), { status: 201 });
});
