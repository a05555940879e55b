'use client';

import Link from 'next/link';
import { memo, useId, useRef, type CSSProperties, type MouseEvent, type PointerEvent, type ReactNode, type Ref } from 'react';
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { formatMoney } from '@/lib/money/format-money';
import type { BoardCard, BoardStageSummary } from './board-data';
import { useIsCardTabStop } from './card-focus';
import { cardDndId, type DndData } from './dnd';
import { formatDuration } from '@/lib/time/format-duration';
import { compactMoney, formatShortDate, initials, rottingDaysOver } from './format';
import { CalendarIcon, ClockIcon, LockIcon, TaskIcon, WarningIcon } from './icons';
import { MoveMenu } from './move-menu';

export interface CardActions {
  onMoveToStage: (card: BoardCard, stageId: number) => void;
  onClose: (card: BoardCard, outcome: 'won' | 'lost') => void;
  /** false: the card is someone else's and the viewer may only look (reps edit only their own deals) */
  mayChange: (card: BoardCard) => boolean;
}

const STATUS_STYLE: Record<BoardCard['status'], { card: string; badge: string | null; label: string | null }> = {
  open: { card: 'border-l-slate-200', badge: null, label: null },
  stalled: { card: 'border-l-amber-400', badge: 'bg-amber-50 text-amber-800 ring-amber-200', label: 'Stalled' },
  won: { card: 'border-l-emerald-500 bg-emerald-50/40', badge: 'bg-emerald-50 text-emerald-800 ring-emerald-200', label: 'Won' },
  lost: { card: 'border-l-rose-400 bg-slate-50', badge: 'bg-rose-50 text-rose-800 ring-rose-200', label: 'Lost' },
};

interface DealCardViewProps {
  card: BoardCard;
  stage: Pick<BoardStageSummary, 'rottingDays'>;
  now: number;
  /** the menu, or nothing (the drag overlay's copy) */
  menu?: ReactNode;
  articleRef?: Ref<HTMLElement>;
  articleProps?: Record<string, unknown>;
  style?: CSSProperties;
  className?: string;
  nameId?: string;
  /** the copy that follows the pointer while dragging (not a card of the board) */
  overlay?: boolean;
  /** false: the link inside is left out of the Tab order (the board's arrow keys lead to the card) */
  tabbable?: boolean;
}

/** A deal as a card: what a rep scans for on a board, most important first. */
export function DealCardView({
  card,
  stage,
  now,
  menu,
  articleRef,
  articleProps,
  style,
  className = '',
  nameId,
  overlay = false,
  tabbable = true,
}: DealCardViewProps) {
  const rotting = rottingDaysOver(card, stage.rottingDays, now);
  const status = STATUS_STYLE[card.status];
  const timeInStage = formatDuration(now - Date.parse(card.stageEnteredAt));
  const closeOverdue =
    card.expectedClose !== null && (card.status === 'open' || card.status === 'stalled') && Date.parse(card.expectedClose) + 86_400_000 <= now;
  const taskOverdue = card.nextTask?.dueAt ? Date.parse(card.nextTask.dueAt) < now : false;
  const who = [card.companyName, card.contactName].filter(Boolean).join(' · ');
  return (
    <article
      ref={articleRef as Ref<HTMLElement>}
      data-testid={overlay ? 'deal-card-overlay' : 'deal-card'}
      aria-hidden={overlay ? true : undefined}
      data-deal-id={card.id}
      data-status={card.status}
      data-rotting={rotting !== null ? 'true' : undefined}
      aria-labelledby={nameId}
      style={style}
      className={`relative rounded-lg border border-l-4 border-slate-200 bg-white p-2.5 text-sm shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-blue-500 ${
        rotting !== null ? 'border-l-red-500' : status.card
      } ${className}`}
      {...articleProps}
    >
      <div className="flex items-start gap-1">
        <Link
          id={nameId}
          href={`/deals/${card.publicId}`}
          // dozens of cards are on screen: no speculative render of every deal page
          prefetch={false}
          draggable={false}
          title={card.name}
          tabIndex={tabbable ? undefined : -1}
          className={`min-w-0 flex-1 line-clamp-3 wrap-anywhere font-medium leading-snug hover:underline ${card.status === 'lost' ? 'text-slate-500' : 'text-slate-900'}`}
        >
          {card.name}
        </Link>
        {menu}
      </div>
      <p className="mt-0.5 truncate text-xs text-slate-500">{who || 'No organisation or person'}</p>
      <div className="mt-1.5 flex min-w-0 items-center gap-1.5 text-xs">
        <span className="shrink-0 font-semibold tabular-nums text-slate-800" title={formatMoney(card.value, card.currency)}>
          {compactMoney(card.value, card.currency)}
        </span>
        {status.label ? (
          <span className={`shrink-0 rounded px-1.5 py-px text-[11px] font-medium ring-1 ring-inset ${status.badge}`}>{status.label}</span>
        ) : null}
        {rotting !== null ? (
          <span
            className="shrink-0 rounded bg-red-50 px-1.5 py-px text-[11px] font-medium text-red-700 ring-1 ring-inset ring-red-200"
            title={`No activity or stage change for longer than ${stage.rottingDays} days`}
          >
            Rotting
          </span>
        ) : null}
        {card.ownerName ? (
          <span className="ml-auto flex min-w-0 items-center gap-1 text-slate-600" title={`Owner: ${card.ownerName}`}>
            <span aria-hidden="true" className="grid h-5 w-5 shrink-0 place-items-center rounded-full bg-slate-700 text-[9px] font-semibold text-white">
              {initials(card.ownerName)}
            </span>
            <span className="hidden truncate @min-[15rem]:inline">{card.ownerName}</span>
          </span>
        ) : (
          <span className="ml-auto text-slate-500">No owner</span>
        )}
      </div>
      <div className="mt-1 flex flex-wrap items-center gap-x-2.5 gap-y-0.5 text-[11px] text-slate-500">
        {card.expectedClose ? (
          <span
            className={`flex items-center gap-1 ${closeOverdue ? 'font-medium text-red-600' : ''}`}
            title={closeOverdue ? 'Expected close date has passed' : 'Expected close'}
          >
            <CalendarIcon className="h-3 w-3" />
            {formatShortDate(card.expectedClose, now)}
          </span>
        ) : null}
        <span
          className={`flex items-center gap-1 ${rotting !== null ? 'text-red-600' : ''}`}
          title={rotting !== null ? `Rotting for ${rotting} day${rotting === 1 ? '' : 's'}` : 'Time in this stage'}
        >
          <ClockIcon className="h-3 w-3" />
          <span data-testid="time-in-stage">{timeInStage} in stage</span>
        </span>
      </div>
      {card.nextTask ? (
        <p
          className={`mt-1.5 flex items-center gap-1 border-t border-slate-100 pt-1.5 text-[11px] ${taskOverdue ? 'text-red-600' : 'text-slate-600'}`}
          title="Next task"
        >
          <TaskIcon className="h-3 w-3 shrink-0" />
          <span className="min-w-0 flex-1 truncate">{card.nextTask.title}</span>
          {card.nextTask.dueAt ? <span className="shrink-0 tabular-nums">{formatShortDate(card.nextTask.dueAt, now)}</span> : null}
        </p>
      ) : card.status === 'open' || card.status === 'stalled' ? (
        <p className="mt-1.5 flex items-center gap-1 border-t border-slate-100 pt-1.5 text-[11px] text-amber-700">
          <WarningIcon className="h-3 w-3 shrink-0" />
          No next task
        </p>
      ) : null}
    </article>
  );
}

