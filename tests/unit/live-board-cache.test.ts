import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { applyCardChange, noteOwnCard, type DealLedger } from '../../components/board/live-board-cache';
import { removeCard, type BoardCard, type BoardSummary, type StagePages } from '../../components/board/board-data';
import { dealMatchesBoardFilters } from '../../lib/board/board-filter-match';
import { DEFAULT_BOARD_FILTERS, parseBoardFilters } from '../../lib/board/board-filters';
import { createExchangeRateTable } from '../../lib/currency/exchange-rate-table';
import type { BoardLiveMessage } from '../../lib/live-board/board-live-message';
import { toPublicId } from '../../lib/ids';
import { boardKeys } from '../../lib/query-keys';

// A live change applied to a board's cache (a real TanStack QueryClient): cards move, appear and go
// in board order, column counts and totals follow — also for a card the board never loaded — and
// a change not newer than what the board holds (the echo of its own write) changes nothing.

const PIPELINE = 1;
const filters = DEFAULT_BOARD_FILTERS;

function card(id: number, stageId: number, position: number, extra: Partial<BoardCard> = {}): BoardCard {
  return {
    id,
    publicId: toPublicId('deal', id),
    name: `Deal ${id}`,
    stageId,
    value: '1000',
    currency: 'USD',
    status: 'open',
    position,
    version: 1,
    ownerId: null,
    ownerName: null,
    companyName: null,
    contactName: null,
    expectedClose: null,
    stageEnteredAt: '2026-01-01T00:00:00.000Z',
    lastActivityAt: null,
    nextTask: null,
    ...extra,
  };
}

/** A board of two columns: stage 10 with deals 1–3 loaded and more beyond them, stage 20 with deal 4. */
function board() {
  const queryClient = new QueryClient();
  const stages = [10, 20].map((id) => ({ id, publicId: toPublicId('stage', id), name: `Stage ${id}`, probability: 50, rottingDays: null, outcome: null }));
  const summary: BoardSummary = {
    pipeline: { id: PIPELINE, publicId: toPublicId('pipeline', PIPELINE), name: 'Sales' },
    eventCursor: '100',
    conversion: { currency: 'USD', day: '2026-01-01', table: createExchangeRateTable('USD', [{ currency: 'EUR', rate: '1.0825', validFrom: '2025-01-01' }]) },
    filters,
    stages: [
      {
        ...stages[0]!,
        count: 5,
        totals: [{ currency: 'USD', count: 5, total: '5000', weighted: '2500' }],
        converted: { count: 5, total: '5000', weighted: '2500' },
      },
      {
        ...stages[1]!,
        count: 1,
        totals: [{ currency: 'USD', count: 1, total: '1000', weighted: '500' }],
        converted: { count: 1, total: '1000', weighted: '500' },
      },
    ],
  };
  queryClient.setQueryData(boardKeys.summary(PIPELINE, filters), summary);
  queryClient.setQueryData<StagePages>(boardKeys.stageCards(PIPELINE, filters, 10), {
    pages: [{ cards: [card(1, 10, 1), card(2, 10, 2), card(3, 10, 3)], nextCursor: 'more' }],
    pageParams: [null],
  });
  queryClient.setQueryData<StagePages>(boardKeys.stageCards(PIPELINE, filters, 20), {
    pages: [{ cards: [card(4, 20, 1)], nextCursor: null }],
    pageParams: [null],
  });
  const ledger: DealLedger = new Map();
  const apply = (change: Omit<Extract<BoardLiveMessage, { type: 'card' }>, 'type' | 'occurredAt'>) =>
    applyCardChange(queryClient, PIPELINE, filters, ledger, { type: 'card', occurredAt: '2026-01-01T00:00:00.000Z', ...change });
  const column = (stageId: number) =>
    queryClient.getQueryData<StagePages>(boardKeys.stageCards(PIPELINE, filters, stageId))!.pages.flatMap((page) => page.cards.map((c) => c.id));
  const counts = () =>
    queryClient.getQueryData<BoardSummary>(boardKeys.summary(PIPELINE, filters))!.stages.map((s) => [s.id, s.count, s.totals[0]?.total ?? '0']);
  return { queryClient, ledger, apply, column, counts };
}

const previousStateOf = (c: BoardCard) => ({
  stageId: c.stageId,
  value: c.value,
  currency: c.currency,
  status: c.status,
  ownerId: c.ownerId,
  name: c.name,
  companyName: null,
  contactName: null,
  expectedClose: null,
});

