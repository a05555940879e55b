'use client';

import { useEffect, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { Button, Spinner } from '@/components/deal/ui';

// The app's modal dialogs: a native <dialog> opened with showModal (focus stays inside, Escape
// cancels unless the dialog is busy), its body rendered only while open so every opening starts
// from fresh state. ModalDialog holds any content; ActionDialog is the common case of a question
// with a Cancel and one action button, the server's refusal shown above them.

export function ModalDialog({
  open,
  title,
  onClose,
  busy = false,
  wide = false,
  describedBy,
  children,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  /** while true, Escape does not close (a write is in flight) */
  busy?: boolean;
  /** forms with several fields (36rem instead of 30rem) */
  wide?: boolean;
  describedBy?: string;
  children: ReactNode;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={describedBy}
      onCancel={(event) => {
        event.preventDefault();
        if (!busy) onClose();
      }}
      className={`m-auto max-h-[calc(100dvh-2rem)] rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/40 ${wide ? 'w-[min(36rem,calc(100vw-2rem))]' : 'w-[min(30rem,calc(100vw-2rem))]'}`}
    >
      {open ? (
        <div className="p-5">
          <h2 id={titleId} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          {children}
        </div>
      ) : null}
    </dialog>
  );
}

/** A question with Cancel and one action (a confirmation, or a small form such as "move to which stage"). */
export function ActionDialog({
  open,
  title,
  children,
  submitLabel,
  tone = 'primary',
  pending,
  error,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  title: string;
  children?: ReactNode;
  submitLabel: string;
  /** danger for what deletes or loses something */
  tone?: 'primary' | 'danger';
  pending: boolean;
  /** the server's refusal (not about one field) */
  error: string | null;
  onSubmit: () => void;
  onCancel: () => void;
}) {
  const errorId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!pending) onSubmit();
  };
  return (
    <ModalDialog open={open} title={title} onClose={onCancel} busy={pending} describedBy={error ? errorId : undefined}>
      <form onSubmit={submit}>
        <div className="mt-3 space-y-3 text-sm text-slate-700">{children}</div>
        {error ? (
          <p id={errorId} role="alert" className="mt-3 text-sm text-red-600">
            {error}
          </p>
        ) : null}
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" tone={tone} disabled={pending}>
            {pending ? <Spinner /> : null}
            {submitLabel}
          </Button>
        </div>
      </form>
    </ModalDialog>
  );
}
