import 'server-only';
import { db } from '../../db';
import { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';

/** The owner as an external system named it, kept when it matched no Dealboard user. */
export interface ExternalOwner {
  name: string | null;
  email: string | null;
  id: string | null;
}

/**
 * Sets the two deal columns that only syncs write and createDeal/updateDeal do not take: when the
 * deal started in the source system (startedAt) and the source's owner when it matched no user
 * (externalOwner; null clears it). `undefined` leaves a column alone. Writes (and bumps the deal's
 * version) only when a value changes, so an identical re-sync leaves the deal untouched.
 * Everyone may (it is part of working a deal).
 */
export async function setDealSyncFields({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: { dealId: number; startedAt?: Date; externalOwner?: ExternalOwner | null };
}): Promise<void> {
  void ctx; // everyone works deals
  const current = await db.deal.findFirst({ where: { id: input.dealId, deletedAt: null }, select: { startedAt: true, externalOwner: true } });
  if (!current) return;
  const data: Prisma.DealUpdateManyMutationInput = {};
  if (input.startedAt !== undefined && current.startedAt?.getTime() !== input.startedAt.getTime()) data.startedAt = input.startedAt;
  if (input.externalOwner !== undefined && JSON.stringify(current.externalOwner ?? null) !== JSON.stringify(input.externalOwner)) {
    data.externalOwner = input.externalOwner === null ? Prisma.DbNull : { ...input.externalOwner };
  }
  if (Object.keys(data).length === 0) return;
  await db.deal.updateMany({ where: { id: input.dealId, deletedAt: null }, data: { ...data, version: { increment: 1 } } });
}
