import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';

/** The (not deleted) company row, or 404. Every role may read every company. */
export async function getCompanyOrThrow({
  ctx,
  input,
  tx,
}: {
  ctx: ServiceContext;
  input: { companyId: number };
  /** the caller's transaction, when inside one (every read must go through it then) */
  tx?: Prisma.TransactionClient;
}) {
  void ctx;
  const company = await (tx ?? db).company.findFirst({ where: { id: input.companyId, deletedAt: null } });
  if (!company) throw new AppError('not_found', 'No company with this ID exists.');
  return company;
}
