import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import type { CreateCompanyInput } from '../../schemas/company';
import type { ServiceContext } from '../context';
import { prismaErrorCode } from '../contacts/create-contact';
import { writeAs } from '../../change-record/change-actor';

// Prisma's unique-constraint violation
const UNIQUE_VIOLATION = 'P2002';

/** The 409 for an external_id another company holds; `deleted` says whether that holder is deleted (undefined: not known). */
function externalIdTaken(externalId: string, deleted: boolean | undefined): AppError {
  const message = deleted
    ? `external_id "${externalId}" belongs to a deleted company; external IDs stay reserved after deletion.`
    : `Another company already has external_id "${externalId}".`;
  return new AppError('conflict', message, [{ path: 'external_id', message: 'Already in use' }]);
}

/**
 * Maps a unique violation on external_id to 409 (naming a deleted holder); anything else is rethrown.
 * Inside a transaction (`tx`) the failed write has aborted it, so the holder is not looked up.
 */
export async function companyWriteError(error: unknown, input: { external_id?: string | null }, tx?: Prisma.TransactionClient): Promise<unknown> {
  if (prismaErrorCode(error) !== UNIQUE_VIOLATION || !input.external_id) return error;
  if (tx) return externalIdTaken(input.external_id, undefined);
  const holder = await db.company.findUnique({ where: { externalId: input.external_id }, select: { deletedAt: true } });
  return externalIdTaken(input.external_id, holder ? holder.deletedAt !== null : undefined);
}

/** Creates a company (the domain arrives normalised by the schema). Everyone may. */
export async function createCompany({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: CreateCompanyInput;
  /** the caller's transaction, to create the company together with other writes */
  tx?: Prisma.TransactionClient;
}) {
  // every role works companies
  if (tx && input.external_id) {
    // a failed insert would abort the caller's transaction: look for the holder of the ID first
    const holder = await tx.company.findUnique({ where: { externalId: input.external_id }, select: { deletedAt: true } });
    if (holder) throw externalIdTaken(input.external_id, holder.deletedAt !== null);
  }
  try {
    return await writeAs(
      ctx,
      (client) => client.company.create({ data: { name: input.name, domain: input.domain ?? null, externalId: input.external_id ?? null } }),
      tx,
    );
  } catch (error) {
    throw await companyWriteError(error, input, tx);
  }
}
