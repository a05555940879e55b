'use client';

import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { createLostReasonAction, deleteLostReasonAction, setAllowFreeTextAction, updateLostReasonAction } from '@/lib/actions/lost-reasons';
import { Button, EmptyState, Spinner } from '@/components/deal/ui';
import { ArrowDownIcon, ArrowUpIcon, TrashIcon, XCircleIcon } from '@/components/ui/icons';
import { ActionDialog } from '@/components/ui/modal-dialog';
import type { FieldErrors } from './field-error';
import { SingleFieldForm } from './single-field-form';
import { TextField } from './text-field';
import { useConfirmDelete } from './use-confirm-delete';
import { useHydrated } from '@/components/ui/use-hydrated';

export interface SettingsLostReason {
  id: string;
  label: string;
  active: boolean;
}

/** The lost reasons in the order reps see them: relabel, (de)activate, reorder, delete, add; and the free-text switch. */
export function LostReasonsManager({ reasons, allowFreeText, readOnly }: { reasons: SettingsLostReason[]; allowFreeText: boolean; readOnly: boolean }) {
  const deletion = useConfirmDelete(
    (reason: SettingsLostReason) => deleteLostReasonAction(reason.id),
    (reason) => `Lost reason “${reason.label}” deleted`,
  );
  const [freeTextPending, setFreeTextPending] = useState(false);

  const toggleFreeText = async (next: boolean) => {
    setFreeTextPending(true);
    const result = await setAllowFreeTextAction(next);
    setFreeTextPending(false);
    if (result.ok) toast.success(next ? 'Reps may type their own reason' : 'Reps pick a reason from the list');
    else toast.error(result.message);
  };

  return (
    <section aria-labelledby="lost-reasons-heading" className="space-y-3">
      <div>
        <h2 id="lost-reasons-heading" className="text-base font-semibold text-slate-900">
          Lost reasons
        </h2>
        <p className="text-sm text-slate-600">
          What reps pick from when they mark a deal as lost, in this order. Inactive reasons stay on deals that have them.
        </p>
      </div>
      <label className="flex items-start gap-2 rounded-xl border border-slate-200 bg-white p-3 text-sm text-slate-700 shadow-sm">
        <input
          type="checkbox"
          checked={!allowFreeText}
          disabled={readOnly || freeTextPending}
          onChange={(e) => void toggleFreeText(!e.target.checked)}
          className="mt-0.5 accent-blue-600"
        />
        <span>
          <span className="font-medium text-slate-900">Forbid free text</span>
          <span className="block text-xs text-slate-500">When ticked, a lost deal’s reason must be one of the active reasons below.</span>
        </span>
        {freeTextPending ? <Spinner className="ml-auto h-3.5 w-3.5" /> : null}
      </label>
      <div className="rounded-xl border border-slate-200 bg-white shadow-sm">
        {reasons.length === 0 ? (
          <div className="p-4">
            <EmptyState icon={<XCircleIcon className="h-8 w-8" />} title="No lost reasons yet">
              {readOnly ? 'A manager or admin adds them.' : 'Add the reasons deals are usually lost for, such as “Price too high”.'}
            </EmptyState>
          </div>
        ) : (
          <ol aria-label="Lost reasons" className="divide-y divide-slate-100">
            {reasons.map((reason, index) => (
              <LostReasonRow key={reason.id} reason={reason} index={index} count={reasons.length} readOnly={readOnly} onDelete={() => deletion.ask(reason)} />
            ))}
          </ol>
        )}
        {readOnly ? null : <AddLostReasonForm />}
      </div>
      <ActionDialog tone="danger" {...deletion.dialog} title={`Delete lost reason “${deletion.target?.label ?? ''}”?`} submitLabel="Delete reason">
        <p>Deals lost for this reason keep it. To stop offering it but keep it in the list, untick “Active” instead.</p>
      </ActionDialog>
    </section>
  );
}

function LostReasonRow({
  reason,
  index,
  count,
  readOnly,
  onDelete,
}: {
  reason: SettingsLostReason;
  index: number;
  count: number;
  readOnly: boolean;
  onDelete: () => void;
}) {
  const [label, setLabel] = useState(reason.label);
  const [savedLabel, setSavedLabel] = useState(reason.label);
  if (savedLabel !== reason.label) {
    setSavedLabel(reason.label);
    setLabel(reason.label);
  }
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();

  const save = async (changes: { label?: string; active?: boolean; position?: number }, done: string) => {
    setPending(true);
    const result = await updateLostReasonAction(reason.id, changes);
    setPending(false);
    if (result.ok) {
      setErrors({});
      toast.success(done);
    } else {
      setErrors(result.fieldErrors);
      if (!result.fieldErrors.label) toast.error(result.message);
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (label !== reason.label && !pending) void save({ label }, 'Lost reason renamed');
  };

  return (
    <li aria-label={`Lost reason ${reason.label}`} className="px-3 py-2 sm:px-4">
      <form onSubmit={submit} noValidate className="flex flex-wrap items-start gap-2">
        <fieldset disabled={readOnly} className="contents">
          <TextField
            label={`Reason ${index + 1}`}
            value={label}
            maxLength={200}
            errors={errors.label}
            className="flex-1 basis-48"
            onValue={(value) => {
              setLabel(value);
              setErrors({});
            }}
          />
          <div className="flex flex-wrap items-center gap-1 pt-5">
            <label className="mr-1 flex items-center gap-1 text-xs text-slate-600">
              <input
                type="checkbox"
                checked={reason.active}
                disabled={pending}
                onChange={(e) => void save({ active: e.target.checked }, e.target.checked ? 'Lost reason offered again' : 'Lost reason no longer offered')}
                className="accent-blue-600"
              />
              Active
            </label>
            {readOnly ? null : (
              <>
                <Button type="submit" size="sm" tone="primary" disabled={label === reason.label || pending}>
                  Save
                </Button>
                <Button
                  size="icon-sm"
                  tone="ghost"
                  aria-label={`Move ${reason.label} up`}
                  disabled={index === 0 || pending}
                  onClick={() => void save({ position: index - 1 }, 'Order saved')}
                >
                  <ArrowUpIcon />
                </Button>
                <Button
                  size="icon-sm"
                  tone="ghost"
                  aria-label={`Move ${reason.label} down`}
                  disabled={index === count - 1 || pending}
                  onClick={() => void save({ position: index + 1 }, 'Order saved')}
                >
                  <ArrowDownIcon />
                </Button>
                <Button
                  size="icon-sm"
                  tone="ghost"
                  aria-label={`Delete lost reason ${reason.label}`}
                  className="hover:text-rose-700"
                  disabled={!hydrated}
                  onClick={onDelete}
                >
                  <TrashIcon />
                </Button>
              </>
            )}
          </div>
        </fieldset>
      </form>
    </li>
  );
}

function AddLostReasonForm() {
  return (
    <div className="border-t border-slate-200">
      <SingleFieldForm
        formLabel="Add a lost reason"
        fieldLabel="New lost reason"
        field="label"
        placeholder="e.g. Price too high"
        maxLength={200}
        submitLabel="Add reason"
        submit={createLostReasonAction}
        onDone={(_created, label) => toast.success(`Lost reason “${label.trim()}” added`)}
      />
    </div>
  );
}
