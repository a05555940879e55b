'use client';

import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import type { BoardCard, BoardStageSummary } from './board-data';
import { MoreIcon } from './icons';

export interface MoveMenuProps {
  card: BoardCard;
  stages: BoardStageSummary[];
  onMoveToStage: (stageId: number) => void;
  onMarkWon: () => void;
  onMarkLost: () => void;
  /** false: the button is left out of the Tab order (the board's arrow keys lead to its card first) */
  tabbable?: boolean;
}

const MENU_WIDTH = 224;

/**
 * "Move to stage…": a button opening a menu of the pipeline's stages plus Mark as won / lost, for
 * everyone who cannot (or would rather not) drag. A WAI-ARIA menu button: arrows move between
 * items, Enter/Space choose, Escape closes and returns focus to the button. The menu is portalled
 * to the body so a column's scroll box never clips it.
 */
export function MoveMenu({ card, stages, onMoveToStage, onMarkWon, onMarkLost, tabbable = true }: MoveMenuProps) {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<{ top: number; left: number } | null>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const openStages = stages.filter((s) => s.outcome === null);
  const close = useCallback((refocus: boolean) => {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }, []);

  useLayoutEffect(() => {
    if (!open || !buttonRef.current) return;
    const rect = buttonRef.current.getBoundingClientRect();
    const height = menuRef.current?.offsetHeight ?? 280;
    const below = rect.bottom + 4;
    const top = below + height > window.innerHeight - 8 ? Math.max(8, rect.top - height - 4) : below;
    const left = Math.max(8, Math.min(rect.right - MENU_WIDTH, window.innerWidth - MENU_WIDTH - 8));
    setPlace({ top, left });
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const first = menuRef.current?.querySelector<HTMLButtonElement>('[role="menuitem"]:not([disabled])');
    first?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) close(false);
    };
    const onScrollOrResize = () => close(false);
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('resize', onScrollOrResize);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('resize', onScrollOrResize);
    };
  }, [open, close]);

  const onMenuKeyDown = (event: ReactKeyboardEvent<HTMLDivElement>) => {
    const items = [...(menuRef.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const index = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = event.key === 'ArrowDown' ? (index + 1) % items.length : (index - 1 + items.length) % items.length;
      items[next]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      (event.key === 'Home' ? items[0] : items[items.length - 1])?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  const choose = (action: () => void) => () => {
    close(true);
    action();
  };

  const itemClass =
    'flex w-full items-center gap-2 px-3 py-1.5 text-left text-sm text-slate-700 outline-none hover:bg-slate-100 focus:bg-slate-100 disabled:cursor-default disabled:text-slate-400 disabled:hover:bg-transparent';

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        aria-label="Move to stage…"
        title="Move to stage…"
        aria-haspopup="menu"
        tabIndex={tabbable ? undefined : -1}
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className="-mr-1 -mt-0.5 shrink-0 rounded p-1 text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-blue-500"
      >
        <MoreIcon className="h-4 w-4" />
      </button>
      {open
        ? createPortal(
            <div
              ref={menuRef}
              id={menuId}
              role="menu"
              aria-label={`Move “${card.name}”`}
              onKeyDown={onMenuKeyDown}
              style={{ position: 'fixed', top: place?.top ?? -9999, left: place?.left ?? -9999, width: MENU_WIDTH }}
              className="z-50 rounded-lg border border-slate-200 bg-white py-1 shadow-lg"
            >
              <p className="px-3 pb-1 pt-1.5 text-[11px] font-semibold uppercase tracking-wide text-slate-500">Move to stage</p>
              {openStages.map((stage) => {
                const current = stage.id === card.stageId;
                return (
                  <button key={stage.id} type="button" role="menuitem" disabled={current} onClick={choose(() => onMoveToStage(stage.id))} className={itemClass}>
                    <span className="flex-1 truncate">{stage.name}</span>
                    {current ? <span className="text-xs">current</span> : <span className="text-xs text-slate-500">{stage.probability}%</span>}
                  </button>
                );
              })}
              <hr className="my-1 border-t border-slate-100" />
              <button type="button" role="menuitem" disabled={card.status === 'won'} onClick={choose(onMarkWon)} className={`${itemClass} text-emerald-700`}>
                Mark as won
              </button>
              <button type="button" role="menuitem" disabled={card.status === 'lost'} onClick={choose(onMarkLost)} className={`${itemClass} text-rose-700`}>
                Mark as lost…
              </button>
            </div>,
            document.body,
          )
        : null}
    </>
  );
}
