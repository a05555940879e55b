'use client';

import { useCallback, useEffect, useRef, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { XIcon } from '@/components/ui/icons';

/**
 * The deal workspace beside the board: a panel from the right over a dimmed board. Closing (the ×,
 * a click on the board's shade, Escape when no field or dialog is taking it) goes back in history to
 * the board URL the rep came from, filters included. "Open full page" is a real page load of the
 * same URL, which the board does not intercept.
 */
export function DealSidePanel({ title, fullPageHref, children }: { title: string; fullPageHref?: string; children: ReactNode }) {
  const router = useRouter();
  const closeRef = useRef<HTMLButtonElement>(null);
  const close = useCallback(() => router.back(), [router]);

  // Focus goes back where the panel was opened from when it closes (×, shade, Escape, the browser's
  // Back): to the deal's card on the board, found again by its deal if the board re-rendered it.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const openerDeal = opener?.closest<HTMLElement>('[data-deal-id]') ?? null;
    const dealId = openerDeal?.dataset.dealId;
    return () => {
      const card = openerDeal?.isConnected ? openerDeal : dealId ? document.querySelector<HTMLElement>(`[data-deal-id="${CSS.escape(dealId)}"]`) : null;
      (card ?? (opener?.isConnected ? opener : null))?.focus();
    };
  }, []);

  useEffect(() => {
    closeRef.current?.focus();
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      const target = event.target as HTMLElement | null;
      // Escape also cancels an inline edit, a picker or a dialog inside the workspace: leave those to it
      if (target?.closest('input, textarea, select, [contenteditable="true"], [role="listbox"]')) return;
      if (document.querySelector('dialog[open]')) return;
      close();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [close]);

  return (
    <div className="fixed inset-0 z-40 flex justify-end">
      <div aria-hidden="true" data-testid="deal-panel-shade" className="absolute inset-0 bg-slate-900/30" onClick={close} />
      <aside
        role="dialog"
        aria-label={title}
        data-testid="deal-side-panel"
        className="relative flex h-full w-full flex-col bg-slate-50 shadow-2xl md:w-[min(56rem,75vw)]"
      >
        <div className="flex shrink-0 items-center justify-end gap-3 border-b border-slate-200 bg-white px-3 py-1.5 text-sm">
          {fullPageHref ? (
            // a plain link: a full load of the deal page, not intercepted by the board
            <a href={fullPageHref} className="text-blue-700 hover:underline">
              Open full page
            </a>
          ) : null}
          <button
            ref={closeRef}
            type="button"
            onClick={close}
            aria-label="Close the deal panel"
            className="rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline focus-visible:outline-2 focus-visible:outline-blue-500"
          >
            <XIcon className="h-5 w-5" />
          </button>
        </div>
        <div className="flex min-h-0 flex-1 flex-col">{children}</div>
      </aside>
    </div>
  );
}
