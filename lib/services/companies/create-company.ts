import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { CreateCompanyInput } from '../../schemas/company';
import type { ServiceContext } from '../context';
import { prismaErrorCode } from '../contacts/create-contact';

// Prisma's unique-constraint violation
const UNIQUE_VIOLATION = 'P2002';

/** Maps a unique violation on external_id to 409 (naming a deleted holder); anything else is rethrown. */
export async function companyWriteError(error: unknown, input: { external_id?: string | null }): Promise<unknown> {
  if (prismaErrorCode(error) !== UNIQUE_VIOLATION || !input.external_id) return error;
  const holder = await db.company.findUnique({ where: { externalId: input.external_id }, select: { deletedAt: true } });
  const message = holder?.deletedAt
    ? `external_id "${input.external_id}" belongs to a deleted company; external IDs stay reserved after deletion.`
    : `Another company already has external_id "${input.external_id}".`;
  return new AppError('conflict', message, [{ path: 'external_id', message: 'Already in use' }]);
}

/** Creates a company (the domain arrives normalised by the schema). Everyone may. */
export async function createCompany({ ctx, input }: { ctx: ServiceContext; input: CreateCompanyInput }) {
  void ctx; // every role works companies
  try {
    return await db.company.create({
      data: { name: input.name, domain: input.domain ?? null, externalId: input.external_id ?? null },
    });
  } catch (error) {
    throw await companyWriteError(error, input);
  }
}
