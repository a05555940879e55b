// What npm run bench:ui runs inside the page. Every function here is serialised by Playwright and
// runs in the browser, so each is self-contained (no imports, no outer variables). Times are
// performance.now(): milliseconds since the navigation started (performance.timeOrigin).

/** The layout of the cards on screen: heights, and cards drawn over their neighbour. */
export interface CardLayout {
  cards: number;
  heights: { min: number; median: number; max: number };
  /** neighbouring cards (in list order) whose boxes overlap by more than 1 px */
  overlapping: number;
  maxOverlap: number;
}

export interface LoadProbe {
  /** the first animation frame with a deal card of the board displayed (that frame paints it) */
  paintedAt: number | null;
  /** the board carries data-board-ready (hydrated: drags and keys work) */
  readyAt: number | null;
  /** the cards as that first frame draws them */
  firstFrame: CardLayout | null;
  longTasks: { start: number; duration: number }[];
}

export interface DropWatch {
  upAt: number | null;
  /** the dropped card is in the target column and no longer the dragged placeholder */
  settledAt: number | null;
  /** …and shown: the drag overlay's drop animation is over, the card is opaque again */
  shownAt: number | null;
}

declare global {
  interface Window {
    __benchLoad?: LoadProbe;
    __benchLayout?: () => CardLayout;
    __benchDrop?: DropWatch;
  }
}

/** Installed with addInitScript: watches a navigation until the board has cards and is hydrated. */
export function installLoadProbe(): void {
  if (window.__benchLoad) return;
  const probe: LoadProbe = { paintedAt: null, readyAt: null, firstFrame: null, longTasks: [] };
  window.__benchLoad = probe;

  const layout = (): CardLayout => {
    const heights: number[] = [];
    let overlapping = 0;
    let maxOverlap = 0;
    for (const scroller of Array.from(document.querySelectorAll('[data-testid="stage-scroll"]'))) {
      const items = Array.from(scroller.querySelectorAll<HTMLElement>('[role="listitem"]')).sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index));
      let previous: DOMRect | null = null;
      for (const item of items) {
        const card = item.querySelector('[data-testid="deal-card"]');
        if (!card) continue;
        const rect = card.getBoundingClientRect();
        heights.push(rect.height);
        if (previous) {
          const overlap = previous.bottom - rect.top;
          if (overlap > 1) overlapping += 1;
          maxOverlap = Math.max(maxOverlap, overlap);
        }
        previous = rect;
      }
    }
    heights.sort((a, b) => a - b);
    return {
      cards: heights.length,
      heights: { min: heights[0] ?? 0, median: heights[Math.floor(heights.length / 2)] ?? 0, max: heights[heights.length - 1] ?? 0 },
      overlapping,
      maxOverlap: Math.max(0, maxOverlap),
    };
  };
  window.__benchLayout = layout;

  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this browser
  }

  // Cheap on purpose: a check per animation frame (a card in the DOM at a frame's rAF is painted in
  // that frame) and an observer of the one attribute; watching every DOM change while the HTML
  // streams in cost the page more main-thread time than some of what is measured.
  const ready = () => {
    if (probe.readyAt === null && document.querySelector('[data-board-ready="true"] [data-testid="deal-card"]')) probe.readyAt = performance.now();
  };
  const observer = new MutationObserver(ready);
  observer.observe(document, { subtree: true, attributes: true, attributeFilter: ['data-board-ready'] });
  const frame = () => {
    if (probe.paintedAt === null) {
      // not yet when it is still in React's hidden streaming container
      if (document.querySelector('[data-testid="board"] [data-testid="deal-card"]')?.checkVisibility()) {
        probe.paintedAt = performance.now();
        probe.firstFrame = layout();
      }
    }
    ready();
    if (probe.paintedAt === null || probe.readyAt === null) requestAnimationFrame(frame);
    else observer.disconnect();
  };
  requestAnimationFrame(frame);
}

/** Cards in the document, and how many of them are on screen (inside the viewport and their column). */
export function countCards(): { inDom: number; visible: number; perColumn: number[] } {
  const board = document.querySelector('[data-testid="board"]')?.getBoundingClientRect();
  const cards = Array.from(document.querySelectorAll('[data-testid="deal-card"]'));
  const visible = cards.filter((card) => {
    const rect = card.getBoundingClientRect();
    const column = card.closest('[data-testid="stage-scroll"]')?.getBoundingClientRect();
    if (!board || !column) return false;
    const top = Math.max(rect.top, column.top, 0);
    const bottom = Math.min(rect.bottom, column.bottom, window.innerHeight);
    const left = Math.max(rect.left, board.left, 0);
    const right = Math.min(rect.right, board.right, window.innerWidth);
    return bottom > top && right > left;
  });
  const perColumn = Array.from(document.querySelectorAll('[data-testid="stage-scroll"]')).map((c) => c.querySelectorAll('[data-testid="deal-card"]').length);
  return { inDom: cards.length, visible: visible.length, perColumn };
}

