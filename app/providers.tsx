'use client';

import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider, isServer } from '@tanstack/react-query';

// One QueryClient per server render (requests never share a cache) and one for the browser's
// whole session, so client-side navigation keeps what was already loaded.

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // data the server rendered is fresh: no refetch the moment the page hydrates
      queries: { staleTime: 30_000, refetchOnWindowFocus: false, retry: 1 },
      mutations: { retry: false },
    },
  });
}

let browserQueryClient: QueryClient | undefined;

function getQueryClient(): QueryClient {
  if (isServer) return makeQueryClient();
  browserQueryClient ??= makeQueryClient();
  return browserQueryClient;
}

export function Providers({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={getQueryClient()}>{children}</QueryClientProvider>;
}
