import 'server-only';
import type { Prisma } from '../../db';
import type { ServiceContext } from '../context';
import { getCompanyOrThrow } from '../companies/get-company-or-throw';
import { getDealToChangeOrThrow } from '../deals/assert-may-change-deal';
import { writeAs } from '../../change-record/change-actor';

/**
 * Links a company to a deal; linking it again changes nothing. The deal's primary company is not
 * touched. 404 when the deal or the company does not exist or is deleted. Everyone may, on a deal they may change.
 * Answers the linked company.
 */
export async function linkCompanyToDeal({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { dealId: number; companyId: number };
  /** the caller's transaction, to link together with other writes */
  tx?: Prisma.TransactionClient;
}) {
  await getDealToChangeOrThrow({ ctx, input: { dealId: input.dealId }, tx });
  const company = await getCompanyOrThrow({ ctx, input: { companyId: input.companyId }, tx });
  // INSERT … ON CONFLICT DO NOTHING: concurrent links of the same pair never collide
  await writeAs(ctx, (client) => client.dealCompany.createMany({ data: [{ dealId: input.dealId, companyId: input.companyId }], skipDuplicates: true }), tx);
  return company;
}
