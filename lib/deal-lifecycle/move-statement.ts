import 'server-only';
import type { CompiledQuery } from 'kysely';
import { compiledOnce } from '../database/compiled-once';
import { columnName, sql, tableAs, tableName, type ColumnOf, type RawBuilder } from '../database/typed-sql';
import { dealViewSelect } from '../services/deals/deal-view';
import type { ChangeSource } from '../generated/kysely/database';
import type { DealStatus } from './stage-rules';

// The SQL of a deal's move, beside the rules it applies (stage-rules.ts, which stays pure: the
// browser imports it). The single statement writes those rules in SQL and is held to the functions
// by tests/integration/deal-lifecycle-parity.test.ts; the general path computes them in
// TypeScript and writes the outcome with guardedMoveStatement. Table and column names are checked
// against the schema (lib/database/typed-sql.ts). The service (lib/services/deals/move-deal-to-stage.ts)
// keeps permissions, retries and the choice between the two.

const d = tableAs('deals', 'd');
const cs = tableAs('stages', 'cs');
const t = tableAs('stages', 't');
const tp = tableAs('pipelines', 'tp');
/** a CTE whose rows are the deals table's (a read or a write's RETURNING) */
const m = tableAs('deals', 'm');
const c = tableAs('deals', 'c');
const latest = tableAs('deals', 'latest');
const deal = (column: ColumnOf<'deals'>) => columnName('deals', column);
const history = (column: ColumnOf<'stage_history'>) => columnName('stage_history', column);

/** The columns of the history row a move writes, in the order of the statements' SELECTs. */
const HISTORY_COLUMNS = sql.join(
  (
    [
      'deal_id',
      'from_stage_id',
      'from_pipeline_id',
      'to_stage_id',
      'to_pipeline_id',
      'changed_at',
      'changed_by_id',
      'source',
      'value',
      'currency',
      'probability',
      'reason',
    ] as const
  ).map(history),
);

/** The end of a stage: after its last (not deleted) deal. */
function endOfStage(stageId: RawBuilder<unknown> | number): RawBuilder<unknown> {
  return sql`COALESCE((SELECT MAX(${latest('position')}) FROM ${tableName('deals')} ${latest.alias} WHERE ${latest('stage_id')} = ${stageId} AND ${latest('deleted_at')} IS NULL), 0) + 1`;
}

// the answers' views, built once (they have no parameters)
const MOVED_OR_UNCHANGED_VIEW = dealViewSelect(
  sql`(SELECT * FROM moved UNION ALL SELECT ${c.alias}.* FROM current ${c.alias} JOIN plan p ON p.id = ${c('id')} AND p.same_stage)`,
);
const MOVED_VIEW = dealViewSelect(sql`moved`);

export interface MoveActor {
  userId: number;
  source: ChangeSource;
  /** who acts, for the change record's triggers (lib/change-record/change-actor.ts) */
  changeActor: string;
}

/**
 * The common move — to the end of a stage, or nothing when the deal is there already — as one
 * statement: the deal and the target stage read, the rules applied (a won/lost stage sets its
 * outcome, leaving one reopens a won/lost deal; closed_at kept while the outcome stays, set when it
 * begins, cleared when reopened; the loss reason only while lost), the deal updated only if its
 * version is still the one read, the history row written and the deal's view returned (no row for
 * an unknown deal or stage, a stale expected version or a lost race). Compiled once: the API's
 * hottest write.
 */
export function oneStatementMove(
  input: { dealId: number; stageId: number; expectedVersion: number | null; reason: string | null; now: string },
  actor: MoveActor,
): CompiledQuery<unknown> {
  return ONE_STATEMENT_MOVE({ ...input, userId: actor.userId, source: actor.source, changeActor: actor.changeActor });
}

const ONE_STATEMENT_MOVE = compiledOnce<{
  dealId: number;
  stageId: number;
  expectedVersion: number | null;
  reason: string | null;
  now: string;
  userId: number;
  source: ChangeSource;
  changeActor: string;
}>(
  (input) => sql`
    WITH current AS (
      SELECT ${d.alias}.*
      FROM ${d.from} WHERE ${d('id')} = ${input.dealId} AND ${d('deleted_at')} IS NULL
    ), plan AS (
      SELECT ${c('id')}, ${c('version')} AS read_version, ${c('stage_id')} AS from_stage_id, ${c('pipeline_id')} AS from_pipeline_id,
             ${c('closed_at')}, ${c('lost_reason')}, ${c('status')} AS old_status,
             ${c('stage_id')} = ${t('id')} AS same_stage,
             ${t('id')} AS to_stage_id, ${t('pipeline_id')} AS to_pipeline_id, ${t('probability')},
             -- never before the deal's last write (a clock behind another server's must not reorder the history)
             GREATEST(${input.now}::timestamp(3), ${c('updated_at')}) AS at,
             CASE WHEN ${t('outcome')} IS NOT NULL THEN ${t('outcome')}::text::"DealStatus"
                  WHEN ${cs('outcome')} IS NOT NULL AND ${c('status')} IN ('won', 'lost') THEN 'open'::"DealStatus"
                  ELSE ${c('status')} END AS new_status
      FROM current ${c.alias}
      JOIN ${cs.from} ON ${cs('id')} = ${c('stage_id')}
      JOIN ${t.from} ON ${t('id')} = ${input.stageId} AND ${t('deleted_at')} IS NULL
      JOIN ${tp.from} ON ${tp('id')} = ${t('pipeline_id')} AND ${tp('deleted_at')} IS NULL
      WHERE ${input.expectedVersion}::int IS NULL OR ${c('version')} = ${input.expectedVersion}::int
    ), moved AS (
      UPDATE ${d.from} SET
        ${deal('stage_id')} = p.to_stage_id, ${deal('pipeline_id')} = p.to_pipeline_id,
        ${deal('position')} = ${endOfStage(sql`p.to_stage_id`)},
        ${deal('status')} = p.new_status,
        ${deal('closed_at')} = CASE WHEN p.new_status IN ('won', 'lost')
                         THEN CASE WHEN p.old_status = p.new_status AND p.closed_at IS NOT NULL THEN p.closed_at ELSE p.at END END,
        ${deal('lost_reason')} = CASE WHEN p.new_status = 'lost' THEN p.lost_reason END,
        ${deal('stage_entered_at')} = p.at, ${deal('version')} = ${d('version')} + 1, ${deal('updated_at')} = p.at
      -- a concurrent write since the read makes this write nothing (the re-check after waiting for its
      -- lock sees another version); the history row and the answer then are empty too
      -- says who acts before the row changes: the change record's triggers read it at commit
      FROM plan p WHERE ${d('id')} = p.id AND NOT p.same_stage AND ${d('version')} = p.read_version
        AND set_config('dealboard.actor', ${input.changeActor}, true) IS NOT NULL
      RETURNING ${d.alias}.*
    ), history AS (
      INSERT INTO ${tableName('stage_history')} (${HISTORY_COLUMNS})
      SELECT ${m('id')}, p.from_stage_id, p.from_pipeline_id, p.to_stage_id, p.to_pipeline_id, p.at,
             ${input.userId}, ${input.source}::"ChangeSource", ${m('value')}, ${m('currency')}, p.probability, ${input.reason}
      FROM moved ${m.alias} JOIN plan p ON p.id = ${m('id')}
    )
    ${MOVED_OR_UNCHANGED_VIEW}`,
);

