'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import type { ActionResult } from '@/lib/actions/run-action';

/**
 * The "delete this row?" flow of the settings lists: which row is asked about, the write in flight,
 * the server's refusal shown in the dialog, a toast once it is gone. Spread `dialog` into an
 * ActionDialog; call `ask(row)` from the row's delete button.
 */
export function useConfirmDelete<T>(remove: (row: T) => Promise<ActionResult<unknown>>, deletedMessage: (row: T) => string) {
  const [target, setTarget] = useState<T | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const confirm = async () => {
    if (target === null) return;
    setPending(true);
    const result = await remove(target);
    setPending(false);
    if (!result.ok) {
      setError(result.message);
      return;
    }
    toast.success(deletedMessage(target));
    setTarget(null);
  };

  return {
    target,
    ask: (row: T) => {
      setError(null);
      setTarget(row);
    },
    dialog: { open: target !== null, pending, error, onSubmit: () => void confirm(), onCancel: () => setTarget(null) },
  };
}
