import {
  closestCenter,
  closestCorners,
  getFirstCollision,
  pointerWithin,
  rectIntersection,
  type CollisionDetection,
  type DroppableContainer,
  type KeyboardCoordinateGetter,
  type UniqueIdentifier,
} from '@dnd-kit/core';

// The board's drag-and-drop vocabulary: what each draggable/droppable is, which droppable a drag
// is over, and where the arrow keys take a card being moved with the keyboard.

export type DndData =
  | { type: 'card'; dealId: number }
  | { type: 'column'; stageId: number /** its cards are shown (not collapsed, not empty) */; hasCards: boolean }
  | { type: 'outcome'; outcome: 'won' | 'lost' };

export const cardDndId = (dealId: number) => `deal-${dealId}`;
export const columnDndId = (stageId: number) => `stage-${stageId}`;
export const outcomeDndId = (outcome: 'won' | 'lost') => `outcome-${outcome}`;

export function dndData(container: { data: { current?: unknown } } | null | undefined): DndData | undefined {
  return container?.data.current as DndData | undefined;
}

/**
 * Which droppable the dragged card is over:
 * - a Won/Lost target under the pointer wins;
 * - over a column that shows cards, the closest of its cards (so the card slots in between);
 * - otherwise what the pointer (or, with the keyboard, the moved card) intersects;
 * - when nothing matches for a moment (the layout just shifted), the last answer.
 */
export function boardCollisionDetection(state: { lastOverId: UniqueIdentifier | null; movedToNewColumn: boolean }): CollisionDetection {
  return (args) => {
    const underPointer = pointerWithin(args);
    const outcome = underPointer.find((c) => dndData(args.droppableContainers.find((d) => d.id === c.id))?.type === 'outcome');
    if (outcome) {
      state.lastOverId = outcome.id;
      return [outcome];
    }
    const intersections = underPointer.length > 0 ? underPointer : rectIntersection(args);
    let overId = getFirstCollision(intersections, 'id');
    if (overId != null) {
      const over = dndData(args.droppableContainers.find((d) => d.id === overId));
      if (over?.type === 'column' && over.hasCards) {
        const cardsOfColumn = args.droppableContainers.filter((d) => {
          const data = dndData(d);
          return data?.type === 'card' && d.node.current !== null && d.node.current.closest(`[data-stage-id="${over.stageId}"]`) !== null;
        });
        overId = closestCenter({ ...args, droppableContainers: cardsOfColumn })[0]?.id ?? overId;
      }
      state.lastOverId = overId;
      return [{ id: overId }];
    }
    if (state.movedToNewColumn) state.lastOverId = args.active.id;
    return state.lastOverId ? [{ id: state.lastOverId }] : [];
  };
}

const ARROWS = ['ArrowDown', 'ArrowRight', 'ArrowUp', 'ArrowLeft'];

/**
 * Arrow keys while a card is picked up: left/right jump to the nearest card (or empty column, or
 * collapsed strip) in the next column in that direction, up/down to the next card above/below —
 * and below the last cards, the Won/Lost targets.
 */
export const boardKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context: { active, droppableRects, droppableContainers, collisionRect } }) => {
  if (!ARROWS.includes(event.code)) return undefined;
  event.preventDefault();
  if (!active || !collisionRect) return undefined;
  const candidates: DroppableContainer[] = [];
  droppableContainers.getEnabled().forEach((entry) => {
    if (!entry || entry.disabled || entry.id === active.id) return;
    const rect = droppableRects.get(entry.id);
    if (!rect) return;
    const data = dndData(entry);
    if (data?.type === 'column' && data.hasCards) return; // land on one of its cards instead
    switch (event.code) {
      case 'ArrowDown':
        if (rect.top > collisionRect.top + 1) candidates.push(entry);
        break;
      case 'ArrowUp':
        if (rect.top < collisionRect.top - 1) candidates.push(entry);
        break;
      case 'ArrowRight':
        if (rect.left >= collisionRect.left + collisionRect.width - 1) candidates.push(entry);
        break;
      case 'ArrowLeft':
        if (rect.left + rect.width <= collisionRect.left + 1) candidates.push(entry);
        break;
    }
  });
  const collisions = closestCorners({ active, collisionRect, droppableRects, droppableContainers: candidates, pointerCoordinates: null });
  const targetId = getFirstCollision(collisions, 'id');
  if (targetId == null) return undefined;
  const rect = droppableRects.get(targetId);
  if (!rect) return undefined;
  const data = dndData(droppableContainers.get(targetId));
  if (data?.type === 'outcome') {
    return { x: rect.left + (rect.width - collisionRect.width) / 2, y: rect.top + (rect.height - collisionRect.height) / 2 };
  }
  if (data?.type === 'column') return { x: rect.left + Math.max(0, (rect.width - collisionRect.width) / 2), y: rect.top + Math.min(72, rect.height / 3) };
  return { x: rect.left, y: rect.top };
};
