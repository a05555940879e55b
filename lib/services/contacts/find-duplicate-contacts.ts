import 'server-only';
import { db } from '../../db';
import type { FindDuplicateContactsInput } from '../../schemas/contact';
import type { ServiceContext } from '../context';

/** At most this many of each kind of match are shown. */
const MATCH_LIMIT = 5;

const matchSelect = { id: true, firstName: true, lastName: true, email: true } as const;

/**
 * Contacts the one being created or edited may duplicate: `sameEmail` — the same email, ignoring
 * case (a warning: almost surely the same person); `sameName` — the same first and last name,
 * ignoring case, with another or no email (a hint). A warning, never a block: emails are not
 * unique (people share addresses). Every role may ask.
 */
export async function findDuplicateContacts({ ctx, input }: { ctx: ServiceContext; input: FindDuplicateContactsInput }) {
  void ctx; // every role reads every contact
  const email = input.email?.trim() ?? '';
  const firstName = input.first_name?.trim() ?? '';
  const lastName = input.last_name?.trim() ?? '';
  const notSelf = input.exclude_id !== undefined ? { id: { not: input.exclude_id } } : {};
  const sameEmail = email.includes('@')
    ? await db.contact.findMany({
        where: { deletedAt: null, email: { equals: email, mode: 'insensitive' }, ...notSelf },
        orderBy: { id: 'asc' },
        take: MATCH_LIMIT,
        select: matchSelect,
      })
    : [];
  const sameName =
    firstName !== ''
      ? await db.contact.findMany({
          where: {
            deletedAt: null,
            firstName: { equals: firstName, mode: 'insensitive' },
            lastName: { equals: lastName, mode: 'insensitive' },
            id: { notIn: [...sameEmail.map((contact) => contact.id), ...(input.exclude_id !== undefined ? [input.exclude_id] : [])] },
          },
          orderBy: { id: 'asc' },
          take: MATCH_LIMIT,
          select: matchSelect,
        })
      : [];
  return { sameEmail, sameName };
}
