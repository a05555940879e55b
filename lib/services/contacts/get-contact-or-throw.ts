import 'server-only';
import { db, type Prisma } from '../../db';
import type { ServiceContext } from '../context';
import { contactNotFound } from './contact-not-found';

/** What every contact read loads: the company's deletedAt, so a deleted company shows as none. */
export const contactInclude = { company: { select: { deletedAt: true } } } as const;

/** The (not deleted) contact row, or 404 (saying where a merged one went). Every role may read every contact. */
export async function getContactOrThrow({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { contactId: number };
  /** the caller's transaction, when inside one (every read must go through it then) */
  tx?: Prisma.TransactionClient;
}) {
  void ctx;
  const contact = await (tx ?? db).contact.findFirst({ where: { id: input.contactId, deletedAt: null }, include: contactInclude });
  if (!contact) throw await contactNotFound(input.contactId, tx);
  return contact;
}
