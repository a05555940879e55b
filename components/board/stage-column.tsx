'use client';

import { memo, useContext, useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { defaultRangeExtractor, useVirtualizer, type VirtualItem } from '@tanstack/react-virtual';
import type { ActionResult } from '@/lib/actions/run-action';
import { boardKeys } from '@/lib/query-keys';
import type { BoardFilters } from '@/lib/board/board-filters';
import { fetchStageCards, flattenCards, type BoardCard, type BoardStageSummary, type PipelineRef } from './board-data';
import { CardTabStopContext } from './card-focus';
import { SortableDealCard, type CardActions } from './deal-card';
import { cardDndId, columnDndId, type DndData } from './dnd';
import { unconvertedTotals, type BoardConversion } from '@/lib/board/converted-totals';
import { compactMoney } from '@/lib/money/format-money';
import { ConvertedFigure, UnconvertedMarker } from './converted-figure';
import { exactTotals } from './format';
import { CollapseIcon, ExpandIcon, PlusIcon } from './icons';
import { ESTIMATED_CARD_HEIGHT } from './card-size';
import { CustomFieldInput } from '@/components/deal/custom-field-input';
import { useNewDeal, useNewDealFormData } from '@/components/deal/new-deal-dialog';

export function stageCardsOptions(pipeline: PipelineRef, filters: BoardFilters, stage: Pick<BoardStageSummary, 'id' | 'publicId'>) {
  return infiniteQueryOptions({
    queryKey: boardKeys.stageCards(pipeline.id, filters, stage.id),
    queryFn: ({ pageParam, signal }) => fetchStageCards(pipeline, stage.publicId, filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // the board data seeds every first page; freshness comes from the live stream (useLiveBoard)
    staleTime: Infinity,
  });
}

/** The quick-add's text: name, value, and the workspace's required custom fields by key. */
export interface QuickAddRequest {
  stageId: number;
  name: string;
  value: string;
  /** the home currency: a new deal is in it */
  currency: string;
  customFields?: Record<string, string>;
}

export interface ColumnDrag {
  ids: number[];
  cards: Map<number, BoardCard>;
  activeDealId: number;
}

export interface StageColumnProps {
  pipeline: PipelineRef;
  filters: BoardFilters;
  stage: BoardStageSummary;
  stages: BoardStageSummary[];
  /** how the board converts: its columns' figures are in `conversion.currency` */
  conversion: BoardConversion;
  collapsed: boolean;
  now: number;
  /** while a card is dragged: this column's cards as they currently stand */
  drag: ColumnDrag | null;
  cardActions: CardActions;
  onToggleCollapsed: (stageId: number, collapsed: boolean) => void;
  onQuickAdd: (input: QuickAddRequest) => Promise<ActionResult<BoardCard> | null>;
  /** an outcome column whose status the filter hides: offer to show it */
  onShowOutcome?: () => void;
}

export const StageColumn = memo(function StageColumn(props: StageColumnProps) {
  const { stage, collapsed, drag } = props;
  const { setNodeRef, isOver } = useDroppable({
    id: columnDndId(stage.id),
    data: { type: 'column', stageId: stage.id, hasCards: !collapsed && (drag ? drag.ids.length > 0 : stage.count > 0) } satisfies DndData,
  });
  const dropHighlight = isOver ? 'bg-blue-50 ring-2 ring-blue-400' : 'bg-slate-100 ring-1 ring-slate-200';

  if (collapsed) {
    return (
      <section
        ref={setNodeRef}
        aria-label={stage.name}
        data-testid="stage-column"
        data-stage-id={stage.id}
        data-collapsed="true"
        className={`flex h-full w-11 shrink-0 flex-col items-center gap-2 rounded-xl py-2 ${dropHighlight}`}
      >
        <button
          type="button"
          aria-expanded={false}
          aria-label={`Expand ${stage.name}`}
          title={`Expand ${stage.name}`}
          onClick={() => props.onToggleCollapsed(stage.id, false)}
          className="rounded p-1 text-slate-500 hover:bg-white hover:text-slate-800"
        >
          <ExpandIcon />
        </button>
        <span data-testid="stage-count" className="rounded-full bg-white px-1.5 text-xs font-semibold tabular-nums text-slate-700 ring-1 ring-slate-200">
          {stage.count}
        </span>
        <h2 className="min-h-0 truncate text-sm font-semibold text-slate-800 [writing-mode:vertical-rl]">{stage.name}</h2>
        <p className="text-xs text-slate-500 [writing-mode:vertical-rl]" title={exactTotals(stage.totals)}>
          {compactMoney(stage.converted.total, props.conversion.currency)}
          {unconvertedTotals(props.conversion, stage.totals).length > 0 ? ' +' : ''}
        </p>
      </section>
    );
  }
  return <ExpandedColumn {...props} setNodeRef={setNodeRef} dropHighlight={dropHighlight} />;
});

function ExpandedColumn({
  pipeline,
  filters,
  stage,
  stages,
  now,
  drag,
  conversion,
  cardActions,
  onToggleCollapsed,
  onQuickAdd,
  onShowOutcome,
  setNodeRef,
  dropHighlight,
}: StageColumnProps & { setNodeRef: (node: HTMLElement | null) => void; dropHighlight: string }) {
  const query = useInfiniteQuery(stageCardsOptions(pipeline, filters, stage));
  const loaded = useMemo(() => flattenCards(query.data), [query.data]);
  const cards = useMemo(() => (drag ? drag.ids.map((id) => drag.cards.get(id)).filter((c): c is BoardCard => c !== undefined) : loaded), [drag, loaded]);
  const itemIds = useMemo(() => cards.map((c) => cardDndId(c.id)), [cards]);
  const activeIndex = drag ? cards.findIndex((c) => c.id === drag.activeDealId) : -1;
  const [adding, setAdding] = useState(false);
  const scrollRef = useRef<HTMLDivElement>(null);

  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_CARD_HEIGHT,
    getItemKey: (index) => cards[index]?.id ?? `row-${index}`,
    overscan: 4,
    gap: 8,
    paddingStart: 8,
    paddingEnd: 8,
    // the server renders the first cards too (same rect on both sides: no hydration mismatch)
    initialRect: { width: 272, height: 720 },
    // the dragged card stays mounted even when scrolled out of view (dnd-kit needs its node)
    rangeExtractor: (range) => {
      const indexes = defaultRangeExtractor(range);
      if (activeIndex >= 0 && !indexes.includes(activeIndex)) return [...indexes, activeIndex].sort((a, b) => a - b);
      return indexes;
    },
  });
  const virtualItems = virtualizer.getVirtualItems();
  const lastIndex = virtualItems[virtualItems.length - 1]?.index ?? -1;
  const detachedIndex = detachedActiveIndex(virtualItems, activeIndex);
  const flowStart = virtualItems.find((item) => item.index !== detachedIndex)?.start ?? 0;

  // the board's Tab stop stays on a card that is on screen as cards scroll in and out
  const tabStop = useContext(CardTabStopContext);
  const firstIndex = virtualItems[0]?.index ?? -1;
  // biome-ignore lint/correctness/useExhaustiveDependencies: checked again whenever the mounted cards change
  useEffect(() => tabStop?.ensure(), [tabStop, firstIndex, lastIndex, cards]);

  // load the next page as the user nears the end of what is loaded
  useEffect(() => {
    if (drag || !query.hasNextPage || query.isFetchingNextPage) return;
    if (lastIndex >= cards.length - 6) void query.fetchNextPage();
  }, [drag, lastIndex, cards.length, query]);

  const outcomeHidden = stage.outcome !== null && !filters.statuses.includes(stage.outcome);
  const unconverted = useMemo(() => unconvertedTotals(conversion, stage.totals), [conversion, stage.totals]);

  return (
    <section
      ref={setNodeRef}
      aria-label={stage.name}
      data-testid="stage-column"
      data-stage-id={stage.id}
      className={`@container flex h-full w-[min(17rem,calc(100cqw-1rem))] shrink-0 flex-col rounded-xl ${dropHighlight}`}
    >
      <header className="border-b border-slate-200 px-3 pb-2 pt-2.5">
        <div className="flex items-center gap-1.5">
          <h2 className="min-w-0 flex-1 truncate text-sm font-semibold text-slate-800" title={stage.name}>
            {stage.name}
          </h2>
          <span
            data-testid="stage-count"
            title="Deals in this stage"
            className="rounded-full bg-white px-2 text-xs font-semibold tabular-nums text-slate-700 ring-1 ring-slate-200"
          >
            {stage.count}
          </span>
          {stage.outcome === null ? (
            <button
              type="button"
              aria-label={`Add a deal to ${stage.name}`}
              title="Add a deal"
              aria-expanded={adding}
              onClick={() => setAdding((a) => !a)}
              className="rounded p-1 text-slate-500 hover:bg-white hover:text-slate-800"
            >
              <PlusIcon />
            </button>
          ) : null}
          <button
            type="button"
            aria-expanded={true}
            aria-label={`Collapse ${stage.name}`}
            title="Collapse"
            onClick={() => onToggleCollapsed(stage.id, true)}
            className="rounded p-1 text-slate-500 hover:bg-white hover:text-slate-800 @max-[14rem]:hidden"
          >
            <CollapseIcon />
          </button>
        </div>
        <p className="mt-0.5 flex items-baseline gap-1.5 text-xs">
          <ConvertedFigure
            testId="stage-total"
            label={`${stage.name} total`}
            conversion={conversion}
            converted={stage.converted}
            totals={stage.totals}
            unconverted={unconverted}
            className="font-semibold text-slate-700"
          />
          <span className="text-slate-500">·</span>
          {stage.outcome ? (
            <span className={stage.outcome === 'won' ? 'text-emerald-700' : 'text-rose-700'}>{stage.outcome === 'won' ? 'Won deals' : 'Lost deals'}</span>
          ) : (
            <span className="text-slate-500" title="Probability of closing from this stage">
              {stage.probability}%
            </span>
          )}
        </p>
        {stage.outcome === null ? (
          <p className="text-[11px] text-slate-500">
            Weighted{' '}
            <ConvertedFigure
              testId="stage-weighted"
              label={`${stage.name} weighted by ${stage.probability}%`}
              pick="weighted"
              conversion={conversion}
              converted={stage.converted}
              totals={stage.totals}
              unconverted={unconverted}
            />
          </p>
        ) : null}
        <UnconvertedMarker testId="stage-unconverted" unconverted={unconverted} className="block truncate text-[11px]" />
      </header>
      {adding ? (
        <QuickAddForm pipeline={pipeline} stage={stage} currency={conversion.currency} onDone={() => setAdding(false)} onQuickAdd={onQuickAdd} />
      ) : null}
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto overscroll-contain" data-testid="stage-scroll">
        {cards.length === 0 ? (
          <EmptyColumn
            stage={stage}
            outcomeHidden={outcomeHidden}
            filtered={filters.q !== null || filters.owner !== null}
            loading={query.isPending}
            onShowOutcome={onShowOutcome}
          />
        ) : (
          <SortableContext id={columnDndId(stage.id)} items={itemIds} strategy={verticalListSortingStrategy}>
            {/* The cards on screen stack in normal flow below a padding as tall as everything
                above them, so a card taller or shorter than the virtualiser's estimate never
                overlaps its neighbour (in the server's HTML, before anything is measured, too).
                Only a dragged card kept mounted far from them is placed on its own; it keeps its
                parent, so moving between the two never remounts it mid-drag. */}
            {/* biome-ignore lint/a11y/useSemanticElements: the virtualiser positions and measures these boxes; list semantics are given by role */}
            <div
              role="list"
              aria-label={`Deals in ${stage.name}`}
              className="relative flex w-full flex-col gap-2"
              style={{ height: virtualizer.getTotalSize(), paddingTop: flowStart }}
            >
              {virtualItems.map((item) => {
                const card = cards[item.index];
                if (!card) return null;
                const detached = item.index === detachedIndex;
                return (
                  // biome-ignore lint/a11y/useSemanticElements: see the list above
                  <div
                    key={item.key}
                    role="listitem"
                    aria-posinset={item.index + 1}
                    aria-setsize={Math.max(stage.count, cards.length)}
                    data-index={item.index}
                    ref={virtualizer.measureElement}
                    className={detached ? 'absolute left-0 top-0 w-full px-2' : 'w-full shrink-0 px-2'}
                    style={detached ? { transform: `translateY(${item.start}px)` } : undefined}
                  >
                    <SortableDealCard card={card} stage={stage} stages={stages} now={now} actions={cardActions} />
                  </div>
                );
              })}
            </div>
          </SortableContext>
        )}
        {query.isFetchingNextPage ? <p className="px-3 pb-3 text-center text-xs text-slate-500">Loading more deals…</p> : null}
        {query.isError && !query.isFetchingNextPage ? (
          <p className="px-3 pb-3 text-center text-xs text-red-600">
            Could not load more deals.{' '}
            <button type="button" className="underline" onClick={() => void query.fetchNextPage()}>
              Retry
            </button>
          </p>
        ) : null}
      </div>
    </section>
  );
}

