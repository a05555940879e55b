import 'server-only';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { writeAs } from '../../change-record/change-actor';

/**
 * Soft-deletes a company: it is 404 and absent from lists from now on, and its contacts show
 * `company_id: null`. Rows keep their references, so nothing else is rewritten. Everyone may;
 * a second delete is 404.
 */
export async function deleteCompany({ ctx, input }: { ctx: ServiceContext; input: { companyId: number } }): Promise<void> {
  // every role works companies
  const { count } = await writeAs(ctx, (tx) => tx.company.updateMany({ where: { id: input.companyId, deletedAt: null }, data: { deletedAt: new Date() } }));
  if (count === 0) throw new AppError('not_found', 'No company with this ID exists.');
}