export interface ScrollResult {
  frames: number;
  /** animation-frame intervals longer than 50 ms */
  dropped: number;
  longestFrame: number;
  longTasks: number;
  longTaskMs: number;
  maxCardsInDom: number;
  lastIndexShown: number;
  durationMs: number;
}

/** Scrolls a column to the bottom of its loaded cards over `durationMs`, one step per animation frame. */
export function scrollColumn({ stageId, durationMs }: { stageId: number; durationMs: number }): Promise<ScrollResult> {
  const scroller = document.querySelector<HTMLElement>(`[data-testid="stage-column"][data-stage-id="${stageId}"] [data-testid="stage-scroll"]`);
  if (!scroller) throw new Error(`no column ${stageId}`);
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  return new Promise((resolve) => {
    const intervals: number[] = [];
    let maxCardsInDom = 0;
    let start = 0;
    let last = 0;
    const step = (time: number) => {
      if (start === 0) start = last = time;
      else intervals.push(time - last);
      last = time;
      maxCardsInDom = Math.max(maxCardsInDom, document.querySelectorAll('[data-testid="deal-card"]').length);
      // the bottom moves as further pages load: follow it
      const progress = Math.min(1, (time - start) / durationMs);
      scroller.scrollTop = progress * (scroller.scrollHeight - scroller.clientHeight);
      if (progress < 1) {
        requestAnimationFrame(step);
        return;
      }
      setTimeout(() => {
        observer.disconnect();
        const indexes = Array.from(scroller.querySelectorAll<HTMLElement>('[role="listitem"]')).map((item) => Number(item.dataset.index));
        resolve({
          frames: intervals.length,
          dropped: intervals.filter((ms) => ms > 50).length,
          longestFrame: Math.max(0, ...intervals),
          longTasks: longTasks.length,
          longTaskMs: longTasks.reduce((sum, ms) => sum + ms, 0),
          maxCardsInDom,
          lastIndexShown: Math.max(-1, ...indexes),
          durationMs: last - start,
        });
      }, 200);
    };
    requestAnimationFrame(step);
  });
}

/** Arms a watch for the next mouseup: when the dropped card settles in the target column, and when it is shown. */
export function armDropWatch({ dealId, toStageId }: { dealId: string; toStageId: number }): void {
  const watch: DropWatch = { upAt: null, settledAt: null, shownAt: null };
  window.__benchDrop = watch;
  const selector = `[data-testid="stage-column"][data-stage-id="${toStageId}"] [data-testid="deal-card"][data-deal-id="${dealId}"]`;
  const settled = () => {
    const card = document.querySelector<HTMLElement>(selector);
    // the dragged placeholder is drawn at 40 % opacity (SortableDealCard); the drop ends that
    if (watch.upAt === null || watch.settledAt !== null || !card || card.classList.contains('opacity-40')) return;
    watch.settledAt = performance.now();
    observer.disconnect();
  };
  const observer = new MutationObserver(settled);
  // shown is what the eye sees: checked once per frame
  const frame = () => {
    settled();
    const card = document.querySelector<HTMLElement>(selector);
    if (watch.settledAt !== null && card && !document.querySelector('[data-testid="deal-card-overlay"]') && getComputedStyle(card).opacity === '1') {
      watch.shownAt = performance.now();
      return;
    }
    requestAnimationFrame(frame);
  };
  window.addEventListener(
    'mouseup',
    (event) => {
      watch.upAt = event.timeStamp;
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['class'] });
      queueMicrotask(settled);
      requestAnimationFrame(frame);
    },
    { capture: true, once: true },
  );
}

/** When the response of the first POST to this page (a server action) after `since` ended, if it did. */
export function actionResponseEnd(since: number): number | null {
  const page = location.href.split('?')[0];
  const entry = performance
    .getEntriesByType('resource')
    .find(
      (e) => (e as PerformanceResourceTiming).initiatorType === 'fetch' && e.startTime >= since && e.name.split('?')[0] === page && !e.name.includes('_rsc'),
    );
  return entry ? (entry as PerformanceResourceTiming).responseEnd : null;
}

/** Navigation and paint timing of the current document, and the JavaScript it loaded. */
export function navigationTiming(): { ttfb: number; htmlEnd: number; fcp: number | null; load: number; jsFiles: number; jsKb: number } {
  const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
  const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
  const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter(
    (e) => e.initiatorType === 'script' || e.name.endsWith('.js'),
  );
  return {
    ttfb: nav.responseStart,
    htmlEnd: nav.responseEnd,
    fcp,
    load: nav.loadEventEnd,
    jsFiles: scripts.length,
    jsKb: scripts.reduce((sum, e) => sum + e.decodedBodySize, 0) / 1024,
  };
}