function EmptyColumn({
  stage,
  outcomeHidden,
  filtered,
  loading,
  onShowOutcome,
}: {
  stage: BoardStageSummary;
  outcomeHidden: boolean;
  filtered: boolean;
  loading: boolean;
  onShowOutcome?: () => void;
}) {
  if (loading && stage.count > 0) return <div className="m-2 h-24 animate-pulse rounded-lg bg-slate-200/70" aria-hidden="true" />;
  return (
    <div data-testid="empty-column" className="m-2 rounded-lg border-2 border-dashed border-slate-300 px-3 py-6 text-center text-xs text-slate-500">
      {outcomeHidden ? (
        <>
          <p>{stage.outcome === 'won' ? 'Won' : 'Lost'} deals are hidden by the status filter.</p>
          {onShowOutcome ? (
            <button type="button" onClick={onShowOutcome} className="mt-1 font-medium text-blue-700 hover:underline">
              Show {stage.outcome} deals
            </button>
          ) : null}
          <p className="mt-2 text-slate-500">Drop a deal here to mark it {stage.outcome}.</p>
        </>
      ) : (
        <>
          <p>{filtered ? 'No deals match the filters here.' : 'No deals in this stage yet.'}</p>
          <p className="mt-1 text-slate-500">{stage.outcome === null ? 'Drag a deal here, or add one with +.' : 'Drag a deal here.'}</p>
        </>
      )}
    </div>
  );
}

