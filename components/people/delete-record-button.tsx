'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { toast } from 'sonner';
import type { ActionResult } from '@/lib/actions/run-action';
import { Button, Spinner } from '@/components/deal/ui';
import { TrashIcon } from '@/components/ui/icons';

/** Delete with a confirmation dialog saying what happens; then the list opens with a toast. */
export function DeleteRecordButton({
  noun,
  name,
  consequence,
  listHref,
  remove,
}: {
  noun: 'contact' | 'company';
  name: string;
  consequence: string;
  listHref: string;
  remove: () => Promise<ActionResult<null>>;
}) {
  const router = useRouter();
  const ref = useRef<HTMLDialogElement>(null);
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const label = noun === 'contact' ? 'Delete contact' : 'Delete company';

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      setError(null);
      dialog.showModal();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  const confirm = async () => {
    setPending(true);
    setError(null);
    const result = await remove();
    if (!result.ok) {
      setPending(false);
      setError(result.message);
      return;
    }
    toast.success(`Deleted ${name}`);
    router.push(listHref);
  };

  return (
    <>
      <Button tone="secondary" onClick={() => setOpen(true)} aria-label={label} title={label}>
        <TrashIcon className="h-4 w-4" />
        <span className="hidden sm:inline">Delete</span>
      </Button>
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        onCancel={(event) => {
          event.preventDefault();
          if (!pending) setOpen(false);
        }}
        className="m-auto w-[min(26rem,calc(100vw-2rem))] rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/40"
      >
        {open ? (
          <div className="p-5">
            <h2 id={titleId} className="text-base font-semibold text-slate-900">
              Delete “{name}”?
            </h2>
            <p className="mt-2 text-sm text-slate-600">{consequence}</p>
            {error ? (
              <p role="alert" className="mt-3 text-sm text-red-600">
                {error}
              </p>
            ) : null}
            <div className="mt-5 flex justify-end gap-2">
              <Button tone="ghost" onClick={() => setOpen(false)} disabled={pending}>
                Cancel
              </Button>
              <Button tone="danger" onClick={confirm} disabled={pending} autoFocus>
                {pending ? <Spinner /> : <TrashIcon className="h-3.5 w-3.5" />} {label}
              </Button>
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
