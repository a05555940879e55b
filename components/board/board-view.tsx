'use client';

import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import { useSearchParams } from 'next/navigation';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MeasuringStrategy,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import { arrayMove } from '@dnd-kit/sortable';
import { boardKeys } from '@/lib/query-keys';
import { boardFiltersToSearch, parseBoardFilters, type BoardFilters } from '@/lib/board/board-filters';
import { boardMetaOptions, boardSummaryOptions, flattenCards, type BoardCard, type BoardStageSummary, type PipelineRef, type StagePages } from './board-data';
import { BoardSkeleton } from './board-skeleton';
import { CardTabStop, CardTabStopContext, cardElementOf, cardInDirection, dealIdWithin } from './card-focus';
import { mayChangeDeal } from '@/lib/access/deal-access';
import { DealCardView, type CardActions } from './deal-card';
import { boardCollisionDetection, boardKeyboardCoordinates, dndData } from './dnd';
import { FiltersBar } from './filters-bar';
import { LostReasonDialog } from './lost-reason-dialog';
import { OutcomeDropZones } from './outcome-drop-zones';
import { StageColumn, type ColumnDrag, type QuickAddRequest } from './stage-column';
import { useBoardActions } from './use-board-actions';
import { useLiveBoard } from './use-live-board';

/** A drag in progress: every column's card IDs as they currently stand, and the cards themselves. */
interface DragState {
  dealId: number;
  originStageId: number;
  originIndex: number;
  columns: Record<number, number[]>;
  cards: Map<number, BoardCard>;
}

function columnOf(columns: Record<number, number[]>, dealId: number): number | null {
  for (const [stageId, ids] of Object.entries(columns)) if (ids.includes(dealId)) return Number(stageId);
  return null;
}

