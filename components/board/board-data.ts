import { queryOptions, type InfiniteData, type QueryClient } from '@tanstack/react-query';
import { boardKeys } from '@/lib/query-keys';
import { boardFiltersToSearch, statusIsShown, type BoardFilters } from '@/lib/board/board-filters';
import { adjustConvertedTotal, weightedValue } from '@/lib/board/converted-totals';
import type { BoardMeta } from '@/lib/services/board/get-board-meta';
import type { BoardCard, BoardStageSummary, CardPage, PipelineBoard } from '@/lib/services/pipelines/get-pipeline-board';

// The board's data in the TanStack Query cache, shared by the server page (prefetch + dehydrate)
// and the browser (queries, optimistic updates, live refreshes):
//   summary (stages + SQL aggregates + event cursor)  boardKeys.summary(pipeline, filters)
//   each column's cards, an infinite query of pages   boardKeys.stageCards(pipeline, filters, stage)
// One board-data read fills both: the summary, and the first page of every column.

export type { BoardCard, BoardStageSummary, CardPage, PipelineBoard, BoardMeta };

export interface PipelineRef {
  id: number;
  publicId: string;
}

export interface BoardSummary {
  pipeline: PipelineBoard['pipeline'];
  /** the last change event this data holds: live events up to it are already in it */
  eventCursor: string;
  /** how the columns' converted figures were converted (moved cards are converted the same way) */
  conversion: PipelineBoard['conversion'];
  stages: BoardStageSummary[];
  /** the filters this summary was read with (the columns' cards use the same) */
  filters: BoardFilters;
}

export type StagePages = InfiniteData<CardPage, string | null>;

// ——— reads from the browser ———

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, cache: 'no-store', headers: { accept: 'application/json' } });
  const body = (await response.json().catch(() => null)) as (T & { error?: { message?: string } }) | null;
  if (!response.ok || body === null) throw new Error(body?.error?.message ?? `The board could not be loaded (HTTP ${response.status}).`);
  return body;
}

