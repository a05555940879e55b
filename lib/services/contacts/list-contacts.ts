import 'server-only';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import type { ListContactsInput } from '../../schemas/contact';
import type { ServiceContext } from '../context';
import { contactInclude } from './get-contact-or-throw';

/** The sort every contact page uses; a cursor of another sort is refused. */
const SORT = 'created_at';
/** at most this many words of `q` are searched */
const MAX_TERMS = 8;

/**
 * Prisma sends contains/equals with mode "insensitive" as ILIKE without escaping the pattern
 * characters (a known Prisma limitation): escape them so `q=a_b` and `email=a_b@x.com` match literally.
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function containsInsensitive(text: string) {
  return { contains: escapeLike(text), mode: 'insensitive' as const };
}

export function equalsInsensitive(text: string) {
  return { equals: escapeLike(text), mode: 'insensitive' as const };
}

/** The words of a search, each of which must match. */
export function searchTerms(q: string | undefined): string[] {
  return q ? q.split(/\s+/).filter(Boolean).slice(0, MAX_TERMS) : [];
}

/** The (created_at, id) position a cursor continues after. */
export function createdAtCursor(cursor: string, sort: string): { createdAt: Date; id: number } {
  const position = decodeCursor(cursor, sort);
  const createdAt = typeof position.v === 'string' ? new Date(position.v) : new Date(Number.NaN);
  if (Number.isNaN(createdAt.getTime())) {
    throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', [
      { path: 'cursor', message: 'Invalid cursor' },
    ]);
  }
  return { createdAt, id: position.id };
}

/** A page of (not deleted) contacts, oldest first by (created_at, id). Every role may read. */
export async function listContacts({ ctx, input }: { ctx: ServiceContext; input: ListContactsInput }) {
  void ctx; // every role reads every contact
  const and: Prisma.ContactWhereInput[] = [{ deletedAt: null }];
  for (const term of searchTerms(input.q)) {
    and.push({ OR: [{ firstName: containsInsensitive(term) }, { lastName: containsInsensitive(term) }, { email: containsInsensitive(term) }] });
  }
  if (input.company_id !== undefined) and.push({ companyId: input.company_id, company: { deletedAt: null } });
  if (input.email !== undefined) and.push({ email: equalsInsensitive(input.email) });
  if (input.external_id !== undefined) and.push({ externalId: input.external_id });
  if (input.cursor !== undefined) {
    const after = createdAtCursor(input.cursor, SORT);
    and.push({ OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] });
  }
  const rows = await db.contact.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
    include: contactInclude,
  });
  return pageOf(rows, input.limit, (row) => encodeCursor({ s: SORT, v: row.createdAt.toISOString(), id: row.id }));
}
