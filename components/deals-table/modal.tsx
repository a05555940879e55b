'use client';

import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';

/**
 * A bulk action's dialog: a native modal <dialog> (focus trapped inside, Escape cancels) holding a
 * form, its problem shown above the buttons.
 */
export function Modal({
  open,
  title,
  children,
  error,
  submitLabel,
  pending,
  danger,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  /** a refusal not about one field */
  error: string | null;
  submitLabel: string;
  pending: boolean;
  danger?: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const errorId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit();
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onCancel();
      }}
      className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <form onSubmit={submit} className="p-5" aria-describedby={error ? errorId : undefined}>
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <div className="mt-3 space-y-3 text-sm text-slate-700">{children}</div>
          {error ? (
            <p id={errorId} role="alert" className="mt-3 text-sm text-red-600">
              {error}
            </p>
          ) : null}
          <div className="mt-5 flex justify-end gap-2">
            <button type="button" onClick={onCancel} disabled={pending} className="rounded-md px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-100 disabled:opacity-50">
              Cancel
            </button>
            <button
              type="submit"
              disabled={pending}
              className={`rounded-md px-3 py-1.5 text-sm font-medium text-white disabled:opacity-60 ${danger ? 'bg-rose-600 hover:bg-rose-700' : 'bg-blue-600 hover:bg-blue-700'}`}
            >
              {pending ? 'Working…' : submitLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
