import 'server-only';
import { ASSIGN_OWNER_MESSAGE, mayChangeDeal, OWN_DEALS_ONLY_MESSAGE, type DealAccessSettings } from '../../access/deal-access';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';
import { getDealOrThrow } from './get-deal-or-throw';
import { readDealAccessSettings } from '../settings/deal-access-settings';
import type { DbClient } from './resolve-deal-references';

// Every service that edits, moves, closes or deletes a deal, or changes what belongs to it (line
// items, linked contacts and companies), asks here — so the board, the deal page, bulk actions, the
// REST API and each compatibility dialect refuse a rep the same deals. The rule itself is
// lib/access/deal-access.ts. Managers and admins pass without a lookup.

/** The deal access settings when they can restrict this person (a rep), else null (no lookup). */
export async function dealAccessFor(ctx: ServiceContext, client: DbClient = db): Promise<DealAccessSettings | null> {
  return ctx.user.role === 'rep' ? readDealAccessSettings(client) : null;
}

/**
 * 403 unless the acting user may change this deal, and — when the change gives it an owner
 * (`newOwnerId`, a create or a hand-over) — make that person its owner.
 */
export async function assertMayChangeDeal(
  ctx: ServiceContext,
  deal: { ownerId: number | null; newOwnerId?: number | null },
  client: DbClient = db,
): Promise<void> {
  const settings = await dealAccessFor(ctx, client);
  if (!settings) return;
  if (!mayChangeDeal(ctx.user, deal.ownerId, settings)) throw new AppError('forbidden', OWN_DEALS_ONLY_MESSAGE);
  if (deal.newOwnerId !== undefined && !mayChangeDeal(ctx.user, deal.newOwnerId, settings)) throw new AppError('forbidden', ASSIGN_OWNER_MESSAGE);
}

/** As assertMayChangeDeal, for a deal known by ID; an unknown or deleted deal passes (the caller answers 404). */
export async function assertMayChangeDealById(ctx: ServiceContext, dealId: number, client: DbClient = db): Promise<void> {
  if (ctx.user.role !== 'rep') return;
  const deal = await client.deal.findFirst({ where: { id: dealId, deletedAt: null }, select: { ownerId: true } });
  if (deal) await assertMayChangeDeal(ctx, deal, client);
}

/**
 * The owner of a deal the acting user creates: `ownerId` when they may give it to that person; a
 * rep restricted to their own deals gets a deal that came without an owner (a sync) themselves,
 * so they can go on editing it, and is refused (403) one they asked to give to someone else.
 */
export async function ownerForNewDeal(ctx: ServiceContext, ownerId: number | null, ownerWasAsked: boolean, client: DbClient = db): Promise<number | null> {
  if (ownerId === ctx.user.id) return ownerId;
  const settings = await dealAccessFor(ctx, client);
  if (!settings || mayChangeDeal(ctx.user, ownerId, settings)) return ownerId;
  if (!ownerWasAsked) return ctx.user.id;
  throw new AppError('forbidden', ASSIGN_OWNER_MESSAGE);
}

/** The (not deleted) deal row the acting user is about to change: 404 when there is none, 403 when it is not theirs to change. */
export async function getDealToChangeOrThrow({ ctx, input, tx }: { ctx: ServiceContext; input: { dealId: number }; tx?: DbClient }) {
  const deal = await getDealOrThrow({ ctx, input, ...(tx ? { tx } : {}) });
  await assertMayChangeDeal(ctx, deal, tx ?? db);
  return deal;
}
