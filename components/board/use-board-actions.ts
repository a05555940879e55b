'use client';

import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { closeDealOnBoardAction, moveDealOnBoardAction, quickAddDealAction, setStageCollapsedAction } from '@/lib/actions/board';
import type { ActionResult } from '@/lib/actions/run-action';
import { outcomeStageFor, statusInStage } from '@/lib/deal-lifecycle/stage-rules';
import { boardKeys, mutationKeys } from '@/lib/query-keys';
import type { BoardFilters } from '@/lib/board/board-filters';
import {
  adjustSummary,
  cachedVersion,
  flattenCards,
  insertCard,
  removeCard,
  replaceCard,
  statusIsShown,
  type BoardCard,
  type BoardMeta,
  type BoardStageSummary,
  type BoardSummary,
  type PipelineRef,
  type StagePages,
} from './board-data';
import type { QuickAddRequest } from './stage-column';

// The board's writes, optimistic: the card lands in the cache at once, the server action confirms
// (its answer replaces the card: new version, status, stage entry time), and a refusal undoes
// exactly this change — the card goes back where it was — with a toast saying why. No board read
// follows: the answer is the truth, and the live stream's echo of the write changes nothing.

export class BoardActionError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

function unwrap<T>(result: ActionResult<T>): T {
  if (!result.ok) throw new BoardActionError(result.message, result.fieldErrors);
  return result.data;
}

export interface MoveRequest {
  card: BoardCard;
  fromStageId: number;
  toStageId: number;
  /** index among the target column's loaded cards; 'end' = after the stage's last deal */
  toIndex: number | 'end';
  /** the visible neighbours at the drop point (the server places the deal between them) */
  afterDealId: number | null;
  beforeDealId: number | null;
}

export interface CloseRequest {
  card: BoardCard;
  fromStageId: number;
  outcome: 'won' | 'lost';
  lossReason?: string | null;
}

/** Where a closed card was, so the toast's Undo can put it back between the same neighbours. */
interface Origin {
  stageId: number;
  index: number;
  afterDealId: number | null;
  beforeDealId: number | null;
  outcomeStageId: number | null;
}

type Undo = () => void;