function QuickAddForm({
  pipeline,
  stage,
  currency,
  onDone,
  onQuickAdd,
}: {
  pipeline: PipelineRef;
  stage: BoardStageSummary;
  currency: string;
  onDone: () => void;
  onQuickAdd: StageColumnProps['onQuickAdd'];
}) {
  const newDeal = useNewDeal();
  // the required custom fields are asked for here too: without them no deal can be created
  const required = useNewDealFormData().data?.customFields.filter((f) => f.required) ?? [];
  const [customFields, setCustomFields] = useState<Record<string, string>>({});
  const [name, setName] = useState('');
  const [value, setValue] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);
  const id = useId();
  const nameId = `${id}-name`;
  const valueId = `${id}-value`;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    const sent = required.length > 0 ? Object.fromEntries(required.map((f) => [f.key, customFields[f.key] ?? ''])) : undefined;
    const result = await onQuickAdd({ stageId: stage.id, name, value, currency, ...(sent ? { customFields: sent } : {}) });
    setPending(false);
    if (result === null) return;
    if (result.ok) {
      onDone();
      return;
    }
    const shown = Object.keys(result.fieldErrors).some((field) => field === 'name' || field === 'value' || field.startsWith('custom_fields.'));
    setErrors(shown ? result.fieldErrors : { _: [result.message] });
  };

  const fieldError = (field: string) =>
    errors[field]?.length ? (
      <p id={`${id}-${field}-error`} className="mt-0.5 text-xs text-red-600">
        {errors[field]!.join(' ')}
      </p>
    ) : null;

  return (
    <form onSubmit={submit} aria-label={`Add a deal to ${stage.name}`} className="space-y-2 border-b border-slate-200 bg-white p-2" noValidate>
      <div>
        <label htmlFor={nameId} className="mb-0.5 block text-[11px] font-medium text-slate-600">
          Deal name
        </label>
        <input
          id={nameId}
          autoFocus
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            setErrors(({ name: _n, ...rest }) => rest);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onDone();
          }}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
          className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm focus:border-blue-500 focus:outline-none focus:ring-1 focus:ring-blue-500 aria-[invalid]:border-red-500"
          placeholder="e.g. Acme – Growth plan"
        />
        {fieldError('name')}
      </div>
      <div>
        <label htmlFor={valueId} className="mb-0.5 block text-[11px] font-medium text-slate-600">
          Value ({currency})
        </label>
        <input
          id={valueId}
          inputMode="decimal"
          value={value}
          onChange={(e) => {
            setValue(e.target.value);
            setErrors(({ value: _v, ...rest }) => rest);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onDone();
          }}
          aria-invalid={errors.value ? true : undefined}
          aria-describedby={errors.value ? `${id}-value-error` : undefined}
          className="w-full rounded-md border border-slate-300 px-2 py-1 text-sm tabular-nums focus:border-blue-500 focus:outline-none focus:ring-1 focus:ring-blue-500 aria-[invalid]:border-red-500"
          placeholder="12,500"
        />
        {fieldError('value')}
      </div>
      {required.map((definition) => {
        const field = `custom_fields.${definition.key}`;
        return (
          <div key={definition.key}>
            <label htmlFor={`${id}-cf-${definition.key}`} className="mb-0.5 block text-[11px] font-medium text-slate-600">
              {definition.label}
            </label>
            <CustomFieldInput
              definition={definition}
              id={`${id}-cf-${definition.key}`}
              value={customFields[definition.key] ?? ''}
              onChange={(next) => {
                setCustomFields((c) => ({ ...c, [definition.key]: next }));
                setErrors(({ [field]: _f, ...rest }) => rest);
              }}
              invalid={Boolean(errors[field])}
              describedBy={errors[field] ? `${id}-${field}-error` : undefined}
            />
            {fieldError(field)}
          </div>
        );
      })}
      {errors._?.length ? <p className="text-xs text-red-600">{errors._.join(' ')}</p> : null}
      <div className="flex items-center justify-end gap-2">
        <button
          type="button"
          onClick={() => {
            newDeal.open({ pipelineId: pipeline.publicId, stageId: stage.publicId, name });
            onDone();
          }}
          className="mr-auto rounded-md px-1 py-1 text-xs text-blue-700 hover:underline"
        >
          More fields…
        </button>
        <button type="button" onClick={onDone} className="rounded-md px-2 py-1 text-xs text-slate-600 hover:bg-slate-100">
          Cancel
        </button>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-blue-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-blue-700 disabled:opacity-60"
        >
          {pending ? 'Adding…' : 'Add deal'}
        </button>
      </div>
    </form>
  );
}

/**
 * The dragged card's index when the range extractor keeps it mounted away from the run of
 * consecutive cards on screen (it is then placed at its own offset), else -1.
 */
function detachedActiveIndex(items: VirtualItem[], activeIndex: number): number {
  const position = items.findIndex((item) => item.index === activeIndex);
  if (position < 0 || items.length === 1) return -1;
  const before = items[position - 1];
  const after = items[position + 1];
  const attached = (before !== undefined && before.index === activeIndex - 1) || (after !== undefined && after.index === activeIndex + 1);
  return attached ? -1 : activeIndex;
}
