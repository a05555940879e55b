'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { hashKey, useIsMutating, useQueryClient } from '@tanstack/react-query';
import type { BoardFilters } from '@/lib/board/board-filters';
import { boardLivePath, type BoardLiveMessage } from '@/lib/live-board/board-live-message';
import { boardKeys, mutationKeys } from '@/lib/query-keys';
import type { BoardCard, BoardSummary, PipelineRef } from './board-data';
import { applyCardChange, noteOwnCard, type DealLedger } from './live-board-cache';

/** After the stream is refused or cut for good (not a plain drop, which EventSource retries itself). */
const REOPEN_MS = 3_000;

interface Received {
  /** the event's id; null for a message about the stream itself */
  id: bigint | null;
  message: BoardLiveMessage;
}

/**
 * Keeps an open board live: it listens to the pipeline's live stream (Server-Sent Events, pushed as
 * changes commit in any server process) and applies each change to the cache in place — no board
 * read. The stream starts after the last event the board's data holds; a dropped stream reconnects
 * and resumes from the last event received (EventSource's Last-Event-ID), so nothing is missed.
 * Changes wait while a card is dragged, a write of this board is pending or the board is being
 * read: applied then, they would fight the optimistic state on screen or be lost under the read.
 */
export function useLiveBoard({
  pipeline,
  filters,
  summary,
  reading,
  refetch,
  paused,
}: {
  pipeline: PipelineRef;
  filters: BoardFilters;
  summary: BoardSummary | undefined;
  /** the board data is being read (its answer will replace the cache) */
  reading: boolean;
  refetch: () => Promise<unknown>;
  paused: boolean;
}) {
  const queryClient = useQueryClient();
  const pendingWrites = useIsMutating({ mutationKey: mutationKeys.boardWrite() });
  /** connecting: the first stream is opening; live: caught up and listening; reconnecting: the stream is down */
  const [stream, setStream] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');
  const held = useRef<Received[]>([]);
  const ledger = useRef<DealLedger>(new Map());
  const latest = useRef({ filters, summary, refetch, waiting: paused || pendingWrites > 0 || reading });
  latest.current = { filters, summary, refetch, waiting: paused || pendingWrites > 0 || reading };
  const hasSummary = summary !== undefined;

  const refreshRequested = useRef(false);

  const flush = useCallback(() => {
    const { filters, summary, waiting } = latest.current;
    if (waiting || !summary) return;
    if (refreshRequested.current) {
      refreshRequested.current = false;
      void latest.current.refetch();
      return;
    }
    if (held.current.length === 0) return;
    const heldBefore = BigInt(summary.eventCursor);
    let reloadBoard = false;
    let changed = false;
    for (const { id, message } of held.current.splice(0)) {
      // the board's data already holds this event
      if (id !== null && id <= heldBefore) continue;
      if (message.type === 'board') reloadBoard = true;
      else if (message.type === 'card' && applyCardChange(queryClient, pipeline.id, filters, ledger.current, message)) changed = true;
    }
    if (changed) {
      // boards of other filters (kept for going back) no longer match the server: read again when shown
      const current = hashKey(boardKeys.summary(pipeline.id, filters));
      void queryClient.invalidateQueries({
        queryKey: boardKeys.pipeline(pipeline.id),
        refetchType: 'none',
        predicate: (query) => query.queryKey[2] === 'summary' && query.queryHash !== current,
      });
    }
    if (reloadBoard) {
      // the columns themselves changed (a stage added, renamed, reordered…): read the board again
      void latest.current.refetch();
      void queryClient.invalidateQueries({ queryKey: boardKeys.meta() });
    }
  }, [queryClient, pipeline.id]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: flush reads the latest state; these say when waiting ends
  useEffect(() => flush(), [flush, paused, pendingWrites, reading, summary]);

  useEffect(() => {
    if (!hasSummary) return;
    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | null = null;
    let disposed = false;
    /** the last event received: a stream opened again resumes after it */
    let lastId: string | null = null;

    const open = () => {
      const after = lastId ?? latest.current.summary?.eventCursor ?? null;
      const stream = new EventSource(`${boardLivePath(pipeline.publicId)}${after ? `?after=${encodeURIComponent(after)}` : ''}`);
      source = stream;
      stream.onmessage = (event: MessageEvent<string>) => {
        if (event.lastEventId) lastId = event.lastEventId;
        const message = JSON.parse(event.data) as BoardLiveMessage;
        if (message.type === 'live') {
          setStream('live');
          return;
        }
        if (message.type === 'reload') {
          // too much was missed: read the board, then listen from what it holds
          stream.close();
          held.current = [];
          lastId = null;
          void latest.current.refetch().finally(() => {
            if (!disposed) open();
          });
          return;
        }
        held.current.push({ id: event.lastEventId ? BigInt(event.lastEventId) : null, message });
        flush();
      };
      stream.onerror = () => {
        setStream('reconnecting');
        // a refused stream (signed out, the pipeline gone) is not retried by EventSource itself
        if (stream.readyState === EventSource.CLOSED && !disposed) {
          reopenTimer = setTimeout(() => {
            if (!disposed) open();
          }, REOPEN_MS);
        }
      };
    };
    open();
    return () => {
      disposed = true;
      if (reopenTimer) clearTimeout(reopenTimer);
      source?.close();
    };
  }, [pipeline.publicId, hasSummary, flush]);

  /** A card the board's own write got back: the echo of that write on the stream changes nothing. */
  const noteCard = useCallback((card: BoardCard) => noteOwnCard(ledger.current, card), []);
  /**
   * Reads the board again once nothing waits (after a refused write: the deal changed in a way this
   * board had not shown, so what it shows is not to be trusted).
   */
  const requestRefresh = useCallback(() => {
    refreshRequested.current = true;
    flush();
  }, [flush]);
  return { noteCard, requestRefresh, stream, offline: stream === 'reconnecting' };
}
