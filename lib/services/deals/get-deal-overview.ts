import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';

/**
 * Everything the deal workspace shows about one (not deleted) deal: the deal with its version, its
 * pipeline, stage, owner, primary contact and company; its stage history (oldest first) with stage
 * names and who moved it; its line items in list order; its latest activities and its tasks.
 * 404 for an unknown or deleted deal. Every role may read every deal.
 */
export async function getDealOverview({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }) {
  void ctx; // every role can read every deal
  const deal = await db.deal.findFirst({
    where: { id: input.dealId, deletedAt: null },
    include: {
      pipeline: { select: { id: true, name: true } },
      stage: { select: { id: true, name: true, probability: true, outcome: true, rottingDays: true } },
      owner: { select: { id: true, name: true } },
      company: { select: { id: true, name: true, domain: true } },
      contact: { select: { id: true, firstName: true, lastName: true, email: true } },
      history: {
        orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
        include: {
          fromStage: { select: { id: true, name: true, outcome: true } },
          toStage: { select: { id: true, name: true, outcome: true, position: true } },
          changedBy: { select: { name: true } },
        },
      },
      lineItems: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
      activities: { orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }], take: 100, include: { owner: { select: { name: true } } } },
      tasks: { orderBy: [{ status: 'asc' }, { dueAt: 'asc' }, { id: 'asc' }], take: 200, include: { assignee: { select: { name: true } } } },
    },
  });
  if (!deal) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
  return deal;
}

export type DealOverview = Awaited<ReturnType<typeof getDealOverview>>;

/** Whether a (not deleted) deal exists: the cheap check the page makes before it streams. */
export async function dealExists({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }): Promise<boolean> {
  void ctx;
  const row = await db.deal.findFirst({ where: { id: input.dealId, deletedAt: null }, select: { id: true } });
  return row !== null;
}

/**
 * The few columns a deal action needs before it writes (currency to read an amount in, pipeline to
 * find its outcome stages, the version a write will be checked against); 404 for an unknown or
 * deleted deal.
 */
export async function getDealBasics({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } }) {
  void ctx;
  const deal = await db.deal.findFirst({
    where: { id: input.dealId, deletedAt: null },
    select: { id: true, version: true, currency: true, pipelineId: true, stageId: true, status: true, stage: { select: { outcome: true } } },
  });
  if (!deal) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
  return deal;
}
