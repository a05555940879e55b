import type { DealStatus } from '../deal-lifecycle/stage-rules';

// "No next step planned": a deal still being worked (open, or stalled and waiting to be revived)
// with no open task goes cold. A won or lost deal has no next step to plan.

export function showsNextStepNudge(status: DealStatus, openTasks: number): boolean {
  return (status === 'open' || status === 'stalled') && openTasks === 0;
}
