import 'server-only';
import { hotQuery } from '../../database/hot-query';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { ServiceContext } from '../context';
import { isRestrictedToOwnDeals, mayChangeDeal, OWN_DEALS_ONLY_MESSAGE } from '../../access/deal-access';
import { dealAccessFor } from './assert-may-change-deal';
import { closedAtFor, lostReasonFor, statusInStage } from '../../deal-lifecycle/stage-rules';
import { Prisma as P } from '../../generated/prisma/client';
import { dealViewSelect, findDealView, toDealViews, type DealView } from './deal-view';
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
    const [row] = await hotQuery<MoveRead>(P.sql`
      SELECT d.id, d.stage_id AS "stageId", d.pipeline_id AS "pipelineId", d.status::text AS status, d.closed_at AS "closedAt",
             d.lost_reason AS "lostReason", d.version, d.position, d.owner_id AS "ownerId", cs.outcome::text AS "currentOutcome",
             t.id AS "targetId", t.pipeline_id AS "targetPipelineId", t.name AS "targetName", t.probability AS "targetProbability",
             t.outcome::text AS "targetOutcome"
      FROM deals d
      JOIN stages cs ON cs.id = d.stage_id
      LEFT JOIN stages t ON t.id = ${input.stageId} AND t.deleted_at IS NULL
                        AND EXISTS (SELECT 1 FROM pipelines tp WHERE tp.id = t.pipeline_id AND tp.deleted_at IS NULL)
      WHERE d.id = ${input.dealId} AND d.deleted_at IS NULL`);
    if (!row) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
    if (access && !mayChangeDeal(ctx.user, row.ownerId, access)) throw new AppError('forbidden', OWN_DEALS_ONLY_MESSAGE);
    if (row.targetId === null) throw unprocessable('stage_id', `Stage ${toPublicId('stage', input.stageId)} does not exist.`);
    const target = { id: row.targetId, pipelineId: row.targetPipelineId!, name: row.targetName!, probability: row.targetProbability!, outcome: row.targetOutcome };
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
    const position =
      input.position !== undefined
        ? P.sql`${await positionAtIndex(target.id, input.position, row.id)}`
        : P.sql`COALESCE((SELECT MAX(position) FROM deals WHERE stage_id = ${target.id} AND deleted_at IS NULL), 0) + 1`;
    const nowText = now.toISOString();
    const closedText = closedAt ? closedAt.toISOString() : null;
    // one statement: the guarded update, the history row only when the update happened, and the
    // moved deal's view to answer with
    const moved = await hotQuery<DealView>(P.sql`
      WITH moved AS (
        UPDATE deals SET
          stage_id = ${target.id}, pipeline_id = ${target.pipelineId}, position = ${position},
          status = ${status}::"DealStatus", closed_at = ${closedText}::timestamp(3), lost_reason = ${lostReason},
          stage_entered_at = CASE WHEN stage_id = ${target.id} THEN stage_entered_at ELSE ${nowText}::timestamp(3) END,
          version = version + 1, updated_at = ${nowText}::timestamp(3)
        WHERE id = ${row.id} AND version = ${row.version} AND deleted_at IS NULL
        RETURNING *
      ), history AS (
        INSERT INTO stage_history (deal_id, from_stage_id, from_pipeline_id, to_stage_id, to_pipeline_id, changed_at,
                                   changed_by_id, source, value, currency, probability, reason)
        SELECT id, ${row.stageId}, ${row.pipelineId}, ${target.id}, ${target.pipelineId}, ${nowText}::timestamp(3),
               ${ctx.user.id}, ${ctx.source}::"ChangeSource", value, currency, ${target.probability}, ${input.reason ?? null}
        FROM moved WHERE ${!sameStage}
      )
      ${dealViewSelect(P.sql`moved`)}`);
    if (moved.length === 1) return toDealViews(moved)[0]!;
    if (input.expectedVersion !== undefined && input.expectedVersion !== null) {
      throw new AppError('precondition_failed', 'The deal changed while it was being moved; read it again and retry.');
    }
  }
  throw new AppError('conflict', 'The deal is being changed by many requests at once; retry shortly.');
}

