'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { LostReasonPolicyData } from './types';
import { Button, inputClass, Spinner } from './ui';

const OTHER = '__other__';

/**
 * Why a deal was lost: one of the workspace's active lost reasons (the admin-kept list), or — only
 * when the workspace allows free text — a reason typed in.
 */
export function LossReasonChooser({
  policy,
  value,
  onChange,
  invalid,
  describedBy,
  disabled,
  autoFocus,
}: {
  policy: LostReasonPolicyData;
  value: string;
  onChange: (reason: string) => void;
  invalid?: boolean;
  describedBy?: string;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  const listed = policy.activeLabels.includes(value);
  const [other, setOther] = useState(!listed && value !== '');
  const choice = listed ? value : other ? OTHER : '';
  const otherId = useId();
  return (
    <div className="space-y-1.5">
      <select
        aria-label="Lost reason"
        value={choice}
        autoFocus={autoFocus}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(e) => {
          if (e.target.value === OTHER) {
            setOther(true);
            onChange('');
          } else {
            setOther(false);
            onChange(e.target.value);
          }
        }}
        className={inputClass}
      >
        <option value="">Choose a reason…</option>
        {policy.activeLabels.map((label) => (
          <option key={label} value={label}>
            {label}
          </option>
        ))}
        {policy.allowFreeText ? <option value={OTHER}>{policy.activeLabels.length > 0 ? 'Another reason…' : 'Type a reason…'}</option> : null}
      </select>
      {policy.allowFreeText && choice === OTHER ? (
        <>
          <label htmlFor={otherId} className="sr-only">
            Other lost reason
          </label>
          <input
            id={otherId}
            autoFocus
            value={value}
            maxLength={500}
            disabled={disabled}
            placeholder="What happened?"
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            onChange={(e) => onChange(e.target.value)}
            className={inputClass}
          />
        </>
      ) : null}
    </div>
  );
}

/** "Mark as lost": a modal asking for the reason first. */
export function LostDialog({
  open,
  dealName,
  policy,
  onConfirm,
  onClose,
}: {
  open: boolean;
  dealName: string;
  policy: LostReasonPolicyData;
  onConfirm: (reason: string) => Promise<string | null>;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const titleId = useId();
  const errorId = useId();
  const canGiveReason = policy.allowFreeText || policy.activeLabels.length > 0;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setReason('');
      setError(null);
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (canGiveReason && !reason.trim()) {
      setError('Choose why the deal was lost.');
      return;
    }
    setPending(true);
    const failure = await onConfirm(reason.trim());
    setPending(false);
    if (failure) setError(failure);
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        if (!pending) onClose();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <form onSubmit={submit} className="p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Mark “{dealName}” as lost
          </h2>
          <p className="mt-1 text-sm text-slate-500">Why was this deal lost? Reasons feed the lost-deals report.</p>
          <div className="mt-4">
            {canGiveReason ? (
              <LossReasonChooser
                policy={policy}
                value={reason}
                onChange={(r) => {
                  setReason(r);
                  setError(null);
                }}
                invalid={error !== null}
                describedBy={error ? errorId : undefined}
                disabled={pending}
                autoFocus
              />
            ) : (
              <p className="text-sm text-slate-500">No lost reasons are set up; the deal is marked lost without one.</p>
            )}
          </div>
          {error ? (
            <p id={errorId} role="alert" className="mt-2 text-sm text-red-600">
              {error}
            </p>
          ) : null}
          <div className="mt-5 flex justify-end gap-2">
            <Button tone="ghost" onClick={onClose} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" tone="danger" disabled={pending}>
              {pending ? <Spinner /> : null} Mark as lost
            </Button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
