'use client';

import { useId, useState, useTransition } from 'react';
import { toast } from 'sonner';
import type { ActionResult } from '@/lib/actions/run-action';
import { bulkChangeOwnerAction, bulkCloseDealsAction, bulkDeleteDealsAction, bulkMoveDealsAction } from '@/lib/actions/deals-table';
import { ChevronRightIcon, TrashIcon, TrophyIcon, UsersIcon, XCircleIcon, XIcon } from '@/components/ui/icons';
import { LossReasonPicker, NO_REASON, reasonOf, reasonRequired, type LossReasonChoice } from './loss-reason-picker';
import { ActionDialog } from '@/components/ui/modal-dialog';
import { buttonClass, inputClass } from './styles';
import type { DealsTableOptions } from './types';

type Dialog = 'move' | 'owner' | 'lost' | 'delete' | null;

function deals(count: number): string {
  return `${count} ${count === 1 ? 'deal' : 'deals'}`;
}

/**
 * What can be done to the selected deals: move to a stage, change owner, mark won or lost, delete.
 * Each is one server action that changes every selected deal or none; success toasts, clears the
 * selection and shows the refreshed table (the action refreshes the page).
 */
export function BulkActionBar({ dealIds, options, onDone }: { dealIds: string[]; options: DealsTableOptions; onDone: () => void }) {
  const id = useId();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [stageId, setStageId] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [reason, setReason] = useState<LossReasonChoice>(NO_REASON);
  const count = dealIds.length;
  const policy = options.lostReasonPolicy;

  const stageById = new Map(options.pipelines.flatMap((p) => p.stages.map((s) => [s.id, s] as const)));
  const movingToLost = stageById.get(stageId)?.outcome === 'lost';

  const open = (next: Dialog) => {
    setError(null);
    setFieldErrors({});
    setReason(NO_REASON);
    setDialog(next);
  };

  const run = (work: () => Promise<ActionResult<{ message: string }>>) => {
    startTransition(async () => {
      const result = await work();
      if (result.ok) {
        toast.success(result.data.message);
        setDialog(null);
        onDone();
        return;
      }
      setFieldErrors(result.fieldErrors);
      if (dialog === null) toast.error(result.message);
      else setError(result.message);
    });
  };

  const lossReasonOrError = (): string | null | false => {
    const chosen = reasonOf(reason);
    if (chosen === null && reasonRequired(policy)) {
      setFieldErrors({ lossReason: ['Choose why the deals were lost.'] });
      return false;
    }
    return chosen;
  };

  const submitMove = () => {
    if (!stageId) {
      setFieldErrors({ stageId: ['Choose a stage.'] });
      return;
    }
    const lossReason = movingToLost ? lossReasonOrError() : null;
    if (lossReason === false) return;
    run(() => bulkMoveDealsAction({ dealIds, stageId, lossReason }));
  };

  const submitOwner = () => {
    if (!ownerId) {
      setFieldErrors({ ownerId: ['Choose an owner.'] });
      return;
    }
    run(() => bulkChangeOwnerAction({ dealIds, ownerId: ownerId === 'none' ? null : ownerId }));
  };

  const submitLost = () => {
    const lossReason = lossReasonOrError();
    if (lossReason === false) return;
    run(() => bulkCloseDealsAction({ dealIds, outcome: 'lost', lossReason }));
  };

  const chooseReason = (value: LossReasonChoice) => {
    setReason(value);
    setFieldErrors({});
  };

  const fieldError = (field: string) => fieldErrors[field]?.join(' ') ?? null;

  return (
    <div role="toolbar" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2 border-b border-blue-200 bg-blue-50 px-4 py-2 sm:px-6">
      <span className="mr-1 text-sm font-medium text-blue-900" data-testid="selection-count">
        {count} selected
      </span>
      <button type="button" className={buttonClass} disabled={pending} onClick={() => open('move')}>
        <ChevronRightIcon /> Move to stage
      </button>
      <button type="button" className={buttonClass} disabled={pending} onClick={() => open('owner')}>
        <UsersIcon /> Change owner
      </button>
      <button type="button" className={buttonClass} disabled={pending} onClick={() => run(() => bulkCloseDealsAction({ dealIds, outcome: 'won' }))}>
        <TrophyIcon className="h-4 w-4 text-emerald-600" /> Mark won
      </button>
      <button type="button" className={buttonClass} disabled={pending} onClick={() => open('lost')}>
        <XCircleIcon className="h-4 w-4 text-rose-600" /> Mark lost
      </button>
      <button type="button" className={`${buttonClass} text-rose-700`} disabled={pending} onClick={() => open('delete')}>
        <TrashIcon /> Delete
      </button>
      <button
        type="button"
        className="ml-auto inline-flex h-8 items-center gap-1 rounded-md px-2 text-sm text-slate-600 hover:bg-blue-100"
        onClick={onDone}
        disabled={pending}
      >
        <XIcon /> Clear selection
      </button>

      <ActionDialog
        open={dialog === 'move'}
        title={`Move ${deals(count)} to a stage`}
        error={error}
        submitLabel={`Move ${deals(count)}`}
        pending={pending}
        onSubmit={submitMove}
        onCancel={() => setDialog(null)}
      >
        <div>
          <label htmlFor={`${id}-stage`} className="mb-1 block font-medium text-slate-800">
            Stage
          </label>
          <select
            id={`${id}-stage`}
            value={stageId}
            onChange={(e) => {
              setStageId(e.target.value);
              setFieldErrors({});
            }}
            aria-invalid={fieldError('stageId') ? true : undefined}
            aria-describedby={fieldError('stageId') ? `${id}-stage-error` : undefined}
            className={`${inputClass} w-full`}
          >
            <option value="">Choose a stage…</option>
            {options.pipelines.map((p) => (
              <optgroup key={p.id} label={p.name}>
                {p.stages.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                    {s.outcome ? ` (${s.outcome})` : ''}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          {fieldError('stageId') ? (
            <p id={`${id}-stage-error`} className="mt-1 text-sm text-red-600">
              {fieldError('stageId')}
            </p>
          ) : null}
        </div>
        {movingToLost ? <LossReasonPicker policy={policy} value={reason} error={fieldError('lossReason')} onChange={chooseReason} /> : null}
      </ActionDialog>

      <ActionDialog
        open={dialog === 'owner'}
        title={`Change the owner of ${deals(count)}`}
        error={error}
        submitLabel="Change owner"
        pending={pending}
        onSubmit={submitOwner}
        onCancel={() => setDialog(null)}
      >
        <div>
          <label htmlFor={`${id}-owner`} className="mb-1 block font-medium text-slate-800">
            New owner
          </label>
          <select
            id={`${id}-owner`}
            value={ownerId}
            onChange={(e) => {
              setOwnerId(e.target.value);
              setFieldErrors({});
            }}
            aria-invalid={fieldError('ownerId') ? true : undefined}
            aria-describedby={fieldError('ownerId') ? `${id}-owner-error` : undefined}
            className={`${inputClass} w-full`}
          >
            <option value="">Choose an owner…</option>
            {options.users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
            <option value="none">No owner</option>
          </select>
          {fieldError('ownerId') ? (
            <p id={`${id}-owner-error`} className="mt-1 text-sm text-red-600">
              {fieldError('ownerId')}
            </p>
          ) : null}
        </div>
      </ActionDialog>

      <ActionDialog
        open={dialog === 'lost'}
        title={`Mark ${deals(count)} as lost`}
        error={error}
        submitLabel="Mark as lost"
        tone="danger"
        pending={pending}
        onSubmit={submitLost}
        onCancel={() => setDialog(null)}
      >
        <p className="text-slate-500">Each deal goes to its pipeline’s lost stage. Reasons feed the lost-deals report.</p>
        <LossReasonPicker policy={policy} value={reason} error={fieldError('lossReason')} onChange={chooseReason} />
      </ActionDialog>

      <ActionDialog
        open={dialog === 'delete'}
        title={`Delete ${deals(count)}?`}
        error={error}
        submitLabel={`Delete ${deals(count)}`}
        tone="danger"
        pending={pending}
        onSubmit={() => run(() => bulkDeleteDealsAction({ dealIds }))}
        onCancel={() => setDialog(null)}
      >
        <p>
          {count === 1 ? 'The deal disappears' : `The ${count} deals disappear`} from the board, this table and the API. Their stage history stays in the
          reports.
        </p>
      </ActionDialog>
    </div>
  );
}
