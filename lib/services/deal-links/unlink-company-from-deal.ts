import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { getCompanyOrThrow } from '../companies/get-company-or-throw';
import { getDealOrThrow } from '../deals/get-deal-or-throw';

/**
 * Removes the link between a deal and a company; a pair that is not linked is fine (idempotent).
 * The deal's primary company is not touched. 404 when the deal or the company does not exist or is
 * deleted. Everyone may.
 */
export async function unlinkCompanyFromDeal({ ctx, input }: { ctx: ServiceContext; input: { dealId: number; companyId: number } }): Promise<void> {
  await getDealOrThrow({ ctx, input: { dealId: input.dealId } });
  await getCompanyOrThrow({ ctx, input: { companyId: input.companyId } });
  await db.dealCompany.deleteMany({ where: { dealId: input.dealId, companyId: input.companyId } });
}
