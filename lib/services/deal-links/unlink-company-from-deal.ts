import 'server-only';
import { db, type Prisma } from '../../db';
import type { ServiceContext } from '../context';
import { getCompanyOrThrow } from '../companies/get-company-or-throw';
import { getDealOrThrow } from '../deals/get-deal-or-throw';

/**
 * Removes the link between a deal and a company; a pair that is not linked is fine (idempotent).
 * The deal's primary company is not touched. 404 when the deal or the company does not exist or is
 * deleted. Everyone may.
 */
export async function unlinkCompanyFromDeal({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { dealId: number; companyId: number };
  /** the caller's transaction, to unlink together with other writes */
  tx?: Prisma.TransactionClient;
}): Promise<void> {
  const client = tx ?? db;
  await getDealOrThrow({ ctx, input: { dealId: input.dealId }, tx });
  await getCompanyOrThrow({ ctx, input: { companyId: input.companyId }, tx });
  await client.dealCompany.deleteMany({ where: { dealId: input.dealId, companyId: input.companyId } });
}
