import 'server-only';
import type { Prisma } from '../../db';
import type { ServiceContext } from '../context';
import { getDealToChangeOrThrow } from '../deals/assert-may-change-deal';
import { writeAs } from '../../change-record/change-actor';

/**
 * Links many contacts and companies to a deal at once: one read and one insert per kind, however
 * many IDs (linking a pair again changes nothing; the deal's primary contact and company are not
 * touched). In the caller's transaction (`tx`), or in one of its own. IDs that name no live record
 * are not linked but answered, for the caller to report. 404 when the deal does not exist or is
 * deleted. Everyone may, on a deal they may change.
 */
export async function linkRecordsToDeal({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { dealId: number; contactIds?: number[]; companyIds?: number[] };
  /** the caller's transaction, to link together with other writes */
  tx?: Prisma.TransactionClient;
}): Promise<{ missingContactIds: number[]; missingCompanyIds: number[] }> {
  const { dealId } = input;
  const contactIds = [...new Set(input.contactIds ?? [])];
  const companyIds = [...new Set(input.companyIds ?? [])];
  const work = async (tx: Prisma.TransactionClient) => {
    await getDealToChangeOrThrow({ ctx, input: { dealId }, tx });
    const where = (ids: number[]) => ({ id: { in: ids }, deletedAt: null });
    const liveContacts = new Set(
      contactIds.length === 0 ? [] : (await tx.contact.findMany({ where: where(contactIds), select: { id: true } })).map((r) => r.id),
    );
    const liveCompanies = new Set(
      companyIds.length === 0 ? [] : (await tx.company.findMany({ where: where(companyIds), select: { id: true } })).map((r) => r.id),
    );
    // INSERT … ON CONFLICT DO NOTHING: pairs already linked (or linked concurrently) never collide
    if (liveContacts.size > 0) {
      await tx.dealContact.createMany({
        data: contactIds.filter((id) => liveContacts.has(id)).map((contactId) => ({ dealId, contactId })),
        skipDuplicates: true,
      });
    }
    if (liveCompanies.size > 0) {
      await tx.dealCompany.createMany({
        data: companyIds.filter((id) => liveCompanies.has(id)).map((companyId) => ({ dealId, companyId })),
        skipDuplicates: true,
      });
    }
    return { missingContactIds: contactIds.filter((id) => !liveContacts.has(id)), missingCompanyIds: companyIds.filter((id) => !liveCompanies.has(id)) };
  };
  return writeAs(ctx, work, tx);
}
