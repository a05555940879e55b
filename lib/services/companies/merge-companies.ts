import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import { setChangeActor } from '../../change-record/change-actor';
import { executeStatement } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';
import type { ServiceContext } from '../context';
import { assertMayMergeRecords } from '../permissions';
import { companyNotFound } from './company-not-found';
import { countCompanyMoves } from './preview-company-merge';

const co = tableAs('companies', 'co');

/**
 * Records one `company.merged` event (the merged company as it now is, pointing at the survivor).
 * dealboard_record_event takes the change record's lock until commit: the last statement of the merge.
 */
async function recordCompanyMerged(tx: Prisma.TransactionClient, mergedId: number): Promise<void> {
  await executeStatement(
    tx,
    sql`SELECT dealboard_record_event('company.merged', 'company', ${String(mergedId)}::text, NULL, NULL, '{}'::jsonb, to_jsonb(${co.alias}))
        FROM ${co.from} WHERE ${co('id')} = ${mergedId}`,
  );
}

/**
 * Merges company `companyId` into company `intoId`, in one transaction (docs/decisions/020-merging-records.md):
 * every deal naming it as primary company, every deal link and every contact working there move to
 * the survivor (a deal linked to both keeps one link), the survivor's empty domain and external ID are
 * filled from it, and it is soft-deleted with a pointer to the survivor (its own values stay readable
 * there, listed on the survivor's page). Companies merged into it earlier now point at the survivor.
 * Managers and admins only (403); 404 for a missing `companyId`, 422 for merging into itself or into
 * a missing company — nothing changes.
 */
export async function mergeCompanies({ ctx, input }: { ctx: ServiceContext; input: { companyId: number; intoId: number } }) {
  assertMayMergeRecords(ctx, 'companies');
  const { companyId: mergedId, intoId } = input;
  if (mergedId === intoId) {
    throw new AppError('unprocessable', 'A company cannot be merged into itself.', [{ path: 'into', message: 'Choose another company' }]);
  }
  return db.$transaction(
    async (tx) => {
      await setChangeActor(tx, ctx);
      // touching both rows locks them: a concurrent edit, delete or merge of either waits for this one
      await tx.company.updateMany({ where: { id: { in: [mergedId, intoId] }, deletedAt: null }, data: { updatedAt: new Date() } });
      const merged = await tx.company.findFirst({ where: { id: mergedId, deletedAt: null } });
      if (!merged) throw await companyNotFound(mergedId, tx);
      const survivor = await tx.company.findFirst({ where: { id: intoId, deletedAt: null } });
      if (!survivor) {
        throw new AppError('unprocessable', 'into names no existing company.', [{ path: 'into', message: 'No company with this ID exists' }]);
      }

      const moves = await countCompanyMoves(tx, mergedId);

      // the survivor's own values win; only its empty fields are filled
      const fills: Prisma.CompanyUpdateInput = {};
      if (survivor.domain === null && merged.domain !== null) fills.domain = merged.domain;
      if (survivor.externalId === null && merged.externalId !== null) fills.externalId = merged.externalId;
      // external IDs are unique: the merged company gives its up before the survivor takes it
      await tx.company.update({
        where: { id: mergedId },
        data: { deletedAt: new Date(), mergedIntoCompanyId: intoId, ...(fills.externalId !== undefined ? { externalId: null } : {}) },
      });
      if (Object.keys(fills).length > 0) await tx.company.update({ where: { id: intoId }, data: fills });
      await tx.company.updateMany({ where: { mergedIntoCompanyId: mergedId }, data: { mergedIntoCompanyId: intoId } });

      // deleted deals and contacts too: their history keeps naming a company that exists
      await tx.contact.updateMany({ where: { companyId: mergedId }, data: { companyId: intoId } });
      await tx.deal.updateMany({ where: { companyId: mergedId }, data: { companyId: intoId, version: { increment: 1 } } });
      const bothLinked = await tx.dealCompany.findMany({
        where: { companyId: intoId, deal: { companies: { some: { companyId: mergedId } } } },
        select: { dealId: true },
      });
      await tx.dealCompany.deleteMany({ where: { companyId: mergedId, dealId: { in: bothLinked.map((link) => link.dealId) } } });
      await tx.dealCompany.updateMany({ where: { companyId: mergedId }, data: { companyId: intoId } });

      await recordCompanyMerged(tx, mergedId);
      const result = await tx.company.findUniqueOrThrow({ where: { id: intoId } });
      return { company: result, moves };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
