'use client';

import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { BoardCard, BoardMeta } from './board-data';

const OTHER = '__other__';

/**
 * Asks why a deal was lost before marking it lost: one of the workspace's active lost reasons, or
 * (only when the workspace allows free text) a reason typed in. A native modal <dialog>: focus is
 * trapped inside, Escape cancels.
 */
export function LostReasonDialog({
  card,
  policy,
  onConfirm,
  onCancel,
}: {
  card: BoardCard | null;
  policy: BoardMeta['lostReasonPolicy'];
  onConfirm: (card: BoardCard, reason: string | null) => void;
  onCancel: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [choice, setChoice] = useState<string>('');
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const errorId = useId();
  const otherId = useId();
  const needsReason = policy.allowFreeText || policy.activeLabels.length > 0;

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (card && !dialog.open) {
      setChoice('');
      setOther('');
      setError(null);
      dialog.showModal();
    } else if (!card && dialog.open) {
      dialog.close();
    }
  }, [card]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!card) return;
    const reason = choice === OTHER ? other.trim() : choice;
    if (needsReason && !reason) {
      setError(choice === OTHER ? 'Type the reason, or pick one from the list.' : 'Choose why the deal was lost.');
      return;
    }
    onConfirm(card, reason || null);
  };

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      {card ? (
        <form onSubmit={submit} className="p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            Mark “{card.name}” as lost
          </h2>
          <p className="mt-1 text-sm text-slate-500">Why was this deal lost? Reasons feed the lost-deals report.</p>
          <fieldset className="mt-4" aria-describedby={error ? errorId : undefined}>
            <legend className="sr-only">Lost reason</legend>
            <div className="max-h-64 space-y-1 overflow-y-auto">
              {policy.activeLabels.map((label) => (
                <label key={label} className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50">
                  <input
                    type="radio"
                    name="lost-reason"
                    value={label}
                    checked={choice === label}
                    onChange={() => {
                      setChoice(label);
                      setError(null);
                    }}
                    className="accent-rose-600"
                  />
                  {label}
                </label>
              ))}
              {policy.allowFreeText ? (
                <label className="flex cursor-pointer items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-50">
                  <input
                    type="radio"
                    name="lost-reason"
                    value={OTHER}
                    checked={choice === OTHER}
                    onChange={() => {
                      setChoice(OTHER);
                      setError(null);
                    }}
                    className="accent-rose-600"
                  />
                  {policy.activeLabels.length > 0 ? 'Another reason' : 'Reason'}
                </label>
              ) : null}
            </div>
            {policy.allowFreeText && choice === OTHER ? (
              <div className="mt-2">
                <label htmlFor={otherId} className="sr-only">
                  Lost reason
                </label>
                <input
                  id={otherId}
                  autoFocus
                  value={other}
                  maxLength={500}
                  onChange={(e) => {
                    setOther(e.target.value);
                    setError(null);
                  }}
                  placeholder="What happened?"
                  className="w-full rounded-md border border-slate-300 px-3 py-1.5 text-sm focus:border-rose-500 focus:outline-none focus:ring-1 focus:ring-rose-500"
                />
              </div>
            ) : null}
            {!needsReason ? <p className="text-sm text-slate-500">No lost reasons are set up; the deal is marked lost without one.</p> : null}
          </fieldset>
          {error ? (
            <p id={errorId} role="alert" className="mt-2 text-sm text-red-600">
              {error}
            </p>
          ) : null}
          <div className="mt-5 flex justify-end gap-2">
            <button type="button" onClick={onCancel} className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
              Cancel
            </button>
            <button type="submit" className="rounded-md bg-rose-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-rose-700">
              Mark as lost
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
