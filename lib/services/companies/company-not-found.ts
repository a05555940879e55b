import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import { MERGED_INTO_PATH } from '../../schemas/merge';

/**
 * The 404 for a company ID that names no live company. A company merged into another says where it
 * went: the survivor's ID in the detail `merged_into` (decision 020), so a caller can follow it.
 */
export async function companyNotFound(companyId: number, client: Prisma.TransactionClient = db): Promise<AppError> {
  const merged = await client.company.findUnique({ where: { id: companyId }, select: { mergedIntoCompanyId: true } });
  if (merged?.mergedIntoCompanyId != null) {
    const survivor = toPublicId('company', merged.mergedIntoCompanyId);
    return new AppError('not_found', `This company was merged into ${survivor}.`, [{ path: MERGED_INTO_PATH, message: survivor }]);
  }
  return new AppError('not_found', 'No company with this ID exists.');
}