/** The clock for "days in stage" and rotting: the server's at first (no hydration mismatch), then the browser's. */
function useNow(initialNow: number): number {
  const [now, setNow] = useState(initialNow);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

const screenReaderInstructions = {
  draggable:
    'The arrow keys go from deal to deal; Enter opens the deal. To move this deal, press Space to pick it up. Use the left and right arrow keys to move it to another stage, ' +
    'up and down to change its place in the stage, or down past the last deals to the Won and Lost targets. ' +
    'Press Space again to drop it, or Escape to cancel. The Move to stage menu button does the same without dragging.',
};

export function BoardView({ pipeline, initialNow }: { pipeline: PipelineRef; initialNow: number }) {
  const searchParams = useSearchParams();
  const urlFilters = useMemo(() => parseBoardFilters(searchParams), [searchParams]);
  const queryClient = useQueryClient();
  const metaQuery = useQuery(boardMetaOptions(pipeline));
  const meta = metaQuery.data;
  const summaryQuery = useQuery({ ...boardSummaryOptions(queryClient, pipeline, urlFilters), placeholderData: keepPreviousData });
  const summary = summaryQuery.data;
  // the columns read their cards with the filters the summary on screen was read with
  const filters = summary?.filters ?? urlFilters;
  const stages = useMemo(() => summary?.stages ?? [], [summary]);
  const now = useNow(initialNow);

  const [drag, setDrag] = useState<DragState | null>(null);
  const [lostDeal, setLostDeal] = useState<{ card: BoardCard; fromStageId: number } | null>(null);
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  const [tabStop] = useState(() => new CardTabStop());
  // set as a drag starts, before React renders it: the arrow keys then move the card, not the focus
  const dragging = useRef(false);
  useEffect(() => tabStop.ensure());

  const { refetch } = summaryQuery;
  const live = useLiveBoard({ pipeline, filters, summary, reading: summaryQuery.isFetching, refetch, paused: drag !== null });
  const actions = useBoardActions({ pipeline, filters, stages, onCardWritten: live.noteCard, onWriteRefused: live.requestRefresh });

  // the latest state for callbacks that must stay stable (dnd-kit, memoised columns and cards)
  const latest = useRef({ actions, stages, filters, drag });
  latest.current = { actions, stages, filters, drag };
  const collision = useRef({ lastOverId: null as UniqueIdentifier | null, movedToNewColumn: false });
  const collisionDetection = useMemo(() => boardCollisionDetection(collision.current), []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the flag is reset each time a drag's columns change
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      collision.current.movedToNewColumn = false;
    });
    return () => cancelAnimationFrame(frame);
  }, [drag?.columns]);

  const stageKey = useCallback((stageId: number) => boardKeys.stageCards(pipeline.id, latest.current.filters, stageId), [pipeline.id]);
  const loadedCards = useCallback((stageId: number) => flattenCards(queryClient.getQueryData<StagePages>(stageKey(stageId))), [queryClient, stageKey]);

  /** Where a deal is on screen: its column and index among the loaded cards. */
  const locate = useCallback(
    (dealId: number): { stageId: number; index: number; card: BoardCard } | null => {
      const current = latest.current.drag;
      if (current) {
        const stageId = columnOf(current.columns, dealId);
        const card = current.cards.get(dealId);
        if (stageId !== null && card) return { stageId, index: current.columns[stageId]!.indexOf(dealId), card };
      }
      for (const stage of latest.current.stages) {
        const cards = loadedCards(stage.id);
        const index = cards.findIndex((c) => c.id === dealId);
        if (index >= 0) return { stageId: stage.id, index, card: cards[index]! };
      }
      return null;
    },
    [loadedCards],
  );

  const stageName = useCallback((stageId: number | null) => latest.current.stages.find((s) => s.id === stageId)?.name ?? 'unknown', []);

  const startClose = useCallback((card: BoardCard, fromStageId: number, outcome: 'won' | 'lost') => {
    if (outcome === 'won') void latest.current.actions.closeDeal({ card, fromStageId, outcome: 'won' });
    else setLostDeal({ card, fromStageId });
  }, []);

  const viewerId = meta?.me.id;
  const viewerRole = meta?.me.role;
  const ownDealsOnly = meta?.dealAccess.repsEditOwnDealsOnly ?? false;
  const cardActions: CardActions = useMemo(
    () => ({
      onMoveToStage: (card, stageId) => {
        const from = locate(card.id);
        const target = latest.current.stages.find((s) => s.id === stageId);
        if (!target) return;
        if (target.outcome) return startClose(card, from?.stageId ?? card.stageId, target.outcome);
        // the card goes to the top of the target column, where the user sees it land
        const first = loadedCards(stageId).find((c) => c.id !== card.id);
        void latest.current.actions.moveCard({
          card,
          fromStageId: from?.stageId ?? card.stageId,
          toStageId: stageId,
          toIndex: 0,
          afterDealId: null,
          beforeDealId: first?.id ?? null,
        });
      },
      onClose: (card, outcome) => startClose(card, locate(card.id)?.stageId ?? card.stageId, outcome),
      // until the meta arrives nothing is locked: the server refuses what the viewer may not do
      mayChange: (card) => viewerId === undefined || mayChangeDeal({ id: viewerId, role: viewerRole! }, card.ownerId, { repsEditOwnDealsOnly: ownDealsOnly }),
    }),
    // the meta's parts, not the meta: a refetched or optimistically changed meta must not re-render every card
    [locate, loadedCards, startClose, viewerId, viewerRole, ownDealsOnly],
  );

  const changeFilters = useCallback((next: BoardFilters, mode: 'push' | 'replace') => {
    const search = boardFiltersToSearch(next);
    const url = `${window.location.pathname}${search ? `?${search}` : ''}`;
    if (mode === 'push') window.history.pushState(null, '', url);
    else window.history.replaceState(null, '', url);
  }, []);

  const onToggleCollapsed = useCallback((stageId: number, collapsed: boolean) => latest.current.actions.setCollapsed(stageId, collapsed), []);
  const onQuickAdd = useCallback((input: QuickAddRequest) => latest.current.actions.quickAdd(input), []);

  // ——— drag and drop ———

  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 220, tolerance: 8 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: boardKeyboardCoordinates,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );

  const onDragStart = ({ active }: DragStartEvent) => {
    dragging.current = true;
    const data = dndData(active);
    if (data?.type !== 'card') return;
    const columns: Record<number, number[]> = {};
    const cards = new Map<number, BoardCard>();
    for (const stage of stages) {
      const list = loadedCards(stage.id);
      columns[stage.id] = list.map((c) => c.id);
      for (const card of list) cards.set(card.id, card);
    }
    const originStageId = columnOf(columns, data.dealId);
    if (originStageId === null) return;
    collision.current.lastOverId = null;
    setDrag({ dealId: data.dealId, originStageId, originIndex: columns[originStageId]!.indexOf(data.dealId), columns, cards });
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    const overData = dndData(over);
    if (!over || !overData || overData.type === 'outcome') return;
    setDrag((current) => {
      if (!current) return current;
      const from = columnOf(current.columns, current.dealId);
      const to = overData.type === 'column' ? overData.stageId : overData.type === 'card' ? columnOf(current.columns, overData.dealId) : null;
      if (from === null || to === null || from === to) return current;
      const target = current.columns[to] ?? [];
      let index = target.length;
      if (overData.type === 'card') {
        const overIndex = target.indexOf(overData.dealId);
        const translated = active.rect.current.translated;
        const below = translated ? translated.top > over.rect.top + over.rect.height / 2 : false;
        index = overIndex >= 0 ? overIndex + (below ? 1 : 0) : target.length;
      }
      collision.current.movedToNewColumn = true;
      return {
        ...current,
        columns: {
          ...current.columns,
          [from]: current.columns[from]!.filter((id) => id !== current.dealId),
          [to]: [...target.slice(0, index), current.dealId, ...target.slice(index)],
        },
      };
    });
  };

  const onDragEnd = async ({ over }: DragEndEvent) => {
    dragging.current = false;
    const current = latest.current.drag;
    if (!current) return;
    const card = current.cards.get(current.dealId);
    const overData = dndData(over);
    if (!card || !over || !overData) {
      setDrag(null);
      return;
    }
    if (overData.type === 'outcome') {
      setDrag(null);
      startClose(card, current.originStageId, overData.outcome);
      return;
    }
    const stageId = columnOf(current.columns, current.dealId);
    if (stageId === null) {
      setDrag(null);
      return;
    }
    let ids = current.columns[stageId]!;
    if (overData.type === 'card' && overData.dealId !== current.dealId && ids.includes(overData.dealId)) {
      ids = arrayMove(ids, ids.indexOf(current.dealId), ids.indexOf(overData.dealId));
    }
    const index = ids.indexOf(current.dealId);
    const target = stages.find((s) => s.id === stageId);
    if (stageId === current.originStageId && index === current.originIndex) {
      setDrag(null);
      return;
    }
    if (target?.outcome && stageId !== current.originStageId) {
      // dropping into the Won/Lost column is closing the deal (Lost asks for the reason)
      setDrag(null);
      startClose(card, current.originStageId, target.outcome);
      return;
    }
    // keep showing the drop result until the cache holds it (no flash back to the origin)
    setDrag({ ...current, columns: { ...current.columns, [stageId]: ids } });
    await actions.moveCard({
      card,
      fromStageId: current.originStageId,
      toStageId: stageId,
      toIndex: index,
      afterDealId: ids[index - 1] ?? null,
      beforeDealId: ids[index + 1] ?? null,
    });
    setTimeout(() => setDrag(null), 0);
  };

  // screen-reader announcements name the deal and the stage (and the place in it)
  const announcements: Announcements = useMemo(() => {
    const dealIdOf = (id: UniqueIdentifier) => Number(String(id).replace('deal-', ''));
    const dealName = (id: UniqueIdentifier) => locate(dealIdOf(id))?.card.name ?? 'the deal';
    const place = (dealId: number) => {
      const current = latest.current.drag;
      const stageId = current ? columnOf(current.columns, dealId) : (locate(dealId)?.stageId ?? null);
      if (stageId === null) return '';
      const stage = latest.current.stages.find((s) => s.id === stageId);
      const ids = current?.columns[stageId];
      const index = ids ? ids.indexOf(dealId) : (locate(dealId)?.index ?? -1);
      const total = Math.max(stage?.count ?? 0, ids?.length ?? 0);
      return index >= 0 ? `stage ${stageName(stageId)}, position ${index + 1} of ${total}` : `stage ${stageName(stageId)}`;
    };
    const overText = (over: Parameters<Announcements['onDragOver']>[0]['over']) => {
      const data = dndData(over);
      if (!over || !data) return 'not over a stage';
      if (data.type === 'outcome') return `over the ${data.outcome === 'won' ? 'Won' : 'Lost'} drop target; drop to mark it ${data.outcome}`;
      if (data.type === 'column') return `over stage ${stageName(data.stageId)}`;
      return `over ${place(data.dealId)}`;
    };
    return {
      onDragStart: ({ active }) => `Picked up deal ${dealName(active.id)} in ${place(dealIdOf(active.id))}.`,
      onDragOver: ({ active, over }) => {
        // just picked up, still over its own place: the pick-up announcement says it all
        if (over?.id === active.id) {
          const current = latest.current.drag;
          const dealId = dealIdOf(active.id);
          const stageId = current ? columnOf(current.columns, dealId) : null;
          if (!current || (stageId === current.originStageId && current.columns[stageId]!.indexOf(dealId) === current.originIndex)) return undefined;
        }
        return `Deal ${dealName(active.id)} is ${overText(over)}.`;
      },
      onDragEnd: ({ active, over }) => {
        const data = dndData(over);
        if (!over || !data) return `Deal ${dealName(active.id)} was dropped outside the board and stays where it was.`;
        if (data.type === 'outcome')
          return data.outcome === 'won'
            ? `Deal ${dealName(active.id)} was marked as won.`
            : `Deal ${dealName(active.id)} was dropped on Lost; choose why it was lost.`;
        const current = latest.current.drag;
        const stageId = current ? columnOf(current.columns, dealIdOf(active.id)) : null;
        return `Deal ${dealName(active.id)} was dropped in stage ${stageName(stageId)}.`;
      },
      onDragCancel: ({ active }) => {
        const current = latest.current.drag;
        return `Moving deal ${dealName(active.id)} was cancelled. It stays in stage ${stageName(current?.originStageId ?? null)}.`;
      },
    };
  }, [locate, stageName]);

  // ——— the keyboard between cards (not while one is being dragged: then the arrows move it) ———

  const onBoardKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const card = cardElementOf(event.target);
    if (!card || dragging.current || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      card.querySelector<HTMLAnchorElement>('a[href]')?.click();
      return;
    }
    const next = cardInDirection(card, event.key);
    if (next === undefined) return;
    event.preventDefault();
    next?.focus();
  };

  // ——— render ———

  if (!summary) {
    if (summaryQuery.isError) {
      return (
        <div className="p-6 text-sm text-red-700">
          The board could not be loaded: {summaryQuery.error.message}{' '}
          <button type="button" className="underline" onClick={() => void summaryQuery.refetch()}>
            Retry
          </button>
        </div>
      );
    }
    return <BoardSkeleton />;
  }

  const collapsedIds = new Set(meta?.collapsedStageIds ?? []);
  const activeCard = drag ? drag.cards.get(drag.dealId) : undefined;
  const activeStage = drag ? stages.find((s) => s.id === columnOf(drag.columns, drag.dealId)) : undefined;

  return (
    <DndContext
      id={`board-${pipeline.id}`}
      sensors={sensors}
      collisionDetection={collisionDetection}
      // droppables are measured only while a card is dragged: measured always, every card the
      // virtualiser mounted while a column scrolled re-measured them all (bench:ui, a 2 s scroll:
      // ~1.3–1.5 s of main-thread CPU, now ~0.8 s)
      measuring={{ droppable: { strategy: MeasuringStrategy.WhileDragging } }}
      // scroll the board / a column only when the card nears their very edge (the default 20% made
      // a drag inside the right-most visible column race sideways)
      autoScroll={{ threshold: { x: 0.06, y: 0.12 }, acceleration: 8 }}
      accessibility={{ announcements, screenReaderInstructions }}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={(event) => void onDragEnd(event)}
      onDragCancel={() => {
        dragging.current = false;
        setDrag(null);
      }}
    >
      <FiltersBar
        filters={urlFilters}
        meta={meta}
        summary={summary}
        onChange={changeFilters}
        loading={summaryQuery.isPlaceholderData || (summaryQuery.isFetching && !drag)}
        offline={live.offline}
      />
      {/* data-board-ready: hydrated, so drags and keys work from here on (npm run bench:ui waits for it);
          data-live-stream: whether other people's changes are arriving (the end-to-end tests wait for "live") */}
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the keys and focus are the cards' (each an element with a role), handled once here for all of them */}
      <div
        ref={(node) => tabStop.setRoot(node)}
        className="min-h-0 flex-1 overflow-x-auto overflow-y-hidden [container-type:inline-size]"
        data-testid="board"
        onKeyDown={onBoardKeyDown}
        onFocus={(event) => {
          const dealId = dealIdWithin(event.target);
          if (dealId !== null) tabStop.set(dealId);
        }}
        data-board-ready={mounted ? 'true' : undefined}
        data-live-stream={live.stream}
      >
        <CardTabStopContext.Provider value={tabStop}>
          <div className="flex h-full w-max gap-2 p-2 sm:gap-3 sm:p-4">
            {stages.map((stage) => (
              <StageColumn
                key={stage.id}
                pipeline={pipeline}
                filters={filters}
                stage={stage}
                stages={stages}
                collapsed={collapsedIds.has(stage.id)}
                now={now}
                drag={columnDrag(drag, stage)}
                cardActions={cardActions}
                onToggleCollapsed={onToggleCollapsed}
                onQuickAdd={onQuickAdd}
                onShowOutcome={
                  stage.outcome ? () => changeFilters({ ...urlFilters, statuses: [...new Set([...urlFilters.statuses, stage.outcome!])] }, 'push') : undefined
                }
              />
            ))}
          </div>
        </CardTabStopContext.Provider>
      </div>
      <OutcomeDropZones dragging={drag !== null} />
      {mounted
        ? createPortal(
            <DragOverlay>
              {activeCard && activeStage ? (
                <div className="@container w-[17rem]">
                  <DealCardView overlay card={activeCard} stage={activeStage} now={now} className="rotate-2 cursor-grabbing shadow-xl ring-1 ring-blue-300" />
                </div>
              ) : null}
            </DragOverlay>,
            document.body,
          )
        : null}
      {meta ? (
        <LostReasonDialog
          card={lostDeal?.card ?? null}
          policy={meta.lostReasonPolicy}
          onCancel={() => setLostDeal(null)}
          onConfirm={(card, reason) => {
            const fromStageId = lostDeal?.fromStageId ?? card.stageId;
            setLostDeal(null);
            void actions.closeDeal({ card, fromStageId, outcome: 'lost', lossReason: reason });
          }}
        />
      ) : null}
    </DndContext>
  );
}

/** A column's slice of the drag state (the same object while its cards did not change). */
const columnDragCache = new WeakMap<DragState, Map<number, ColumnDrag>>();
function columnDrag(drag: DragState | null, stage: BoardStageSummary): ColumnDrag | null {
  if (!drag) return null;
  let perStage = columnDragCache.get(drag);
  if (!perStage) {
    perStage = new Map();
    columnDragCache.set(drag, perStage);
  }
  let entry = perStage.get(stage.id);
  if (!entry) {
    entry = { ids: drag.columns[stage.id] ?? [], cards: drag.cards, activeDealId: drag.dealId };
    perStage.set(stage.id, entry);
  }
  return entry;
}
