import 'server-only';
import { encodeCursor, pageOf } from '../../api/pagination';
import { db } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { ListCompaniesInput } from '../../schemas/company';
import type { ServiceContext } from '../context';
import { containsInsensitive, createdAtCursor, searchTerms } from '../contacts/list-contacts';

/** The sort every company page uses; a cursor of another sort is refused. */
const SORT = 'created_at';

/** A page of (not deleted) companies, oldest first by (created_at, id). Every role may read. */
export async function listCompanies({ ctx, input }: { ctx: ServiceContext; input: ListCompaniesInput }) {
  void ctx; // every role reads every company
  const and: Prisma.CompanyWhereInput[] = [{ deletedAt: null }];
  for (const term of searchTerms(input.q)) {
    and.push({ OR: [{ name: containsInsensitive(term) }, { domain: containsInsensitive(term) }] });
  }
  // domains are stored normalised (lower case), and the filter is normalised the same way
  if (input.domain !== undefined) and.push({ domain: input.domain });
  if (input.external_id !== undefined) and.push({ externalId: input.external_id });
  if (input.cursor !== undefined) {
    const after = createdAtCursor(input.cursor, SORT);
    and.push({ OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] });
  }
  const rows = await db.company.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  return pageOf(rows, input.limit, (row) => encodeCursor({ s: SORT, v: row.createdAt.toISOString(), id: row.id }));
}
