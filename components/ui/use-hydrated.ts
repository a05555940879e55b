'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * false in the server's HTML, true once React runs in the browser: buttons that open or submit a
 * client-side form stay disabled until then, so a click cannot fall through to a native submit.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