describe('a live change applied to the board cache', () => {
  it('moves a loaded card between columns in board order, counts and totals following', () => {
    const b = board();
    expect(b.apply({ dealId: 2, card: card(2, 20, 0.5, { version: 2 }), previous: previousStateOf(card(2, 10, 2)) })).toBe(true);
    expect(b.column(10)).toEqual([1, 3]);
    expect(b.column(20)).toEqual([2, 4]);
    expect(b.counts()).toEqual([
      [10, 4, '4000'],
      [20, 2, '2000'],
    ]);
  });

  it('counts a card the board never loaded by its previous state, and loads it only where its column is loaded', () => {
    const b = board();
    // deal 9 sits in stage 10 beyond the loaded cards; it moves to stage 20, after deal 4
    b.apply({ dealId: 9, card: card(9, 20, 5, { version: 3, value: '2500' }), previous: previousStateOf(card(9, 10, 50, { value: '2500' })) });
    expect(b.column(20)).toEqual([4, 9]);
    expect(b.counts()).toEqual([
      [10, 4, '2500'],
      [20, 2, '3500'],
    ]);
    // moved back to the end of stage 10: counted there, not loaded (its column has more to load)
    b.apply({ dealId: 9, card: card(9, 10, 60, { version: 4, value: '2500' }), previous: previousStateOf(card(9, 20, 5, { value: '2500' })) });
    expect(b.column(10)).toEqual([1, 2, 3]);
    expect(b.column(20)).toEqual([4]);
    expect(b.counts()).toEqual([
      [10, 5, '5000'],
      [20, 1, '1000'],
    ]);
  });

  it('keeps the columns’ converted figures with the board’s rates, and leaves a currency without a rate out of them', () => {
    const b = board();
    const converted = () => b.queryClient.getQueryData<BoardSummary>(boardKeys.summary(PIPELINE, filters))!.stages.map((s) => s.converted);
    // €10,001.01 at 1.0825 = $10,826.0933… → 1082609 cents, weighted 50% → 541304.5 → 541305 (half up)
    const euro = card(9, 20, 5, { version: 3, value: '1000101', currency: 'EUR' });
    b.apply({ dealId: 9, card: euro, previous: null });
    expect(converted()[1]).toEqual({ count: 2, total: String(1000 + 1082609), weighted: String(Math.round((1000 + 1082609) / 2)) });
    // a Swiss-franc deal has no rate: counted in the column, not in its converted figure
    b.apply({ dealId: 11, card: card(11, 20, 6, { version: 1, value: '5000', currency: 'CHF' }), previous: null });
    const stage = b.queryClient.getQueryData<BoardSummary>(boardKeys.summary(PIPELINE, filters))!.stages[1]!;
    expect(stage.count).toBe(3);
    expect(stage.converted.count).toBe(2);
    // moved back out: the column's converted figure is what it was
    b.apply({ dealId: 9, card: { ...euro, stageId: 10, version: 4 }, previous: previousStateOf(euro) });
    expect(converted()).toEqual([
      { count: 6, total: String(5000 + 1082609), weighted: String((5000 + 1082609 + 1) / 2) },
      { count: 1, total: '1000', weighted: '500' },
    ]);
  });

  it('ignores the echo of its own write, and an older card; applies a newer one', () => {
    const b = board();
    // this board marked deal 1 won: its optimistic update took the card out and uncounted it, and
    // the action's answer was noted; the stream's echo of that write must not uncount it again
    const written = card(1, 10, 1, { version: 5, status: 'won' });
    removeCard(b.queryClient, boardKeys.stageCards(PIPELINE, filters, 10), 1);
    noteOwnCard(b.ledger, written);
    expect(b.apply({ dealId: 1, card: written, previous: previousStateOf(card(1, 10, 1)) })).toBe(false);
    expect(b.apply({ dealId: 3, card: card(3, 20, 9, { version: 0 }), previous: previousStateOf(card(3, 10, 3)) })).toBe(false);
    expect(b.column(10)).toEqual([2, 3]);
    expect(b.counts()[0]).toEqual([10, 5, '5000']);
    // someone else's later change of it is applied
    expect(b.apply({ dealId: 2, card: card(2, 20, 0, { version: 2 }), previous: previousStateOf(card(2, 10, 2)) })).toBe(true);
  });

  it('updates what a card shows for an activity or task, in place and uncounted', () => {
    const b = board();
    const tasked = card(2, 10, 2, { nextTask: { title: 'Call back', dueAt: null } });
    expect(b.apply({ dealId: 2, card: tasked })).toBe(true);
    expect(b.queryClient.getQueryData<StagePages>(boardKeys.stageCards(PIPELINE, filters, 10))!.pages[0]!.cards[1]).toEqual(tasked);
    expect(b.counts()[0]).toEqual([10, 5, '5000']);
    // a task of a deal this board never loaded: nothing to do
    expect(b.apply({ dealId: 77, card: card(77, 10, 99) })).toBe(false);
  });

  it('takes out a deal that was deleted or left the pipeline, and one the filters no longer show', () => {
    const b = board();
    b.apply({ dealId: 4, card: null, previous: previousStateOf(card(4, 20, 1)) });
    expect(b.column(20)).toEqual([]);
    b.apply({ dealId: 1, card: card(1, 10, 1, { version: 2, status: 'won' }), previous: previousStateOf(card(1, 10, 1)) });
    expect(b.column(10)).toEqual([2, 3]);
    expect(b.counts()).toEqual([
      [10, 4, '4000'],
      [20, 0, '0'],
    ]);
  });
});

describe('the board filters in the browser', () => {
  const deal = {
    status: 'open' as const,
    ownerId: 7,
    name: 'Acme renewal',
    companyName: 'Globex',
    contactName: 'Ann Lee',
    value: '500050',
    currency: 'USD',
    expectedClose: '2026-05-01T00:00:00.000Z',
  };
  it('match as the SQL does', () => {
    expect(dealMatchesBoardFilters(deal, DEFAULT_BOARD_FILTERS)).toBe(true);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ status: 'won' }))).toBe(false);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ owner: toPublicId('user', 7) }))).toBe(true);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ owner: toPublicId('user', 8) }))).toBe(false);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ q: 'GLOB' }))).toBe(true);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ q: 'ann l' }))).toBe(true);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ q: 'initech' }))).toBe(false);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ min: '5000.5' }))).toBe(true);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ min: '5000.51' }))).toBe(false);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ max: '5000.5' }))).toBe(true);
    expect(dealMatchesBoardFilters({ ...deal, currency: 'JPY', value: '5000' }, parseBoardFilters({ min: '5000' }))).toBe(true);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ close_from: '2026-05-01', close_to: '2026-05-01' }))).toBe(true);
    expect(dealMatchesBoardFilters(deal, parseBoardFilters({ close_to: '2026-04-30' }))).toBe(false);
    expect(dealMatchesBoardFilters({ ...deal, expectedClose: null }, parseBoardFilters({ close_from: '2026-01-01' }))).toBe(false);
  });
});
