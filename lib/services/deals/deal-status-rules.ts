import type { TargetStage } from './resolve-deal-references';
import { unprocessable } from './resolve-deal-references';

type Status = 'open' | 'won' | 'lost' | 'stalled';

/**
 * The status a deal has in `stage`: a won/lost outcome stage decides it; elsewhere the requested
 * status, else the current one (a won/lost deal leaving an outcome stage reopens).
 */
export function statusInStage(stage: Pick<TargetStage, 'outcome' | 'name'>, requested: Status | undefined, current: Status | null, leavingOutcomeStage: boolean): Status {
  if (stage.outcome) {
    if (requested !== undefined && requested !== stage.outcome) {
      throw unprocessable('status', `A deal in stage "${stage.name}" is ${stage.outcome}; it cannot be ${requested}.`);
    }
    return stage.outcome;
  }
  if (requested !== undefined) return requested;
  if (current === null) return 'open';
  if (leavingOutcomeStage && (current === 'won' || current === 'lost')) return 'open';
  return current;
}

/** closed_at follows the status: set when it becomes won/lost, cleared when reopened. */
export function closedAtFor(status: Status, previousStatus: Status | null, previousClosedAt: Date | null, now: Date): Date | null {
  if (status === 'won' || status === 'lost') return previousStatus === status && previousClosedAt ? previousClosedAt : now;
  return null;
}
