import 'server-only';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import type { UpdateCompanyInput } from '../../schemas/company';
import type { ServiceContext } from '../context';
import { prismaErrorCode } from '../contacts/create-contact';
import { companyWriteError } from './create-company';
import { getCompanyOrThrow } from './get-company-or-throw';
import { writeAs } from '../../change-record/change-actor';

const RECORD_NOT_FOUND = 'P2025';

/** Changes the fields given (null clears an optional one); 404 for a deleted company. Everyone may. */
export async function updateCompany({ ctx, input }: { ctx: ServiceContext; input: { companyId: number; changes: UpdateCompanyInput } }) {
  const current = await getCompanyOrThrow({ ctx, input: { companyId: input.companyId } });
  const { changes } = input;
  const data: Prisma.CompanyUpdateInput = {};
  if (changes.name !== undefined) data.name = changes.name;
  if (changes.domain !== undefined) data.domain = changes.domain;
  if (changes.external_id !== undefined) data.externalId = changes.external_id;
  if (Object.keys(data).length === 0) return current;
  try {
    return await writeAs(ctx, (tx) => tx.company.update({ where: { id: input.companyId, deletedAt: null }, data }));
  } catch (error) {
    // deleted between our read and the write
    if (prismaErrorCode(error) === RECORD_NOT_FOUND) throw new AppError('not_found', 'No company with this ID exists.');
    throw await companyWriteError(error, changes);
  }
}
