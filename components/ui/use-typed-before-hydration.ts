'use client';

import { type RefObject, useEffect } from 'react';

/**
 * A controlled field keeps, after hydration, what was typed into the server's HTML before the
 * scripts ran, but its state does not: React's next render would put the state back and wipe the
 * text. Once, on mount, the state takes the field's text. Call it after any effect that sets the
 * same state on mount, so the typed text wins.
 */
export function useTypedBeforeHydration(ref: RefObject<HTMLInputElement | null>, value: string, setValue: (typed: string) => void) {
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the text present at hydration counts
  useEffect(() => {
    const typed = ref.current?.value;
    if (typed !== undefined && typed !== value) setValue(typed);
  }, []);
}
