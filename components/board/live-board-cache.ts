import type { QueryClient } from '@tanstack/react-query';
import { dealMatchesBoardFilters, type FilterableDeal } from '@/lib/board/board-filter-match';
import type { BoardFilters } from '@/lib/board/board-filters';
import type { BoardLiveMessage } from '@/lib/live-board/board-live-message';
import { boardKeys } from '@/lib/query-keys';
import { adjustSummary, flattenCards, insertCard, removeCard, replaceCard, type BoardCard, type BoardSummary, type StagePages } from './board-data';

// A live change applied to the board's cache in place: the card moves, appears, changes or goes,
// and its columns' counts and totals follow — no board read. A change is applied only when its card
// is newer than what the board already shows (the mover's own board holds its write's answer, so
// the echo of its own move changes nothing).

type CardChange = Extract<BoardLiveMessage, { type: 'card' }>;

/** What the board last counted a deal as (null: not on this board), by deal: its card version and state. */
export type DealLedger = Map<number, { version: number; state: (FilterableDeal & { stageId: number }) | null }>;

function sameCard(a: BoardCard, b: BoardCard): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Where the deal's card is among the loaded cards of these filters, if it is. */
function findShown(queryClient: QueryClient, pipelineId: number, filters: BoardFilters, summary: BoardSummary, dealId: number) {
  for (const stage of summary.stages) {
    const card = flattenCards(queryClient.getQueryData<StagePages>(boardKeys.stageCards(pipelineId, filters, stage.id))).find((c) => c.id === dealId);
    if (card) return { stageId: stage.id, card };
  }
  return null;
}

/** The index in a column's loaded cards where a card goes in board order (position, id), or 'end'. */
function boardIndexOf(cards: BoardCard[], card: BoardCard): number | 'end' {
  const index = cards.findIndex((c) => c.position > card.position || (c.position === card.position && c.id > card.id));
  return index < 0 ? 'end' : index;
}

/** Notes a card the board's own write put in the cache (its answer), so the echo of that write is ignored. */
export function noteOwnCard(ledger: DealLedger, card: BoardCard): void {
  const known = ledger.get(card.id);
  if (!known || known.version <= card.version) ledger.set(card.id, { version: card.version, state: card });
}

/** Applies one card change to the board of these filters; answers whether anything changed. */
export function applyCardChange(queryClient: QueryClient, pipelineId: number, filters: BoardFilters, ledger: DealLedger, change: CardChange): boolean {
  const summaryKey = boardKeys.summary(pipelineId, filters);
  const summary = queryClient.getQueryData<BoardSummary>(summaryKey);
  if (!summary) return false;
  const shown = findShown(queryClient, pipelineId, filters, summary, change.dealId);
  const noted = ledger.get(change.dealId);
  const knownVersion = Math.max(shown?.card.version ?? -1, noted?.version ?? -1);
  const incoming = change.card;

  if (incoming && knownVersion >= 0) {
    if (incoming.version < knownVersion) return false;
    if (incoming.version === knownVersion) {
      // the same version of the deal: only what the card shows beside it (next task, last activity) can differ
      if (!shown || sameCard(shown.card, incoming)) return false;
      replaceCard(queryClient, pipelineId, incoming);
      return true;
    }
  }

  // how the board counts the deal now: its card on screen, else what an earlier change said, else
  // the deal as it was before this event (a card beyond the loaded pages, or hidden by the filters)
  let before: (FilterableDeal & { stageId: number }) | null;
  if (shown) before = shown.card;
  else if (noted) before = noted.state && dealMatchesBoardFilters(noted.state, filters) ? noted.state : null;
  else if (change.previous !== undefined) before = change.previous && dealMatchesBoardFilters(change.previous, filters) ? change.previous : null;
  // an activity or task of a deal this board never loaded: nothing it shows changes
  else return false;

  const stageKnown = (stageId: number) => summary.stages.some((s) => s.id === stageId);
  const after = incoming && stageKnown(incoming.stageId) && dealMatchesBoardFilters(incoming, filters) ? incoming : null;

  if (shown) removeCard(queryClient, boardKeys.stageCards(pipelineId, filters, shown.stageId), change.dealId);
  if (after) {
    const key = boardKeys.stageCards(pipelineId, filters, after.stageId);
    insertCard(queryClient, key, after, boardIndexOf(flattenCards(queryClient.getQueryData<StagePages>(key)), after));
  }
  queryClient.setQueryData<BoardSummary>(summaryKey, (current) => {
    if (!current) return current;
    let next = current;
    if (before && stageKnown(before.stageId)) next = adjustSummary(next, before.stageId, before, -1);
    if (after) next = adjustSummary(next, after.stageId, after, 1);
    return next;
  });
  ledger.set(change.dealId, { version: incoming?.version ?? knownVersion, state: incoming });
  return true;
}
