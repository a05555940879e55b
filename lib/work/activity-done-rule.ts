// An activity marked done (completed) cannot lie in the future: it would keep its deal out of
// rotting and show a last activity that has not happened. One rule for the services and the
// forms that check it before sending. A few minutes of slack absorb a browser clock running ahead.

export const DONE_IN_FUTURE_SLACK_MS = 5 * 60_000;

export const DONE_IN_FUTURE_MESSAGE = 'An activity cannot be marked done in the future; set when it happened to now or earlier, or keep it planned.';

/** Whether an activity in this state breaks the rule, at `now`. */
export function isDoneInFuture(status: string, occurredAt: Date, now: Date): boolean {
  return status === 'completed' && occurredAt.getTime() > now.getTime() + DONE_IN_FUTURE_SLACK_MS;
}

/**
 * What "mark done" changes on a planned activity: its status, and its time when it was planned
 * for later — done now, it happened now.
 */
export function markDoneChanges(occurredAt: string, now: Date): { status: 'completed'; occurred_at?: string } {
  return Date.parse(occurredAt) > now.getTime() ? { status: 'completed', occurred_at: now.toISOString() } : { status: 'completed' };
}
