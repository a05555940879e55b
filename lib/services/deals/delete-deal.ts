import 'server-only';
import { isRestrictedToOwnDeals, OWN_DEALS_ONLY_MESSAGE } from '../../access/deal-access';
import { db } from '../../db';
import { writeAs } from '../../change-record/change-actor';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { dealAccessFor } from './assert-may-change-deal';

/**
 * Deletes a deal: hidden everywhere a rep looks, its stage history kept for reports. Everyone may
 * delete deals, except that a rep restricted to their own deals may delete only those
 * (docs/decisions/003-permissions.md).
 */
export async function deleteDeal({ ctx, input }: { ctx: ServiceContext; input: { dealId: number; expectedVersion?: number | null } }): Promise<void> {
  const access = await dealAccessFor(ctx);
  // the owner is part of the guarded write: a deal handed to someone else meanwhile stays
  const ownOnly = access !== null && isRestrictedToOwnDeals(ctx.user.role, access);
  const now = new Date();
  const result = await writeAs(ctx, (tx) =>
    tx.deal.updateMany({
      where: {
        id: input.dealId,
        deletedAt: null,
        ...(input.expectedVersion != null ? { version: input.expectedVersion } : {}),
        ...(ownOnly ? { ownerId: ctx.user.id } : {}),
      },
      data: { deletedAt: now, version: { increment: 1 } },
    }),
  );
  if (result.count === 1) return;
  const exists = await db.deal.findFirst({ where: { id: input.dealId, deletedAt: null }, select: { version: true, ownerId: true } });
  if (!exists) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
  if (ownOnly && exists.ownerId !== ctx.user.id) throw new AppError('forbidden', OWN_DEALS_ONLY_MESSAGE);
  throw new AppError('precondition_failed', `The deal changed since you read it (now version ${exists.version}); read it again and retry.`);
}