/** What the general path reads before it moves: the deal, its current stage's outcome and the target stage. */
export interface MoveRead {
  id: number;
  stageId: number;
  pipelineId: number;
  status: DealStatus;
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

/** The general path's read, in one statement (no row: no such deal; no target: no such live stage). */
export function moveRead(dealId: number, stageId: number): RawBuilder<unknown> {
  return sql`
      SELECT ${d('id')}, ${d('stage_id')} AS "stageId", ${d('pipeline_id')} AS "pipelineId", ${d('status')}::text AS status, ${d('closed_at')} AS "closedAt",
             ${d('lost_reason')} AS "lostReason", ${d('version')}, ${d('position')}, ${d('owner_id')} AS "ownerId", ${cs('outcome')}::text AS "currentOutcome",
             ${t('id')} AS "targetId", ${t('pipeline_id')} AS "targetPipelineId", ${t('name')} AS "targetName", ${t('probability')} AS "targetProbability",
             ${t('outcome')}::text AS "targetOutcome"
      FROM ${d.from}
      JOIN ${cs.from} ON ${cs('id')} = ${d('stage_id')}
      LEFT JOIN ${t.from} ON ${t('id')} = ${stageId} AND ${t('deleted_at')} IS NULL
                        AND EXISTS (SELECT 1 FROM ${tp.from} WHERE ${tp('id')} = ${t('pipeline_id')} AND ${tp('deleted_at')} IS NULL)
      WHERE ${d('id')} = ${dealId} AND ${d('deleted_at')} IS NULL`;
}

/** A move whose outcome the rules decided in TypeScript (the general path). */
export interface GuardedMove {
  dealId: number;
  readVersion: number;
  from: { stageId: number; pipelineId: number };
  target: { id: number; pipelineId: number; probability: number };
  /** a number, or null for the end of the target stage */
  position: number | null;
  status: DealStatus;
  closedAt: Date | null;
  lostReason: string | null;
  reason: string | null;
  now: Date;
}

/**
 * The guarded update (only if the deal's version is still the one read), the history row only when
 * the deal changed stage, and the moved deal's view to answer with (no row: a lost race).
 */
export function guardedMoveStatement(move: GuardedMove, actor: MoveActor): RawBuilder<unknown> {
  const { target } = move;
  const sameStage = move.from.stageId === target.id;
  const nowText = move.now.toISOString();
  const closedText = move.closedAt ? move.closedAt.toISOString() : null;
  const position = move.position !== null ? sql`${move.position}` : endOfStage(target.id);
  return sql`
      WITH moved AS (
        UPDATE ${tableName('deals')} SET
          ${deal('stage_id')} = ${target.id}, ${deal('pipeline_id')} = ${target.pipelineId}, ${deal('position')} = ${position},
          ${deal('status')} = ${move.status}::"DealStatus", ${deal('closed_at')} = ${closedText}::timestamp(3), ${deal('lost_reason')} = ${move.lostReason},
          ${deal('stage_entered_at')} = CASE WHEN ${deal('stage_id')} = ${target.id} THEN ${deal('stage_entered_at')} ELSE ${nowText}::timestamp(3) END,
          ${deal('version')} = ${deal('version')} + 1, ${deal('updated_at')} = ${nowText}::timestamp(3)
        WHERE ${deal('id')} = ${move.dealId} AND ${deal('version')} = ${move.readVersion} AND ${deal('deleted_at')} IS NULL
          AND set_config('dealboard.actor', ${actor.changeActor}, true) IS NOT NULL
        RETURNING *
      ), history AS (
        INSERT INTO ${tableName('stage_history')} (${HISTORY_COLUMNS})
        SELECT ${m('id')}, ${move.from.stageId}, ${move.from.pipelineId}, ${target.id}, ${target.pipelineId}, ${nowText}::timestamp(3),
               ${actor.userId}, ${actor.source}::"ChangeSource", ${m('value')}, ${m('currency')}, ${target.probability}, ${move.reason}
        FROM moved ${m.alias} WHERE ${!sameStage}
      )
      ${MOVED_VIEW}`;
}
