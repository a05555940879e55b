import { AppError } from '../errors';

// What entering a stage does to a deal — the one place these rules are written. The deal services,
// stage deletion and every API dialect call these functions; the board's optimistic update imports
// them too (this file is pure: no database, no server-only import); and the hot move's single SQL
// statement (move-statement.ts, beside this file) writes the same rules in SQL, held to these
// functions by tests/integration/deal-lifecycle-parity.test.ts.
//
// - A stage with an outcome (won, lost) decides the deal's status; asking for another is a 422.
// - Elsewhere the requested status wins, else the current one; a won or lost deal leaving an
//   outcome stage reopens (a deal marked won where it stands keeps its status when it moves on).
// - closed_at is kept while the outcome stays, set when the deal becomes won or lost, and cleared
//   whenever it is not.
// - The loss reason is kept only while the deal is lost.
// - stage_entered_at is the moment of entering a different stage; a move within a stage only
//   reorders the deal, with no history row.

export type DealStatus = 'open' | 'won' | 'lost' | 'stalled';
export type StageOutcome = 'won' | 'lost' | null;

/** The status a deal has in `stage`. */
export function statusInStage(
  stage: { outcome: StageOutcome; name: string },
  requested: DealStatus | undefined,
  current: DealStatus | null,
  leavingOutcomeStage: boolean,
): DealStatus {
  if (stage.outcome) {
    if (requested !== undefined && requested !== stage.outcome) {
      const message = `A deal in stage "${stage.name}" is ${stage.outcome}; it cannot be ${requested}`;
      throw new AppError('unprocessable', `${message}.`, [{ path: 'status', message }]);
    }
    return stage.outcome;
  }
  if (requested !== undefined) return requested;
  if (current === null) return 'open';
  if (leavingOutcomeStage && (current === 'won' || current === 'lost')) return 'open';
  return current;
}

/** closed_at follows the status: kept while the outcome stays, set when it begins, cleared otherwise. */
export function closedAtFor(status: DealStatus, previousStatus: DealStatus | null, previousClosedAt: Date | null, now: Date): Date | null {
  if (status === 'won' || status === 'lost') return previousStatus === status && previousClosedAt ? previousClosedAt : now;
  return null;
}

/** The loss reason a deal keeps: only while it is lost. */
export function lostReasonFor(status: DealStatus, reason: string | null): string | null {
  return status === 'lost' ? reason : null;
}

export interface DealBeforeEntering {
  stageId: number;
  status: DealStatus;
  closedAt: Date | null;
  lostReason: string | null;
  stageEnteredAt: Date;
  /** the outcome of the stage the deal is in now */
  currentOutcome: StageOutcome;
}

export interface DealAfterEntering {
  status: DealStatus;
  closedAt: Date | null;
  lostReason: string | null;
  stageEnteredAt: Date;
  /** a different stage: one stage-history row records the move */
  recordsHistory: boolean;
}

/** A deal entering `target` (a stage move; the same stage only reorders it). */
export function enterStage(deal: DealBeforeEntering, target: { id: number; outcome: StageOutcome; name: string }, now: Date): DealAfterEntering {
  if (deal.stageId === target.id) {
    return { status: deal.status, closedAt: deal.closedAt, lostReason: deal.lostReason, stageEnteredAt: deal.stageEnteredAt, recordsHistory: false };
  }
  const status = statusInStage(target, undefined, deal.status, deal.currentOutcome !== null);
  return {
    status,
    closedAt: closedAtFor(status, deal.status, deal.closedAt, now),
    lostReason: lostReasonFor(status, deal.lostReason),
    stageEnteredAt: now,
    recordsHistory: true,
  };
}

/** Where Won / Lost puts a deal: its pipeline's first stage with that outcome, or null (the status changes where it is). */
export function outcomeStageFor<S extends { outcome: StageOutcome; position: number; id: number }>(pipelineStages: S[], outcome: 'won' | 'lost'): S | null {
  let best: S | null = null;
  for (const stage of pipelineStages) {
    if (stage.outcome !== outcome) continue;
    if (best === null || stage.position < best.position || (stage.position === best.position && stage.id < best.id)) best = stage;
  }
  return best;
}
