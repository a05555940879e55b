import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';

/**
 * Deletes a deal: hidden everywhere a rep looks, its stage history kept for reports.
 * Everyone may delete deals (docs/decisions/003-permissions.md).
 */
export async function deleteDeal({ ctx, input }: { ctx: ServiceContext; input: { dealId: number; expectedVersion?: number | null } }): Promise<void> {
  void ctx;
  const now = new Date();
  const result = await db.deal.updateMany({
    where: { id: input.dealId, deletedAt: null, ...(input.expectedVersion != null ? { version: input.expectedVersion } : {}) },
    data: { deletedAt: now, version: { increment: 1 } },
  });
  if (result.count === 1) return;
  const exists = await db.deal.findFirst({ where: { id: input.dealId, deletedAt: null }, select: { version: true } });
  if (!exists) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
  throw new AppError('precondition_failed', `The deal changed since you read it (now version ${exists.version}); read it again and retry.`);
}
