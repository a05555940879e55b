'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useIsMutating, useQuery } from '@tanstack/react-query';
import { boardKeys, mutationKeys } from '@/lib/query-keys';
import { fetchBoardState, type PipelineRef } from './board-data';

/** How often an open board asks whether anything changed. */
export const BOARD_POLL_MS = 1_500;

/**
 * Keeps an open board live: polls the pipeline's fingerprint (a cheap database read, so it works
 * with any number of server processes) and reloads the board data when it differs from the
 * fingerprint of the data on screen — or when asked to (after the board's own writes). Never while
 * a card is being dragged or a write of this board is still pending: the reload would fight the
 * optimistic state on screen. Each poll answer triggers at most one reload.
 */
export function useLiveBoard({
  pipeline,
  summaryVersion,
  refetch,
  paused,
}: {
  pipeline: PipelineRef;
  summaryVersion: string | undefined;
  refetch: () => Promise<unknown>;
  paused: boolean;
}) {
  const state = useQuery({
    queryKey: boardKeys.state(pipeline.id),
    queryFn: ({ signal }) => fetchBoardState(pipeline, signal),
    refetchInterval: BOARD_POLL_MS,
    refetchIntervalInBackground: false,
    refetchOnWindowFocus: true,
    staleTime: 0,
    retry: false,
  });
  const pendingWrites = useIsMutating({ mutationKey: mutationKeys.boardWrite() });
  const [requested, setRequested] = useState(0);
  const [settled, setSettled] = useState(0);
  const handledRequest = useRef(0);
  const handledPoll = useRef(-1);
  const inFlight = useRef(false);
  const serverVersion = state.data?.version;
  const pollAt = state.dataUpdatedAt;

  // biome-ignore lint/correctness/useExhaustiveDependencies: `settled` re-runs the check once a refetch ends, for a change that arrived during it
  useEffect(() => {
    const changed = serverVersion !== undefined && summaryVersion !== undefined && serverVersion !== summaryVersion && pollAt !== handledPoll.current;
    const asked = requested > handledRequest.current;
    if ((!changed && !asked) || paused || pendingWrites > 0 || inFlight.current) return;
    inFlight.current = true;
    handledRequest.current = requested;
    handledPoll.current = pollAt;
    void refetch().finally(() => {
      inFlight.current = false;
      setSettled((n) => n + 1);
    });
  }, [serverVersion, summaryVersion, pollAt, requested, paused, pendingWrites, refetch, settled]);

  const requestRefresh = useCallback(() => setRequested((n) => n + 1), []);
  return { requestRefresh, offline: state.isError };
}
