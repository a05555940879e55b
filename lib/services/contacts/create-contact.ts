import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { CreateContactInput } from '../../schemas/contact';
import type { ServiceContext } from '../context';
import { contactInclude } from './get-contact-or-throw';
import { writeAs } from '../../change-record/change-actor';

// Prisma's unique-constraint and foreign-key violations
const UNIQUE_VIOLATION = 'P2002';
const FOREIGN_KEY_VIOLATION = 'P2003';

export function prismaErrorCode(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? (error as { code?: string }).code : undefined;
}

/** 422 unless the company exists and is not deleted (a body reference, not a path ID). */
export async function assertCompanyReferenceExists(companyId: number): Promise<void> {
  const company = await db.company.findFirst({ where: { id: companyId, deletedAt: null }, select: { id: true } });
  if (!company) {
    throw new AppError('unprocessable', 'company_id names no existing company.', [{ path: 'company_id', message: 'No company with this ID exists' }]);
  }
}

/** The 409 for an external_id another contact (perhaps a deleted one) already holds. */
export async function externalIdConflict(externalId: string): Promise<AppError> {
  const holder = await db.contact.findUnique({ where: { externalId }, select: { deletedAt: true } });
  const message = holder?.deletedAt
    ? `external_id "${externalId}" belongs to a deleted contact; external IDs stay reserved after deletion.`
    : `Another contact already has external_id "${externalId}".`;
  return new AppError('conflict', message, [{ path: 'external_id', message: 'Already in use' }]);
}

/** Maps the write errors a contact write can hit to client errors; anything else is rethrown. */
export async function contactWriteError(error: unknown, input: { external_id?: string | null }): Promise<unknown> {
  const code = prismaErrorCode(error);
  if (code === UNIQUE_VIOLATION && input.external_id) return externalIdConflict(input.external_id);
  if (code === FOREIGN_KEY_VIOLATION) {
    // the company was removed between our check and the write
    return new AppError('unprocessable', 'company_id names no existing company.', [{ path: 'company_id', message: 'No company with this ID exists' }]);
  }
  return error;
}

/** Creates a contact. Everyone may (docs/decisions/003-permissions.md). */
export async function createContact({ ctx, input }: { ctx: ServiceContext; input: CreateContactInput }) {
  // every role works contacts
  if (input.company_id != null) await assertCompanyReferenceExists(input.company_id);
  try {
    return await writeAs(ctx, (tx) =>
      tx.contact.create({
        data: {
          firstName: input.first_name,
          lastName: input.last_name ?? '',
          email: input.email ?? null,
          phone: input.phone ?? null,
          companyId: input.company_id ?? null,
          externalId: input.external_id ?? null,
        },
        include: contactInclude,
      }),
    );
  } catch (error) {
    throw await contactWriteError(error, input);
  }
}
