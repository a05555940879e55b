'use client';

import { useDroppable } from '@dnd-kit/core';
import { outcomeDndId, type DndData } from './dnd';
import { TrophyIcon, XCircleIcon } from './icons';

/** The Won and Lost drop targets along the bottom of the board. */
export function OutcomeDropZones({ dragging }: { dragging: boolean }) {
  return (
    <section className="flex shrink-0 gap-3 border-t border-slate-200 bg-white/80 px-4 py-2" aria-label="Close deals by dropping them here">
      <OutcomeZone outcome="won" dragging={dragging} />
      <OutcomeZone outcome="lost" dragging={dragging} />
    </section>
  );
}

function OutcomeZone({ outcome, dragging }: { outcome: 'won' | 'lost'; dragging: boolean }) {
  const { setNodeRef, isOver } = useDroppable({ id: outcomeDndId(outcome), data: { type: 'outcome', outcome } satisfies DndData });
  const won = outcome === 'won';
  const tone = won
    ? isOver
      ? 'border-emerald-500 bg-emerald-100 text-emerald-900 scale-[1.01]'
      : dragging
        ? 'border-emerald-400 bg-emerald-50 text-emerald-800'
        : 'border-slate-200 text-slate-500'
    : isOver
      ? 'border-rose-500 bg-rose-100 text-rose-900 scale-[1.01]'
      : dragging
        ? 'border-rose-400 bg-rose-50 text-rose-800'
        : 'border-slate-200 text-slate-500';
  return (
    <div
      ref={setNodeRef}
      data-testid={`drop-${outcome}`}
      className={`flex h-12 flex-1 items-center justify-center gap-2 rounded-lg border-2 border-dashed text-sm font-medium transition ${tone}`}
    >
      {won ? <TrophyIcon className="h-4 w-4" /> : <XCircleIcon className="h-4 w-4" />}
      {isOver ? (won ? 'Release to mark as won' : 'Release to mark as lost') : won ? 'Won' : 'Lost'}
      <span className="sr-only">drop target</span>
    </div>
  );
}