interface SortableDealCardProps {
  card: BoardCard;
  stage: BoardStageSummary;
  stages: BoardStageSummary[];
  now: number;
  actions: CardActions;
}

/** A card on the board: draggable (mouse, touch, keyboard) and sortable, with its Move menu. */
export const SortableDealCard = memo(function SortableDealCard({ card, stage, stages, now, actions }: SortableDealCardProps) {
  const nameId = useId();
  const data: DndData = { type: 'card', dealId: card.id };
  const locked = !actions.mayChange(card);
  const tabStop = useIsCardTabStop(card.id);
  const { setNodeRef, setActivatorNodeRef, attributes, listeners, transform, transition, isDragging } = useSortable({
    id: cardDndId(card.id),
    data,
    disabled: locked,
    attributes: { roleDescription: locked ? 'deal' : 'draggable deal' },
  });
  // an <article> keeps its own role (its link stays a link for assistive tech); aria-pressed is a button's state
  // and a locked card's aria-disabled would mark its deal link unavailable too: only the drag is off
  const { role: _role, 'aria-pressed': _pressed, 'aria-disabled': _disabled, ...dragAttributes } = attributes;
  void _role;
  void _pressed;
  void _disabled;
  // a click anywhere on the card opens the deal, as its name does; not the end of a drag, not a
  // click on the menu, and not a click that ends selecting text
  const pressedAt = useRef<{ x: number; y: number } | null>(null);
  const openOnClick = {
    onPointerDown: (event: PointerEvent<HTMLElement>) => {
      pressedAt.current = { x: event.clientX, y: event.clientY };
    },
    onClick: (event: MouseEvent<HTMLElement>) => {
      const target = event.target as HTMLElement;
      if (event.defaultPrevented || target.closest('a, button, input, select, textarea, [role="menu"], [role="dialog"]')) return;
      const start = pressedAt.current;
      if (start && Math.hypot(event.clientX - start.x, event.clientY - start.y) > 5) return;
      if (window.getSelection()?.toString()) return;
      event.currentTarget.querySelector<HTMLAnchorElement>(`a[href="/deals/${card.publicId}"]`)?.click();
    },
  };
  return (
    <DealCardView
      card={card}
      stage={stage}
      now={now}
      nameId={nameId}
      articleRef={(node: HTMLElement | null) => {
        setNodeRef(node);
        setActivatorNodeRef(node);
      }}
      articleProps={{ ...dragAttributes, tabIndex: tabStop ? 0 : -1, ...openOnClick, ...(locked ? { 'data-locked': 'true' } : listeners) }}
      tabbable={tabStop}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      className={`touch-manipulation ${locked ? 'cursor-pointer' : isDragging ? 'opacity-40 ring-2 ring-blue-300' : 'cursor-grab active:cursor-grabbing'}`}
      menu={
        locked ? (
          <span className="inline-flex h-6 w-6 shrink-0 items-center justify-center text-slate-500" title={lockedReason(card)}>
            <LockIcon />
            <span className="sr-only">{lockedReason(card)}</span>
          </span>
        ) : (
          <MoveMenu
            card={card}
            tabbable={tabStop}
            stages={stages}
            onMoveToStage={(stageId) => actions.onMoveToStage(card, stageId)}
            onMarkWon={() => actions.onClose(card, 'won')}
            onMarkLost={() => actions.onClose(card, 'lost')}
          />
        )
      }
    />
  );
});

function lockedReason(card: BoardCard): string {
  return card.ownerName ? `${card.ownerName}’s deal: only they or a manager can change it` : 'Nobody owns this deal: only a manager can change it';
}
