import type { BoardCard } from '../services/board/board-card';

// What an open board hears on its live stream (GET /pipelines/:id/live, text/event-stream), one
// message per change event that concerns the pipeline, `id:` = the event's id. Pure types: the
// server writes these and the browser applies them to its cache without refetching the board.

/**
 * What a board counts a deal as: the fields its filters and column totals look at. `previous` is
 * the deal as it was just before the event, so a board that never loaded the card (it sits beyond
 * the loaded pages, or the filters hid it) can still take it out of the right column's totals.
 */
export interface CountedDeal {
  stageId: number;
  /** minor units, as a decimal string */
  value: string;
  currency: string;
  status: BoardCard['status'];
  ownerId: number | null;
  name: string;
  companyName: string | null;
  contactName: string | null;
  /** YYYY-MM-DD, or an ISO timestamp (a card's); only its date counts */
  expectedClose: string | null;
}

export type BoardLiveMessage =
  /**
   * A deal on (or leaving) this board changed. `card` is the deal's card as it is now on this
   * pipeline's board, null when it is not on it any more (deleted, moved to another pipeline).
   * `previous` is present when the event changed the deal itself: its state before, or null when it
   * was not on this board before (created, moved in). Absent for an activity, task or link event,
   * which changes what the card shows but not where it is counted.
   */
  | { type: 'card'; dealId: number; occurredAt: string; card: BoardCard | null; previous?: CountedDeal | null }
  /** the pipeline or its stages changed: reload the board (its columns) and its metadata */
  | { type: 'board'; occurredAt: string }
  /** too much was missed to catch up event by event: reload the board, then reconnect after it */
  | { type: 'reload' }
  /** the catch-up is done: from here on events arrive as they commit */
  | { type: 'live' };

/** More missed events than this, and the stream asks the board to reload instead of catching up. */
export const LIVE_CATCH_UP_LIMIT = 500;

/** The path of a pipeline's live stream. */
export function boardLivePath(pipelinePublicId: string): string {
  return `/pipelines/${pipelinePublicId}/live`;
}
