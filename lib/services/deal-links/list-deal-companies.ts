import 'server-only';
import { encodeCursor, pageOf } from '../../api/pagination';
import { db } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { ListLinksInput } from '../../schemas/contact';
import type { ServiceContext } from '../context';
import { createdAtCursor } from '../contacts/list-contacts';
import { getDealOrThrow } from '../deals/get-deal-or-throw';

/** The sort of a deal's links: when each was linked, then the company's id (unique per deal). */
const SORT = 'linked_at';

/** A page of the (not deleted) companies linked to a (not deleted) deal, in the order they were linked. */
export async function listDealCompanies({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } & ListLinksInput }) {
  await getDealOrThrow({ ctx, input: { dealId: input.dealId } });
  const and: Prisma.DealCompanyWhereInput[] = [{ dealId: input.dealId, company: { deletedAt: null } }];
  if (input.cursor !== undefined) {
    const after = createdAtCursor(input.cursor, SORT);
    and.push({ OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, companyId: { gt: after.id } }] });
  }
  const links = await db.dealCompany.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: 'asc' }, { companyId: 'asc' }],
    take: input.limit + 1,
    include: { company: true },
  });
  const page = pageOf(links, input.limit, (link) => encodeCursor({ s: SORT, v: link.createdAt.toISOString(), id: link.companyId }));
  return { rows: page.rows.map((link) => link.company), hasMore: page.hasMore, nextCursor: page.nextCursor };
}