export function useBoardActions({
  pipeline,
  filters,
  stages,
  onCardWritten,
  onWriteRefused,
}: {
  pipeline: PipelineRef;
  filters: BoardFilters;
  stages: BoardStageSummary[];
  /** a write's answer: the live board notes its version, so the stream's echo of it is ignored */
  onCardWritten: (card: BoardCard) => void;
  /** a write was refused: the board reads itself again (it did not know what the server knew) */
  onWriteRefused: () => void;
}) {
  const queryClient = useQueryClient();
  const summaryKey = boardKeys.summary(pipeline.id, filters);
  const stageKey = (stageId: number) => boardKeys.stageCards(pipeline.id, filters, stageId);
  const scope = { id: `board-write-${pipeline.id}` };
  const moveCardRef = useRef<(request: MoveRequest) => Promise<void>>(async () => {});

  /** Moves a card in the cache (and the column counts/totals); answers how to undo exactly that. */
  function place(card: BoardCard, fromStageId: number, toStageId: number, toIndex: number | 'end' | 'same', status: BoardCard['status']): Undo {
    const fromIndex = removeCard(queryClient, stageKey(fromStageId), card.id);
    const index = toIndex === 'same' ? Math.max(0, fromIndex) : toIndex;
    // a card the filters hide (a won deal being reopened from a toast's Undo) is not counted where it was
    const wasShown = statusIsShown(filters, card.status);
    if (wasShown) queryClient.setQueryData<BoardSummary>(summaryKey, (s) => (s ? adjustSummary(s, fromStageId, card, -1) : s));
    const moved: BoardCard = {
      ...card,
      stageId: toStageId,
      status,
      stageEnteredAt: toStageId === fromStageId ? card.stageEnteredAt : new Date().toISOString(),
    };
    const shown = statusIsShown(filters, status);
    const inserted = shown ? insertCard(queryClient, stageKey(toStageId), moved, index) : false;
    if (shown) queryClient.setQueryData<BoardSummary>(summaryKey, (s) => (s ? adjustSummary(s, toStageId, moved, 1) : s));
    return () => {
      if (inserted) removeCard(queryClient, stageKey(toStageId), card.id);
      if (shown) queryClient.setQueryData<BoardSummary>(summaryKey, (s) => (s ? adjustSummary(s, toStageId, moved, -1) : s));
      if (fromIndex >= 0) insertCard(queryClient, stageKey(fromStageId), card, fromIndex);
      if (wasShown) queryClient.setQueryData<BoardSummary>(summaryKey, (s) => (s ? adjustSummary(s, fromStageId, card, 1) : s));
    };
  }

  const stageOf = (stageId: number) => stages.find((s) => s.id === stageId);

  const moveMutation = useMutation({
    mutationKey: mutationKeys.boardWrite(),
    scope,
    mutationFn: async ({ request }: { request: MoveRequest; undo: Undo }) =>
      unwrap(
        await moveDealOnBoardAction({
          dealId: request.card.id,
          stageId: request.toStageId,
          afterDealId: request.afterDealId,
          beforeDealId: request.beforeDealId,
          // the latest version this board knows (an earlier move of the same card may have bumped it)
          expectedVersion: cachedVersion(queryClient, pipeline.id, request.card.id) ?? request.card.version,
        }),
      ),
    onSuccess: (card) => {
      onCardWritten(card);
      replaceCard(queryClient, pipeline.id, card);
    },
    onError: (error, { request, undo }) => {
      undo();
      toast.error(error.message, { description: `“${request.card.name}” was put back where it was.` });
      onWriteRefused();
    },
  });

  const closeMutation = useMutation({
    mutationKey: mutationKeys.boardWrite(),
    scope,
    mutationFn: async ({ request }: { request: CloseRequest; undo: Undo; origin: Origin }) =>
      unwrap(
        await closeDealOnBoardAction({
          dealId: request.card.id,
          outcome: request.outcome,
          lossReason: request.lossReason ?? null,
          expectedVersion: cachedVersion(queryClient, pipeline.id, request.card.id) ?? request.card.version,
        }),
      ),
    onSuccess: (card, { request, origin }) => {
      onCardWritten(card);
      replaceCard(queryClient, pipeline.id, card);
      // back where it was, reopened (a stage move out of the outcome stage); none without an outcome stage
      const action =
        origin.outcomeStageId !== null
          ? {
              label: 'Undo',
              onClick: () =>
                void moveCardRef.current({
                  card,
                  fromStageId: origin.outcomeStageId!,
                  toStageId: origin.stageId,
                  toIndex: origin.index,
                  afterDealId: origin.afterDealId,
                  beforeDealId: origin.beforeDealId,
                }),
            }
          : undefined;
      if (request.outcome === 'won') toast.success(`“${card.name}” is won`, { description: 'Nice work.', action });
      else toast(`“${card.name}” is marked lost`, { description: request.lossReason ? `Reason: ${request.lossReason}` : undefined, action });
    },
    onError: (error, { request, undo }) => {
      undo();
      toast.error(error.message, { description: `“${request.card.name}” was put back where it was.` });
      onWriteRefused();
    },
  });

  const quickAddMutation = useMutation({
    mutationKey: mutationKeys.boardWrite(),
    scope,
    mutationFn: (input: QuickAddRequest) => quickAddDealAction(input),
    onSuccess: (result, input) => {
      if (!result.ok) return;
      const card = result.data;
      onCardWritten(card);
      if (statusIsShown(filters, card.status)) {
        insertCard(queryClient, stageKey(input.stageId), card, 0);
        queryClient.setQueryData<BoardSummary>(summaryKey, (s) => (s ? adjustSummary(s, input.stageId, card, 1) : s));
      }
      toast.success(`“${card.name}” added`, { description: statusIsShown(filters, card.status) ? undefined : 'It is hidden by the current filters.' });
    },
    onError: (error) => toast.error(error.message),
  });

  const collapseMutation = useMutation({
    mutationKey: mutationKeys.boardPreferences(),
    mutationFn: async (input: { stageId: number; collapsed: boolean }) => unwrap(await setStageCollapsedAction(input)),
    onMutate: async ({ stageId, collapsed }) => {
      await queryClient.cancelQueries({ queryKey: boardKeys.meta() });
      const previous = queryClient.getQueryData<BoardMeta>(boardKeys.meta());
      queryClient.setQueryData<BoardMeta>(boardKeys.meta(), (meta) =>
        meta
          ? {
              ...meta,
              collapsedStageIds: collapsed ? [...new Set([...meta.collapsedStageIds, stageId])] : meta.collapsedStageIds.filter((id) => id !== stageId),
            }
          : meta,
      );
      return { previous };
    },
    onSuccess: (preferences) =>
      queryClient.setQueryData<BoardMeta>(boardKeys.meta(), (meta) => (meta ? { ...meta, collapsedStageIds: preferences.collapsedStageIds } : meta)),
    onError: (error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(boardKeys.meta(), context.previous);
      toast.error(error.message);
    },
  });

  /** A drop or a "Move to stage…" choice. Awaits in-flight reads first, so none lands on top. */
  async function moveCard(request: MoveRequest): Promise<void> {
    await queryClient.cancelQueries({ queryKey: boardKeys.pipeline(pipeline.id) });
    const from = stageOf(request.fromStageId);
    const to = stageOf(request.toStageId);
    if (!from || !to) return;
    // the same rule the server applies (a different stage; the same one only reorders)
    const status = request.toStageId === request.fromStageId ? request.card.status : statusInStage(to, undefined, request.card.status, from.outcome !== null);
    const undo = place(request.card, request.fromStageId, request.toStageId, request.toIndex, status);
    moveMutation.mutate({ request, undo });
  }
  moveCardRef.current = moveCard;

  return {
    moveCard,

    /** Won / Lost: into the pipeline's outcome stage when it has one, else the status where it is. */
    async closeDeal(request: CloseRequest): Promise<void> {
      await queryClient.cancelQueries({ queryKey: boardKeys.pipeline(pipeline.id) });
      // the board lists stages in their order: the same choice the server makes (closeDeals)
      const outcomeStage = outcomeStageFor(
        stages.map((stage, position) => ({ ...stage, position })),
        request.outcome,
      );
      const toStageId = outcomeStage?.id ?? request.fromStageId;
      const toIndex = outcomeStage ? ('end' as const) : ('same' as const);
      const column = flattenCards(queryClient.getQueryData<StagePages>(stageKey(request.fromStageId)));
      const index = column.findIndex((c) => c.id === request.card.id);
      const origin: Origin = {
        stageId: request.fromStageId,
        index: Math.max(0, index),
        afterDealId: index > 0 ? column[index - 1]!.id : null,
        beforeDealId: index >= 0 ? (column[index + 1]?.id ?? null) : null,
        outcomeStageId: outcomeStage && outcomeStage.id !== request.fromStageId ? outcomeStage.id : null,
      };
      const undo = place(request.card, request.fromStageId, toStageId, toIndex, request.outcome);
      closeMutation.mutate({ request, undo, origin });
    },

    /** The quick-add form; answers the action's result so the form can show field errors. */
    async quickAdd(input: QuickAddRequest): Promise<ActionResult<BoardCard> | null> {
      try {
        return await quickAddMutation.mutateAsync(input);
      } catch {
        return null; // a network failure: the mutation's onError toasted it
      }
    },

    setCollapsed(stageId: number, collapsed: boolean): void {
      collapseMutation.mutate({ stageId, collapsed });
    },
  };
}

export type BoardActions = ReturnType<typeof useBoardActions>;