function withFilters(path: string, filters: BoardFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(boardFiltersToSearch(filters));
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

export function fetchBoard(pipeline: PipelineRef, filters: BoardFilters, signal?: AbortSignal): Promise<PipelineBoard> {
  return getJson(withFilters(`/pipelines/${pipeline.publicId}/board-data`, filters), signal);
}

export function fetchStageCards(
  pipeline: PipelineRef,
  stagePublicId: string,
  filters: BoardFilters,
  cursor: string | null,
  signal?: AbortSignal,
): Promise<CardPage> {
  return getJson(withFilters(`/pipelines/${pipeline.publicId}/stage-cards`, filters, { stage: stagePublicId, ...(cursor ? { cursor } : {}) }), signal);
}

export function fetchBoardMeta(pipeline: PipelineRef, signal?: AbortSignal): Promise<BoardMeta> {
  return getJson(`/pipelines/${pipeline.publicId}/board-meta`, signal);
}

// ——— the cache ———

/**
 * Writes a board read into the cache: every column's first page, and returns the summary.
 * A column the user has scrolled further (more than one page loaded) is refetched whole instead,
 * so its later pages never go stale next to a fresh first page.
 */
export function seedBoard(queryClient: QueryClient, pipelineId: number, filters: BoardFilters, board: PipelineBoard): BoardSummary {
  for (const stage of board.stages) {
    const key = boardKeys.stageCards(pipelineId, filters, stage.id);
    const page = board.firstPages[stage.id] ?? { cards: [], nextCursor: null };
    const existing = queryClient.getQueryData<StagePages>(key);
    if (existing && existing.pages.length > 1) void queryClient.invalidateQueries({ queryKey: key, exact: true });
    else queryClient.setQueryData<StagePages>(key, { pages: [page], pageParams: [null] });
  }
  return { pipeline: board.pipeline, eventCursor: board.eventCursor, conversion: board.conversion, stages: board.stages, filters };
}

export function boardSummaryOptions(queryClient: QueryClient, pipeline: PipelineRef, filters: BoardFilters) {
  return queryOptions({
    queryKey: boardKeys.summary(pipeline.id, filters),
    queryFn: async ({ signal }) => seedBoard(queryClient, pipeline.id, filters, await fetchBoard(pipeline, filters, signal)),
    // freshness comes from the board's live stream (useLiveBoard), not from a timer
    staleTime: Infinity,
  });
}

export function boardMetaOptions(pipeline: PipelineRef) {
  return queryOptions({
    queryKey: boardKeys.meta(),
    queryFn: ({ signal }) => fetchBoardMeta(pipeline, signal),
    staleTime: 5 * 60_000,
  });
}

/** A column's cards in order, each once (a card moved between two page loads may come twice). */
export function flattenCards(data: InfiniteData<CardPage, unknown> | undefined): BoardCard[] {
  if (!data) return [];
  const seen = new Set<number>();
  const cards: BoardCard[] = [];
  for (const page of data.pages) {
    for (const card of page.cards) {
      if (seen.has(card.id)) continue;
      seen.add(card.id);
      cards.push(card);
    }
  }
  return cards;
}

function hasMore(data: StagePages): boolean {
  return data.pages[data.pages.length - 1]?.nextCursor != null;
}

/** Removes a card from a column's pages; answers where it was (its index among the loaded cards). */
export function removeCard(queryClient: QueryClient, key: readonly unknown[], dealId: number): number {
  let index = -1;
  queryClient.setQueryData<StagePages>(key, (data) => {
    if (!data) return data;
    index = flattenCards(data).findIndex((c) => c.id === dealId);
    if (index < 0) return data;
    return { ...data, pages: data.pages.map((page) => ({ ...page, cards: page.cards.filter((c) => c.id !== dealId) })) };
  });
  return index;
}

/**
 * Puts a card into a column's pages at `index` among the loaded cards ('end': after the last card of
 * the stage, so only when every page is loaded). Answers whether the card is now in the cache.
 */
export function insertCard(queryClient: QueryClient, key: readonly unknown[], card: BoardCard, index: number | 'end'): boolean {
  let inserted = false;
  queryClient.setQueryData<StagePages>(key, (data) => {
    if (!data) return data;
    const pages = data.pages.map((page) => ({ ...page, cards: page.cards.filter((c) => c.id !== card.id) }));
    if (pages.length === 0) return data;
    let at = index === 'end' ? (hasMore(data) ? -1 : Number.MAX_SAFE_INTEGER) : index;
    if (at < 0) return { ...data, pages };
    for (let p = 0; p < pages.length; p += 1) {
      const page = pages[p]!;
      const isLast = p === pages.length - 1;
      if (at <= page.cards.length || isLast) {
        const position = Math.min(at, page.cards.length);
        pages[p] = { ...page, cards: [...page.cards.slice(0, position), card, ...page.cards.slice(position)] };
        inserted = true;
        break;
      }
      at -= page.cards.length;
    }
    return { ...data, pages };
  });
  return inserted;
}

/** Replaces a card (by ID) wherever it is loaded on this pipeline's board. */
export function replaceCard(queryClient: QueryClient, pipelineId: number, card: BoardCard): void {
  queryClient.setQueriesData<StagePages>({ queryKey: boardKeys.allCards(pipelineId) }, (data) => {
    if (!data?.pages.some((page) => page.cards.some((c) => c.id === card.id))) return data;
    return { ...data, pages: data.pages.map((page) => ({ ...page, cards: page.cards.map((c) => (c.id === card.id ? card : c)) })) };
  });
}

/** The latest version of a deal the cache holds (after earlier moves of the same card succeeded). */
export function cachedVersion(queryClient: QueryClient, pipelineId: number, dealId: number): number | null {
  for (const [, data] of queryClient.getQueriesData<StagePages>({ queryKey: boardKeys.allCards(pipelineId) })) {
    for (const page of data?.pages ?? []) {
      const card = page.cards.find((c) => c.id === dealId);
      if (card) return card.version;
    }
  }
  return null;
}

/**
 * The summary with one deal added to (+1) or taken from (−1) a column's count and totals, its
 * converted figure included (converted as the server converts it: lib/board/converted-totals).
 */
export function adjustSummary(summary: BoardSummary, stageId: number, card: Pick<BoardCard, 'value' | 'currency'>, delta: 1 | -1): BoardSummary {
  return {
    ...summary,
    stages: summary.stages.map((stage) => {
      if (stage.id !== stageId) return stage;
      const totals = stage.totals.map((t) => ({ ...t }));
      let entry = totals.find((t) => t.currency === card.currency);
      if (!entry) {
        entry = { currency: card.currency, count: 0, total: '0', weighted: '0' };
        totals.push(entry);
      }
      entry.count += delta;
      entry.total = (BigInt(entry.total) + BigInt(delta) * BigInt(card.value)).toString();
      entry.weighted = weightedValue(entry.total, stage.probability);
      return {
        ...stage,
        count: Math.max(0, stage.count + delta),
        totals: totals.filter((t) => t.count > 0),
        converted: adjustConvertedTotal(stage.converted, summary.conversion, stage.probability, card, delta),
      };
    }),
  };
}

export { statusIsShown };
