import 'server-only';
import { hotQuery } from '../../database/hot-query';
import { changeActorValue } from '../../change-record/change-actor';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { isRestrictedToOwnDeals, mayChangeDeal, OWN_DEALS_ONLY_MESSAGE } from '../../access/deal-access';
import { dealAccessFor } from './assert-may-change-deal';
import { closedAtFor, lostReasonFor, statusInStage } from '../../deal-lifecycle/stage-rules';
import { guardedMoveStatement, moveRead, oneStatementMove, type MoveRead } from '../../deal-lifecycle/move-statement';
import { findDealView, toDealViews, type DealView } from './deal-view';
import { unprocessable } from './resolve-deal-references';
import { dropIndex, positionAtIndex } from './stage-positions';

const MAX_ATTEMPTS = 25;

export interface MoveDealInput {
  dealId: number;
  stageId: number;
  /** zero-based place among the target stage's other deals; default: last (or unchanged in the same stage) */
  position?: number;
  /** the board's drop: right after this deal of the target stage, else right before `beforeDealId` (when no position is given) */
  afterDealId?: number | null;
  beforeDealId?: number | null;
  reason?: string;
  /** If-Match: the version the client saw; a different current version is a 412 */
  expectedVersion?: number | null;
}

/**
 * Moves a deal to a stage (of its pipeline or another) and records one stage-history row, atomically.
 * The deal row is updated only if its version is still the one read, in the same statement that
 * writes the history row, so concurrent moves each land whole and the history stays a chain
 * (every row's from = the previous row's to). A lost race is retried unless the client sent If-Match.
 * Moving to the stage the deal is in only reorders it, with no history row. Every move goes through
 * here: the API's, the board's drop (between two neighbours), the deal page's and the dialects'.
 */
export async function moveDealToStage({ ctx, input: given }: { ctx: ServiceContext; input: MoveDealInput }): Promise<DealView> {
  // a drop between two cards of the board is a place among the stage's deals
  const dropped = given.position === undefined && (given.afterDealId != null || given.beforeDealId != null) ? await dropIndex(given) : undefined;
  const input = dropped === undefined ? given : { ...given, position: dropped };
  // a rep restricted to their own deals takes the general path, which reads the owner
  const access = await dealAccessFor(ctx);
  const restricted = access !== null && isRestrictedToOwnDeals(ctx.user.role, access);
  if (input.position === undefined && !restricted) {
    const moved = await moveInOneStatement(ctx, input);
    if (moved) return moved;
    // nothing written: an unknown deal or stage, a stale If-Match, or a concurrent write — the
    // general path below says which (or retries)
  }
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    // the deal, its current stage's outcome and the target stage, in one read
    const [row] = await hotQuery<MoveRead>(moveRead(input.dealId, input.stageId));
    if (!row) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
    if (access && !mayChangeDeal(ctx.user, row.ownerId, access)) throw new AppError('forbidden', OWN_DEALS_ONLY_MESSAGE);
    if (row.targetId === null) throw unprocessable('stage_id', `Stage ${toPublicId('stage', input.stageId)} does not exist.`);
    const target = {
      id: row.targetId,
      pipelineId: row.targetPipelineId!,
      name: row.targetName!,
      probability: row.targetProbability!,
      outcome: row.targetOutcome,
    };
    if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== row.version) {
      throw new AppError('precondition_failed', `The deal changed since you read it (now version ${row.version}); read it again and retry.`);
    }
    const sameStage = row.stageId === target.id;
    if (sameStage && input.position === undefined) return (await findDealView(row.id))!;
    const now = new Date();
    const status = sameStage ? row.status : statusInStage(target, undefined, row.status, row.currentOutcome !== null);
    const closedAt = closedAtFor(status, row.status, row.closedAt, now);
    const lostReason = lostReasonFor(status, row.lostReason);
    // an explicit place needs the neighbours; the end of the stage is computed in the statement
    const position = input.position !== undefined ? await positionAtIndex(target.id, input.position, row.id) : null;
    const moved = await hotQuery<DealView>(
      guardedMoveStatement(
        {
          dealId: row.id,
          readVersion: row.version,
          from: { stageId: row.stageId, pipelineId: row.pipelineId },
          target,
          position,
          status,
          closedAt,
          lostReason,
          reason: input.reason ?? null,
          now,
        },
        { userId: ctx.user.id, source: ctx.source, changeActor: changeActorValue(ctx) },
      ),
    );
    if (moved.length === 1) return toDealViews(moved)[0]!;
    if (input.expectedVersion !== undefined && input.expectedVersion !== null) {
      throw new AppError('precondition_failed', 'The deal changed while it was being moved; read it again and retry.');
    }
  }
  throw new AppError('conflict', 'The deal is being changed by many requests at once; retry shortly.');
}

/**
 * The common move — to the end of a stage (or, when the deal is there already, nothing: it answers the
 * deal unchanged, with no history row) — as one statement, the API's hot path (its SQL, with the
 * rules it applies: lib/deal-lifecycle/move-statement.ts). Returns null for an unknown deal or
 * stage, a stale If-Match or a lost race (the caller says which, or retries). The deal is not locked
 * before the update (FOR NO KEY UPDATE): that lock cost every move a row lock and its WAL record
 * (~10 % of the move's database time, scripts/bench/api-hot-path-log.md) to spare the rare
 * concurrent move of one deal a retry.
 */
async function moveInOneStatement(ctx: ServiceContext, input: MoveDealInput): Promise<DealView | null> {
  const statement = oneStatementMove(
    {
      dealId: input.dealId,
      stageId: input.stageId,
      expectedVersion: input.expectedVersion ?? null,
      reason: input.reason ?? null,
      now: new Date().toISOString(),
    },
    { userId: ctx.user.id, source: ctx.source, changeActor: changeActorValue(ctx) },
  );
  const rows = await hotQuery<DealView>(statement);
  return rows.length === 1 ? toDealViews(rows)[0]! : null;
}
