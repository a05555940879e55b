import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { closedAtFor, statusInStage } from './deal-status-rules';
import { findDealView, type DealView } from './deal-view';
import { findLiveStage, unprocessable } from './resolve-deal-references';
import { positionAtEnd, positionAtIndex } from './stage-positions';

const MAX_ATTEMPTS = 25;

export interface MoveDealInput {
  dealId: number;
  stageId: number;
  /** zero-based place among the target stage's other deals; default: last (or unchanged in the same stage) */
  position?: number;
  reason?: string;
  /** If-Match: the version the client saw; a different current version is a 412 */
  expectedVersion?: number | null;
}

/**
 * Moves a deal to a stage (of its pipeline or another) and records one stage-history row, atomically.
 * The deal row is updated only if its version is still the one read, in the same statement that
 * writes the history row, so concurrent moves each land whole and the history stays a chain
 * (every row's from = the previous row's to). A lost race is retried unless the client sent If-Match.
 * Moving to the stage the deal is in only reorders it, with no history row.
 */
export async function moveDealToStage({ ctx, input }: { ctx: ServiceContext; input: MoveDealInput }): Promise<DealView> {
  const target = await findLiveStage(input.stageId);
  if (!target) throw unprocessable('stage_id', `Stage ${toPublicId('stage', input.stageId)} does not exist.`);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const deal = await db.deal.findFirst({
      where: { id: input.dealId, deletedAt: null },
      select: { id: true, stageId: true, pipelineId: true, status: true, closedAt: true, lostReason: true, version: true, position: true, stage: { select: { outcome: true } } },
    });
    if (!deal) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
    if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== deal.version) {
      throw new AppError('precondition_failed', `The deal changed since you read it (now version ${deal.version}); read it again and retry.`);
    }
    const sameStage = deal.stageId === target.id;
    if (sameStage && input.position === undefined) return (await findDealView(deal.id))!;
    const now = new Date();
    const status = sameStage ? deal.status : statusInStage(target, undefined, deal.status, deal.stage.outcome !== null);
    const closedAt = closedAtFor(status, deal.status, deal.closedAt, now);
    const lostReason = status === 'lost' ? deal.lostReason : null;
    const position =
      input.position !== undefined ? await positionAtIndex(target.id, input.position, deal.id) : sameStage ? deal.position : await positionAtEnd(target.id);
    const nowText = now.toISOString();
    const closedText = closedAt ? closedAt.toISOString() : null;
    // one statement: the guarded update, and the history row only when the update happened
    const [result] = await db.$queryRaw<{ moved: number }[]>`
      WITH moved AS (
        UPDATE deals SET
          stage_id = ${target.id}, pipeline_id = ${target.pipelineId}, position = ${position},
          status = ${status}::"DealStatus", closed_at = ${closedText}::timestamp(3), lost_reason = ${lostReason},
          stage_entered_at = CASE WHEN stage_id = ${target.id} THEN stage_entered_at ELSE ${nowText}::timestamp(3) END,
          version = version + 1, updated_at = ${nowText}::timestamp(3)
        WHERE id = ${deal.id} AND version = ${deal.version} AND deleted_at IS NULL
        RETURNING id, value, currency
      ), history AS (
        INSERT INTO stage_history (deal_id, from_stage_id, from_pipeline_id, to_stage_id, to_pipeline_id, changed_at,
                                   changed_by_id, source, value, currency, probability, reason)
        SELECT id, ${deal.stageId}, ${deal.pipelineId}, ${target.id}, ${target.pipelineId}, ${nowText}::timestamp(3),
               ${ctx.user.id}, ${ctx.source}::"ChangeSource", value, currency, ${target.probability}, ${input.reason ?? null}
        FROM moved WHERE ${!sameStage}
      )
      SELECT COUNT(*)::int AS moved FROM moved`;
    if (result && Number(result.moved) === 1) return (await findDealView(deal.id))!;
    if (input.expectedVersion !== undefined && input.expectedVersion !== null) {
      throw new AppError('precondition_failed', 'The deal changed while it was being moved; read it again and retry.');
    }
  }
  throw new AppError('conflict', 'The deal is being changed by many requests at once; retry shortly.');
}
