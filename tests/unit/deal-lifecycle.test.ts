import { describe, expect, it } from 'vitest';
import { enterStage, outcomeStageFor, statusInStage } from '../../lib/deal-lifecycle/stage-rules';

// The rules of entering a stage, as a rep sees them on the board and a manager in the history.

const before = {
  stageId: 1,
  status: 'open' as const,
  closedAt: null,
  lostReason: null,
  stageEnteredAt: new Date('2026-01-01T00:00:00Z'),
  currentOutcome: null,
};
const now = new Date('2026-03-01T12:00:00Z');

describe('entering a stage', () => {
  it('a won stage wins the deal, closing it now; a plain stage after a won one reopens it', () => {
    const won = enterStage(before, { id: 2, outcome: 'won', name: 'Won' }, now);
    expect(won).toEqual({ status: 'won', closedAt: now, lostReason: null, stageEnteredAt: now, recordsHistory: true });
    const reopened = enterStage(
      { ...before, stageId: 2, status: 'won', closedAt: now, currentOutcome: 'won' },
      { id: 3, outcome: null, name: 'Proposal' },
      new Date('2026-03-02T00:00:00Z'),
    );
    expect(reopened).toMatchObject({ status: 'open', closedAt: null, recordsHistory: true });
  });

  it('a deal marked lost where it stood stays lost, with its date and reason, in another plain stage', () => {
    const lostAt = new Date('2026-02-01T00:00:00Z');
    const moved = enterStage({ ...before, status: 'lost', closedAt: lostAt, lostReason: 'Price' }, { id: 3, outcome: null, name: 'Proposal' }, now);
    expect(moved).toMatchObject({ status: 'lost', closedAt: lostAt, lostReason: 'Price', stageEnteredAt: now });
  });

  it('a stage of the same outcome keeps the closing date; the same stage only reorders, with no history row', () => {
    const wonAt = new Date('2026-02-01T00:00:00Z');
    const deal = { ...before, stageId: 2, status: 'won' as const, closedAt: wonAt, currentOutcome: 'won' as const };
    expect(enterStage(deal, { id: 4, outcome: 'won', name: 'Won (renewals)' }, now)).toMatchObject({ status: 'won', closedAt: wonAt, stageEnteredAt: now });
    expect(enterStage(deal, { id: 2, outcome: 'won', name: 'Won' }, now)).toEqual({
      status: 'won',
      closedAt: wonAt,
      lostReason: null,
      stageEnteredAt: before.stageEnteredAt,
      recordsHistory: false,
    });
  });

  it('refuses a status the stage’s outcome contradicts, naming the field', () => {
    expect(() => statusInStage({ outcome: 'won', name: 'Closed won' }, 'lost', 'open', false)).toThrow(
      'A deal in stage "Closed won" is won; it cannot be lost.',
    );
  });
});

describe('the stage Won / Lost puts a deal in', () => {
  it('is the pipeline’s first stage with that outcome, or none', () => {
    const stages = [
      { id: 9, position: 4, outcome: 'won' as const },
      { id: 7, position: 2, outcome: 'won' as const },
      { id: 8, position: 3, outcome: 'lost' as const },
      { id: 1, position: 0, outcome: null },
    ];
    expect(outcomeStageFor(stages, 'won')?.id).toBe(7);
    expect(outcomeStageFor(stages, 'lost')?.id).toBe(8);
    expect(outcomeStageFor([stages[3]!], 'won')).toBeNull();
  });
});
