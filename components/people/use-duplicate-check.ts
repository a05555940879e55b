'use client';

import { useEffect, useRef, useState } from 'react';
import type { ActionResult } from '@/lib/actions/run-action';
import type { DuplicateHits } from '@/lib/actions/search-hit';

/** How long typing must pause before the server is asked. */
const PAUSE_MS = 300;

/**
 * The records the form's current values may duplicate, asked of the server once typing pauses;
 * an answer that arrives after a newer question is dropped. null until there is something to show.
 */
export function useDuplicateCheck(
  fields: Record<string, string>,
  check: (fields: Record<string, string>) => Promise<ActionResult<DuplicateHits>>,
  /** while the form saves: no new question (the app runs one server action at a time, and a check would hold up the save's navigation) */
  paused = false,
) {
  const [hits, setHits] = useState<DuplicateHits | null>(null);
  const latest = useRef(0);
  const key = JSON.stringify(fields);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the fields; `check` is a stable server action
  useEffect(() => {
    const ticket = ++latest.current;
    if (paused) return;
    if (Object.values(fields).every((value) => value.trim() === '')) {
      setHits(null);
      return;
    }
    const timer = setTimeout(async () => {
      const result = await check(fields);
      if (ticket === latest.current) setHits(result.ok && (result.data.exact.length > 0 || result.data.similar.length > 0) ? result.data : null);
    }, PAUSE_MS);
    return () => clearTimeout(timer);
  }, [key, paused]);
  return hits;
}
