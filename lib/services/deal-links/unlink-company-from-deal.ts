import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { getCompanyOrThrow } from '../companies/get-company-or-throw';
import { getDealToChangeOrThrow } from '../deals/assert-may-change-deal';
import { writeAs } from '../../change-record/change-actor';

/**
 * Removes the link between a deal and a company; a pair that is not linked is fine (idempotent).
 * The deal's primary company (its `company_id`) stays linked while it is primary: unlinking it is a
 * 409 that changes nothing, as the deal page does not offer it — the deal would otherwise name a
 * primary company its own companies list no longer shows. 404 when the deal or the company does
 * not exist or is deleted. Everyone may, on a deal they may change.
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
  await getDealToChangeOrThrow({ ctx, input: { dealId: input.dealId }, tx });
  await getCompanyOrThrow({ ctx, input: { companyId: input.companyId }, tx });
  // the primary is checked in the delete itself, so one made primary meanwhile keeps its link too
  const removed = await writeAs(
    ctx,
    (client) =>
      client.dealCompany.deleteMany({
        where: { dealId: input.dealId, companyId: input.companyId, deal: { OR: [{ companyId: null }, { companyId: { not: input.companyId } }] } },
      }),
    tx,
  );
  if (removed.count === 0) {
    // nothing to remove (fine) — or the primary, which stays
    const now = await (tx ?? db).deal.findUnique({ where: { id: input.dealId }, select: { companyId: true } });
    if (now?.companyId === input.companyId) throw primaryConflict();
  }
}

function primaryConflict(): AppError {
  return new AppError(
    'conflict',
    "This company is the deal's primary company and stays linked while it is: set the deal's company_id to another company (or null) first.",
    [{ path: 'company_id', message: "is the deal's primary company" }],
  );
}
