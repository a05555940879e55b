'use client';

import { toast } from 'sonner';
import type { ActionResult } from '@/lib/actions/run-action';
import { closeDealAction, moveDealToStageAction, reopenDealAction, updateDealFieldsAction, type DealFieldChanges } from '@/lib/actions/deal';
import type { DealWorkspaceData } from './types';
import { useDealMutations } from './use-deal-mutations';

type Result = ActionResult<{ version: number }>;

/** The stage a won/lost deal goes back to when reopened: the one it came from, else the pipeline's first. */
export function reopenTarget({ deal, history, pipelines }: Pick<DealWorkspaceData, 'deal' | 'history' | 'pipelines'>): string | null {
  if (!deal.stage.outcome) return null;
  const live = new Set(pipelines.flatMap((p) => p.stages.filter((s) => !s.outcome).map((s) => s.id)));
  for (let i = history.length - 1; i >= 0; i -= 1) {
    const row = history[i]!;
    if (row.to.id === deal.stage.id && row.from && !row.from.outcome && live.has(row.from.id)) return row.from.id;
  }
  return pipelines.find((p) => p.id === deal.pipeline.id)?.stages.find((s) => !s.outcome)?.id ?? null;
}

/** The deal-level commands the header, the stage bar and the details share; each reports itself in a toast. */
export function useDealCommands(data: Pick<DealWorkspaceData, 'deal' | 'history' | 'pipelines'>) {
  const { dealId, run } = useDealMutations();

  const report = (result: Result, success: string, { toastFailure = true } = {}): Result => {
    if (result.ok) toast.success(success);
    else if (toastFailure && !result.fieldErrors.version) toast.error(result.message);
    return result;
  };

  return {
    updateFields: (changes: DealFieldChanges) => run((version) => updateDealFieldsAction(dealId, version, changes)),
    moveToStage: async (stageId: string, stageName: string, options?: { toastFailure?: boolean }) =>
      report(await run((version) => moveDealToStageAction(dealId, version, stageId)), `Moved to ${stageName}`, options),
    markWon: async (options?: { toastFailure?: boolean }) =>
      report(await run((version) => closeDealAction(dealId, version, { outcome: 'won' })), 'Marked as won 🎉', options),
    markLost: async (reason: string, options?: { toastFailure?: boolean }) =>
      report(await run((version) => closeDealAction(dealId, version, { outcome: 'lost', lossReason: reason || null })), 'Marked as lost', options),
    reopen: async (options?: { toastFailure?: boolean }) => {
      const target = reopenTarget(data);
      return report(await run((version) => reopenDealAction(dealId, version, target)), 'Deal reopened', options);
    },
  };
}