/**
 * The common move — to the end of a stage (or, when the deal is there already, nothing: it answers the
 * deal unchanged, with no history row) — as one statement, the API's hot path:
 * the deal read, the target stage read, the rules of lib/deal-lifecycle/stage-rules.ts applied
 * (written here in SQL, held to those functions by tests/integration/deal-lifecycle-parity.test.ts:
 * a won/lost stage sets its outcome, leaving one reopens a won/lost deal; closed_at kept while the
 * outcome stays, set when it begins, cleared when reopened; the loss reason only while lost), the deal
 * updated only if its version is still the one read, the history row written and the view returned. Returns null for an unknown deal or stage, a stale
 * If-Match or a lost race (the caller says which, or retries). The deal is not locked before the
 * update (FOR NO KEY UPDATE): that lock cost every move a row lock and its WAL record (~10 % of the
 * move's database time, scripts/bench/api-hot-path-log.md) to spare the rare concurrent move of one deal a retry.
 */
async function moveInOneStatement(ctx: ServiceContext, input: MoveDealInput): Promise<DealView | null> {
  const now = new Date().toISOString();
  const expected = input.expectedVersion ?? null;
  const rows = await hotQuery<DealView>(P.sql`
    WITH current AS (
      SELECT d.*
      FROM deals d WHERE d.id = ${input.dealId} AND d.deleted_at IS NULL
    ), plan AS (
      SELECT c.id, c.version AS read_version, c.stage_id AS from_stage_id, c.pipeline_id AS from_pipeline_id, c.closed_at, c.lost_reason, c.status AS old_status,
             c.stage_id = t.id AS same_stage,
             t.id AS to_stage_id, t.pipeline_id AS to_pipeline_id, t.probability,
             -- never before the deal's last write (a clock behind another server's must not reorder the history)
             GREATEST(${now}::timestamp(3), c.updated_at) AS at,
             CASE WHEN t.outcome IS NOT NULL THEN t.outcome::text::"DealStatus"
                  WHEN cs.outcome IS NOT NULL AND c.status IN ('won', 'lost') THEN 'open'::"DealStatus"
                  ELSE c.status END AS new_status
      FROM current c
      JOIN stages cs ON cs.id = c.stage_id
      JOIN stages t ON t.id = ${input.stageId} AND t.deleted_at IS NULL
      JOIN pipelines tp ON tp.id = t.pipeline_id AND tp.deleted_at IS NULL
      WHERE ${expected}::int IS NULL OR c.version = ${expected}::int
    ), moved AS (
      UPDATE deals d SET
        stage_id = p.to_stage_id, pipeline_id = p.to_pipeline_id,
        position = COALESCE((SELECT MAX(position) FROM deals WHERE stage_id = p.to_stage_id AND deleted_at IS NULL), 0) + 1,
        status = p.new_status,
        closed_at = CASE WHEN p.new_status IN ('won', 'lost')
                         THEN CASE WHEN p.old_status = p.new_status AND p.closed_at IS NOT NULL THEN p.closed_at ELSE p.at END END,
        lost_reason = CASE WHEN p.new_status = 'lost' THEN p.lost_reason END,
        stage_entered_at = p.at, version = d.version + 1, updated_at = p.at
      -- a concurrent write since the read makes this write nothing (the re-check after waiting for its
      -- lock sees another version); the history row and the answer then are empty too
      FROM plan p WHERE d.id = p.id AND NOT p.same_stage AND d.version = p.read_version
      RETURNING d.*
    ), history AS (
      INSERT INTO stage_history (deal_id, from_stage_id, from_pipeline_id, to_stage_id, to_pipeline_id, changed_at,
                                 changed_by_id, source, value, currency, probability, reason)
      SELECT m.id, p.from_stage_id, p.from_pipeline_id, p.to_stage_id, p.to_pipeline_id, p.at,
             ${ctx.user.id}, ${ctx.source}::"ChangeSource", m.value, m.currency, p.probability, ${input.reason ?? null}
      FROM moved m JOIN plan p ON p.id = m.id
    )
    ${dealViewSelect(P.sql`(SELECT * FROM moved UNION ALL SELECT c.* FROM current c JOIN plan p ON p.id = c.id AND p.same_stage)`)}`);
  return rows.length === 1 ? toDealViews(rows)[0]! : null;
}

interface MoveRead {
  id: number;
  stageId: number;
  pipelineId: number;
  status: 'open' | 'won' | 'lost' | 'stalled';
  closedAt: Date | null;
  lostReason: string | null;
  version: number;
  position: number;
  ownerId: number | null;
  currentOutcome: 'won' | 'lost' | null;
  targetId: number | null;
  targetPipelineId: number | null;
  targetName: string | null;
  targetProbability: number | null;
  targetOutcome: 'won' | 'lost' | null;
}
