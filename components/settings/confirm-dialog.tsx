'use client';

import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { Button, Spinner } from '@/components/deal/ui';

/**
 * A native modal <dialog> asking to confirm a destructive change: focus stays inside, Escape
 * cancels. `children` may hold the choices the change needs (e.g. where a stage's deals go);
 * `error` is the server's refusal, shown above the buttons.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  pending,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const errorId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onConfirm();
  };

  return (
    <dialog
      ref={dialogRef}
      aria-labelledby={titleId}
      aria-describedby={error ? errorId : undefined}
      onCancel={(event) => {
        event.preventDefault();
        if (!pending) onCancel();
      }}
      className="m-auto w-[min(30rem,calc(100vw-2rem))] rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/40"
    >
      {open ? (
        <form onSubmit={submit} className="p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <div className="mt-2 space-y-3 text-sm text-slate-600">{children}</div>
          {error ? (
            <p id={errorId} role="alert" className="mt-3 text-sm text-red-600">
              {error}
            </p>
          ) : null}
          <div className="mt-5 flex flex-wrap justify-end gap-2">
            <Button onClick={onCancel} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" tone="danger" disabled={pending}>
              {pending ? <Spinner /> : null}
              {confirmLabel}
            </Button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
