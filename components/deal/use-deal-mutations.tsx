'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useTransition, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import type { ActionResult } from '@/lib/actions/run-action';

// Every write of the deal workspace goes through `run`: one at a time (the server sees them in the
// order the person made them), each sent with the version of the deal the page knows — the version
// it rendered, or the one the previous write answered, whichever is newer. A write refused because
// someone else changed the deal meanwhile (412, fieldErrors.version) raises the "changed since you
// opened it" banner with a reload button instead of overwriting their change.

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

interface DealMutations {
  dealId: string;
  /** runs `work` after the writes before it, with the newest known version */
  run: <T>(work: (version: number) => Promise<ActionResult<T>>) => Promise<ActionResult<T>>;
  /** the conflict message while the page shows an outdated deal */
  stale: string | null;
  reload: () => void;
  reloading: boolean;
}

const Context = createContext<DealMutations | null>(null);

const UNREACHABLE: Failure = { ok: false, message: 'Could not reach the server; check your connection and try again.', fieldErrors: {} };

export function DealMutationsProvider({ dealId, version, children }: { dealId: string; version: number; children: ReactNode }) {
  const router = useRouter();
  const versionRef = useRef(version);
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const [stale, setStale] = useState<string | null>(null);
  const [reloading, startReload] = useTransition();

  useEffect(() => {
    if (version > versionRef.current) versionRef.current = version;
    // the page now shows a newer deal: whatever conflict there was is resolved by what is shown
    setStale(null);
  }, [version]);

  const run = useCallback(<T,>(work: (version: number) => Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
    const next = queue.current.then(async (): Promise<ActionResult<T>> => {
      let result: ActionResult<T>;
      try {
        result = await work(versionRef.current);
      } catch {
        return UNREACHABLE;
      }
      if (result.ok) {
        const answered = (result.data as { version?: unknown } | null)?.version;
        if (typeof answered === 'number' && answered > versionRef.current) versionRef.current = answered;
      } else if (result.fieldErrors.version) {
        setStale(result.message);
      }
      return result;
    });
    queue.current = next.catch(() => undefined);
    return next;
  }, []);

  const reload = useCallback(() => startReload(() => router.refresh()), [router]);

  const value = useMemo(() => ({ dealId, run, stale, reload, reloading }), [dealId, run, stale, reload, reloading]);
  return <Context.Provider value={value}>{children}</Context.Provider>;
}

export function useDealMutations(): DealMutations {
  const value = useContext(Context);
  if (!value) throw new Error('useDealMutations outside DealMutationsProvider');
  return value;
}

/** The message to show by a field: its own field errors, else (for conflicts and the rest) the action's message. */
export function fieldMessage(result: Failure, ...fields: string[]): string {
  for (const field of fields) {
    const messages = result.fieldErrors[field];
    if (messages?.length) return messages.join(' ');
  }
  return result.message;
}
