import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';

/** The (not deleted) company row, or 404. Every role may read every company. */
export async function getCompanyOrThrow({ ctx, input }: { ctx: ServiceContext; input: { companyId: number } }) {
  void ctx;
  const company = await db.company.findFirst({ where: { id: input.companyId, deletedAt: null } });
  if (!company) throw new AppError('not_found', 'No company with this ID exists.');
  return company;
}
