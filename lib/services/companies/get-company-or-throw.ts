import 'server-only';
import { db, type Prisma } from '../../db';
import type { ServiceContext } from '../context';
import { companyNotFound } from './company-not-found';

/** The (not deleted) company row, or 404 (saying where a merged one went). Every role may read every company. */
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
  if (!company) throw await companyNotFound(input.companyId, tx);
  return company;
}
