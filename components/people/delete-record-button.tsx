'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import type { ActionResult } from '@/lib/actions/run-action';
import { Button } from '@/components/deal/ui';
import { TrashIcon } from '@/components/ui/icons';
import { ActionDialog } from '@/components/ui/modal-dialog';

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
  const [open, setOpen] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const label = noun === 'contact' ? 'Delete contact' : 'Delete company';

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
      <Button
        tone="secondary"
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        aria-label={label}
        title={label}
      >
        <TrashIcon className="h-4 w-4" />
        <span className="hidden sm:inline">Delete</span>
      </Button>
      <ActionDialog
        open={open}
        title={`Delete “${name}”?`}
        submitLabel={label}
        tone="danger"
        pending={pending}
        error={error}
        onSubmit={() => void confirm()}
        onCancel={() => setOpen(false)}
      >
        <p>{consequence}</p>
      </ActionDialog>
    </>
  );
}
