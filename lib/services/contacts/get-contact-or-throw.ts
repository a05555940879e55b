import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';

/** What every contact read loads: the company's deletedAt, so a deleted company shows as none. */
export const contactInclude = { company: { select: { deletedAt: true } } } as const;

/** The (not deleted) contact row, or 404. Every role may read every contact. */
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
  if (!contact) throw new AppError('not_found', 'No contact with this ID exists.');
  return contact;
}
