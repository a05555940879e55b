import 'server-only';
import { db } from '../../db';
import { AppError, isAppError } from '../../errors';
import { queryRows } from '../../database/run-sql';
import { sql, sqlBuilder } from '../../database/typed-sql';
import { toPublicId } from '../../ids';
import { MAX_BULK_DEALS } from '../../schemas/deals-table';
import { mayChangeDeal, OWN_DEALS_ONLY_MESSAGE } from '../../access/deal-access';
import type { ServiceContext } from '../context';
import { dealAccessFor } from './assert-may-change-deal';
import { unprocessable, type DbClient } from './resolve-deal-references';
import { setChangeActor } from '../../change-record/change-actor';

// What every bulk action on deals shares: one transaction for the whole batch, the batch's deals
// locked up front, and refusals that name the deal and say that nothing changed.

/** Long enough for MAX_BULK_DEALS single-deal updates on the embedded database. */
const TRANSACTION_OPTIONS = { timeout: 60_000, maxWait: 10_000 };

export interface BatchDeal {
  id: number;
  name: string;
  pipelineId: number;
  stageId: number;
  ownerId: number | null;
  status: 'open' | 'won' | 'lost' | 'stalled';
}

/**
 * Runs `work` in one transaction: every deal of the batch changes, or none does. It says who acts
 * once, for the whole batch (the single-deal services it calls take the transaction as it is).
 */
export function inBatchTransaction<T>(ctx: ServiceContext, work: (tx: DbClient) => Promise<T>): Promise<T> {
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    return work(tx);
  }, TRANSACTION_OPTIONS);
}

/**
 * The batch's deals, locked for the transaction in ID order (so two overlapping batches queue
 * instead of deadlocking), in the order they were given. A deal that does not exist or was deleted
 * refuses the whole batch, by name when it has one, and so does one the acting user may not change.
 */
export async function lockBatchDeals(ctx: ServiceContext, tx: DbClient, dealIds: readonly number[]): Promise<BatchDeal[]> {
  const ids = [...new Set(dealIds)];
  if (ids.length === 0) throw unprocessable('dealIds', 'Select at least one deal.');
  if (ids.length > MAX_BULK_DEALS) throw unprocessable('dealIds', `Select at most ${MAX_BULK_DEALS} deals at a time.`);
  const rows = await queryRows<BatchDeal>(
    tx,
    sqlBuilder
      .selectFrom('deals')
      .select((eb) => [
        'id',
        'name',
        'pipeline_id as pipelineId',
        'stage_id as stageId',
        'owner_id as ownerId',
        sql<string>`${eb.ref('status')}::text`.as('status'),
      ])
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .forUpdate(),
  );
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = ids.find((id) => !byId.has(id));
  if (missing !== undefined) {
    const deleted = await tx.deal.findFirst({ where: { id: missing }, select: { name: true } });
    throw new AppError(
      'not_found',
      deleted
        ? `“${deleted.name}” has been deleted; nothing was changed. Reload the page and try again.`
        : `No deal with ID ${toPublicId('deal', missing)} exists; nothing was changed.`,
      [{ path: 'dealIds', message: `${toPublicId('deal', missing)} does not exist` }],
    );
  }
  const access = await dealAccessFor(ctx, tx);
  const refused = access ? rows.find((row) => !mayChangeDeal(ctx.user, row.ownerId, access)) : undefined;
  if (refused) {
    throw new AppError('forbidden', `“${refused.name}”: ${OWN_DEALS_ONLY_MESSAGE} Nothing was changed.`, [
      { path: 'dealIds', message: `${toPublicId('deal', refused.id)} is not yours` },
    ]);
  }
  return ids.map((id) => byId.get(id)!);
}

/** Applies `work` to each deal in turn; a refusal of one deal names it and undoes the batch. */
export async function forEachBatchDeal(deals: readonly BatchDeal[], work: (deal: BatchDeal) => Promise<void>): Promise<void> {
  for (const deal of deals) {
    try {
      await work(deal);
    } catch (error) {
      if (isAppError(error)) throw new AppError(error.code, `“${deal.name}”: ${error.message} Nothing was changed.`, error.details);
      throw error;
    }
  }
}
