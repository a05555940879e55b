'use client';

import { createContext, useContext, useSyncExternalStore } from 'react';

// Moving the keyboard focus between the board's cards. The board is one Tab stop (a roving
// tabindex): the card last focused — at first the first card — is reachable with Tab, its link and
// Move menu after it; the arrow keys go from card to card, up and down a column and sideways to the
// nearest card of the neighbouring column. Without this a keyboard user tabbed through every card's
// three controls (about 290 presses to reach the fourth column).

const CARD = '[data-testid="deal-card"]';
const COLUMN = '[data-testid="stage-column"]';

/** Which card is the board's Tab stop; cards subscribe to learn whether it is them. */
export class CardTabStop {
  private dealId: number | null = null;
  private root: HTMLElement | null = null;
  private readonly listeners = new Set<() => void>();

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  isTabStop(dealId: number): boolean {
    return this.dealId === dealId;
  }

  setRoot(root: HTMLElement | null): void {
    this.root = root;
  }

  set(dealId: number | null): void {
    if (dealId === this.dealId) return;
    this.dealId = dealId;
    for (const listener of this.listeners) listener();
  }

  /** Keeps a card on screen as the Tab stop: the first one when the last focused left the screen (or the board). */
  ensure(): void {
    if (!this.root) return;
    if (this.dealId !== null && this.root.querySelector(`${CARD}[data-deal-id="${this.dealId}"]`)) return;
    const first = this.root.querySelector<HTMLElement>(CARD);
    this.set(first ? Number(first.dataset.dealId) : null);
  }
}

export const CardTabStopContext = createContext<CardTabStop | null>(null);

const noSubscription = () => () => {};

/** Whether this card is the board's Tab stop (outside a board, every card is its own). */
export function useIsCardTabStop(dealId: number): boolean {
  const store = useContext(CardTabStopContext);
  return useSyncExternalStore(
    store?.subscribe ?? noSubscription,
    () => (store ? store.isTabStop(dealId) : true),
    () => store === null,
  );
}

/** The card element an event happened in, if the event target is the card itself (not its link or menu). */
export function cardElementOf(target: EventTarget | null): HTMLElement | null {
  return target instanceof HTMLElement && target.matches(CARD) ? target : null;
}

/** The deal of the card holding an element, if any. */
export function dealIdWithin(target: EventTarget | null): number | null {
  const card = target instanceof HTMLElement ? target.closest<HTMLElement>(CARD) : null;
  return card ? Number(card.dataset.dealId) : null;
}

/**
 * The card an arrow key leads to from `card`: null when there is none that way (the edge of the
 * board), undefined when the key is not an arrow.
 */
export function cardInDirection(card: HTMLElement, key: string): HTMLElement | null | undefined {
  const column = card.closest<HTMLElement>(COLUMN);
  if (!column) return undefined;
  if (key === 'ArrowUp' || key === 'ArrowDown') {
    const index = Number(card.closest<HTMLElement>('[data-index]')?.dataset.index ?? Number.NaN);
    if (Number.isNaN(index)) return null;
    // the virtualiser keeps a few cards mounted beyond the visible ones: the next is always there
    return column.querySelector<HTMLElement>(`[data-index="${index + (key === 'ArrowDown' ? 1 : -1)}"] ${CARD}`);
  }
  if (key !== 'ArrowLeft' && key !== 'ArrowRight') return undefined;
  const board = column.parentElement;
  if (!board) return null;
  const columns = [...board.querySelectorAll<HTMLElement>(COLUMN)];
  const step = key === 'ArrowRight' ? 1 : -1;
  const from = card.getBoundingClientRect();
  const middle = from.top + from.height / 2;
  // collapsed and empty columns are skipped: the nearest card in the first column showing any
  for (let i = columns.indexOf(column) + step; i >= 0 && i < columns.length; i += step) {
    const cards = [...columns[i]!.querySelectorAll<HTMLElement>(CARD)];
    if (cards.length === 0) continue;
    let nearest = cards[0]!;
    let distance = Number.POSITIVE_INFINITY;
    for (const candidate of cards) {
      const box = candidate.getBoundingClientRect();
      const d = Math.abs(box.top + box.height / 2 - middle);
      if (d < distance) {
        nearest = candidate;
        distance = d;
      }
    }
    return nearest;
  }
  return null;
}
