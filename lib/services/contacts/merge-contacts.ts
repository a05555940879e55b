import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import { setChangeActor } from '../../change-record/change-actor';
import { executeStatement } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';
import type { ServiceContext } from '../context';
import { assertMayMergeRecords } from '../permissions';
import { contactNotFound } from './contact-not-found';
import { contactInclude } from './get-contact-or-throw';
import { countContactMoves } from './preview-contact-merge';

const c = tableAs('contacts', 'c');

/**
 * Records one `contact.merged` event (the merged contact as it now is, pointing at the survivor).
 * dealboard_record_event takes the change record's lock until commit: the last statement of the merge.
 */
async function recordContactMerged(tx: Prisma.TransactionClient, mergedId: number): Promise<void> {
  await executeStatement(
    tx,
    sql`SELECT dealboard_record_event('contact.merged', 'contact', ${String(mergedId)}::text, NULL, NULL, '{}'::jsonb, to_jsonb(${c.alias}))
        FROM ${c.from} WHERE ${c('id')} = ${mergedId}`,
  );
}

/** The merged contact's values the survivor lacks (empty fields only: the survivor's own values win). */
function fillsFrom(
  survivor: { lastName: string; email: string | null; phone: string | null; companyId: number | null; externalId: string | null },
  merged: { lastName: string; email: string | null; phone: string | null; companyId: number | null; externalId: string | null },
  mergedCompanyLive: boolean,
): Prisma.ContactUncheckedUpdateInput {
  const data: Prisma.ContactUncheckedUpdateInput = {};
  if (survivor.lastName === '' && merged.lastName !== '') data.lastName = merged.lastName;
  if (survivor.email === null && merged.email !== null) data.email = merged.email;
  if (survivor.phone === null && merged.phone !== null) data.phone = merged.phone;
  if (survivor.companyId === null && merged.companyId !== null && mergedCompanyLive) data.companyId = merged.companyId;
  if (survivor.externalId === null && merged.externalId !== null) data.externalId = merged.externalId;
  return data;
}

/**
 * Merges contact `contactId` into contact `intoId`, in one transaction (docs/decisions/020-merging-records.md):
 * every deal naming it as primary contact and every deal link moves to the survivor (a deal linked to
 * both keeps one link), the survivor's empty fields are filled from it, and it is soft-deleted with a
 * pointer to the survivor (its own values stay readable there, listed on the survivor's page).
 * Contacts merged into it earlier now point at the survivor. Managers and admins only (403); 404
 * for a missing `contactId`, 422 for merging into itself or into a missing contact — nothing changes.
 */
export async function mergeContacts({ ctx, input }: { ctx: ServiceContext; input: { contactId: number; intoId: number } }) {
  assertMayMergeRecords(ctx, 'contacts');
  const { contactId: mergedId, intoId } = input;
  if (mergedId === intoId) {
    throw new AppError('unprocessable', 'A contact cannot be merged into itself.', [{ path: 'into', message: 'Choose another contact' }]);
  }
  return db.$transaction(
    async (tx) => {
      await setChangeActor(tx, ctx);
      // touching both rows locks them: a concurrent edit, delete or merge of either waits for this one
      await tx.contact.updateMany({ where: { id: { in: [mergedId, intoId] }, deletedAt: null }, data: { updatedAt: new Date() } });
      const merged = await tx.contact.findFirst({ where: { id: mergedId, deletedAt: null } });
      if (!merged) throw await contactNotFound(mergedId, tx);
      const survivor = await tx.contact.findFirst({ where: { id: intoId, deletedAt: null } });
      if (!survivor) {
        throw new AppError('unprocessable', 'into names no existing contact.', [{ path: 'into', message: 'No contact with this ID exists' }]);
      }

      const moves = await countContactMoves(tx, mergedId);

      const mergedCompanyLive = merged.companyId !== null && (await tx.company.count({ where: { id: merged.companyId, deletedAt: null } })) > 0;
      const fills = fillsFrom(survivor, merged, mergedCompanyLive);
      // external IDs are unique: the merged contact gives its up before the survivor takes it
      await tx.contact.update({
        where: { id: mergedId },
        data: { deletedAt: new Date(), mergedIntoContactId: intoId, ...(fills.externalId !== undefined ? { externalId: null } : {}) },
      });
      if (Object.keys(fills).length > 0) await tx.contact.update({ where: { id: intoId }, data: fills });
      await tx.contact.updateMany({ where: { mergedIntoContactId: mergedId }, data: { mergedIntoContactId: intoId } });

      // deleted deals too: their history keeps naming someone who exists
      await tx.deal.updateMany({ where: { contactId: mergedId }, data: { contactId: intoId, version: { increment: 1 } } });
      const bothLinked = await tx.dealContact.findMany({
        where: { contactId: intoId, deal: { contacts: { some: { contactId: mergedId } } } },
        select: { dealId: true },
      });
      await tx.dealContact.deleteMany({ where: { contactId: mergedId, dealId: { in: bothLinked.map((link) => link.dealId) } } });
      await tx.dealContact.updateMany({ where: { contactId: mergedId }, data: { contactId: intoId } });

      await recordContactMerged(tx, mergedId);
      const result = await tx.contact.findUniqueOrThrow({ where: { id: intoId }, include: contactInclude });
      return { contact: result, moves };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
