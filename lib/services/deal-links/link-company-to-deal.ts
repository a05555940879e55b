import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { getCompanyOrThrow } from '../companies/get-company-or-throw';
import { getDealOrThrow } from '../deals/get-deal-or-throw';

/**
 * Links a company to a deal; linking it again changes nothing. The deal's primary company is not
 * touched. 404 when the deal or the company does not exist or is deleted. Everyone may.
 * Answers the linked company.
 */
export async function linkCompanyToDeal({ ctx, input }: { ctx: ServiceContext; input: { dealId: number; companyId: number } }) {
  await getDealOrThrow({ ctx, input: { dealId: input.dealId } });
  const company = await getCompanyOrThrow({ ctx, input: { companyId: input.companyId } });
  // INSERT … ON CONFLICT DO NOTHING: concurrent links of the same pair never collide
  await db.dealCompany.createMany({ data: [{ dealId: input.dealId, companyId: input.companyId }], skipDuplicates: true });
  return company;
}
