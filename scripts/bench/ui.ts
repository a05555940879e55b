// npm run bench:ui — how fast the pipeline board is for a person, in headless Chromium against a
// production build (`next start`) on a fresh embedded database: the demo workspace plus the pipeline
// "Bench 5k" (5,000 open deals). Targets: the demo board interactive within 1.5 s of
// navigation, the 5,000-deal board within 3 s, a dropped card settled in its new column within
// 100 ms (optimistic) and the server's confirmation within 300 ms; the 5,000-deal board renders
// only what it shows plus a margin and scrolls smoothly. Other processes share the machine: the
// load average is printed with the figures.
//
//   BENCH_UI_PORT   port of `next start` (default 3224; a free one when taken)
//   BENCH_UI_RUNS   measured navigations per board and cache state (default 5, after one warm-up)
//   BENCH_UI_DRAGS  measured drags per board (default 6, alternating direction)
//   BENCH_UI_TRACE  "1": also save a Chrome performance trace of one load of each board
//   PLAYWRIGHT_CHROMIUM_PATH  the browser (default /usr/bin/chromium)
//   NEXT_DIST_DIR   the build directory (default .next-bench-ui; built when it holds no build)
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import { chromium, devices, type Browser, type BrowserContext, type CDPSession, type Page, type Response } from '@playwright/test';
import { ESTIMATED_CARD_HEIGHT } from '../../components/board/card-size';
import { buildNext, hasProductionBuild, benchServerNodeFlags } from '../lib/next-process';
import { actionResponseEnd, armDropWatch, countCards, installLoadProbe, navigationTiming, scrollColumn, type CardLayout, type ScrollResult } from './ui-probes';
import { prepareUiBenchDatabase, type UiBenchData } from './ui-data';

process.env.NEXT_DIST_DIR ||= '.next-bench-ui';
const WORK_DIR = path.resolve('.tmp/bench-ui');
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 5);
const DRAGS = Number(process.env.BENCH_UI_DRAGS ?? 6);
const TRACE = process.env.BENCH_UI_TRACE === '1';
const CHROMIUM = process.env.PLAYWRIGHT_CHROMIUM_PATH || '/usr/bin/chromium';
// as playwright.config.ts launches it
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const VIEWPORT = { width: 1440, height: 900 };
// tsx compiles with esbuild's keepNames: functions sent to the page call __name
const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((target) => target);';

interface Row {
  figure: string;
  target: number | null;
  values: number[];
  unit?: string;
}

const rows: Row[] = [];
const notes: string[] = [];
const cleanups: (() => Promise<void>)[] = [];

async function main(): Promise<void> {
  const loadAtStart = os.loadavg();
  fs.mkdirSync(WORK_DIR, { recursive: true });
  console.log(`bench:ui — ${os.cpus().length} cores, load average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}`);

  console.log(`Preparing the database in ${path.relative(process.cwd(), WORK_DIR)}/db …`);
  const data = await prepareUiBenchDatabase(path.join(WORK_DIR, 'db'), console.log);
  ensureBuild();
  const port = await freePort(Number(process.env.BENCH_UI_PORT ?? 3224));
  const base = `http://127.0.0.1:${port}`;
  await startServer(port, data.databaseUrl);
  console.log(`next start (${process.env.NEXT_DIST_DIR}) on ${base}`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  cleanups.push(() => browser.close());
  console.log(`Chromium ${browser.version()}, viewport ${VIEWPORT.width}×${VIEWPORT.height}, ${RUNS} runs per figure after a warm-up\n`);

  const demoUrl = `${base}/pipelines/${data.demo.publicId}`;
  const benchUrl = `${base}/pipelines/${data.bench.publicId}`;
  const warm = await newContext(browser);
  // warm-up: the server's first render of each board, the browser's first download of the code
  await measureLoad(warm, demoUrl);
  await measureLoad(warm, benchUrl);

  await loadFigures(browser, warm, 'demo board', demoUrl, 1500);
  const benchLoads = await loadFigures(browser, warm, '5,000-deal board', benchUrl, 3000);
  await scrollFigures(warm, benchUrl, data);
  reportWhatLoads(benchLoads, data);
  await firstFrame(browser, warm, demoUrl, 'demo');
  await firstFrame(browser, warm, benchUrl, 'bench-5k');
  await dragFigures(warm, 'demo board', demoUrl);
  await dragFigures(warm, '5,000-deal board', benchUrl);
  if (TRACE) {
    await trace(browser, warm, demoUrl, 'demo');
    await trace(browser, warm, benchUrl, 'bench-5k');
  }
  printTable(loadAtStart);
}

// ——— server ———

function ensureBuild(): void {
  if (hasProductionBuild()) return;
  // next build appends its type folders to tsconfig.json: put the file back as it was
  const tsconfig = fs.readFileSync('tsconfig.json', 'utf8');
  const restore = () => fs.writeFileSync('tsconfig.json', tsconfig);
  process.once('exit', restore); // buildNext exits the process when the build fails
  buildNext();
  restore();
  process.removeListener('exit', restore);
}

function freePort(preferred: number): Promise<number> {
  const listen = (port: number) =>
    new Promise<number | null>((resolve) => {
      const server = net.createServer();
      server.once('error', () => resolve(null));
      server.listen(port, '127.0.0.1', () => {
        const { port: bound } = server.address() as AddressInfo;
        server.close(() => resolve(bound));
      });
    });
  return listen(preferred).then((port) => port ?? listen(0).then((p) => p!));
}

async function startServer(port: number, databaseUrl: string): Promise<void> {
  const logFile = path.join(WORK_DIR, 'server.log');
  const log = fs.openSync(logFile, 'w');
  const child: ChildProcess = spawn(
    process.execPath,
    [...benchServerNodeFlags(), path.resolve('node_modules/next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      env: { ...process.env, NODE_ENV: 'production', DATABASE_URL: databaseUrl },
      stdio: ['ignore', log, log],
      // its own process group, so stopping it stops whatever it started
      detached: true,
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  cleanups.push(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    process.kill(-child.pid!, 'SIGTERM');
    const timer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });
  for (let i = 0; i < 240; i += 1) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer /api/health; see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
}

// ——— the browser ———

async function newContext(browser: Browser, options: { blockScripts?: boolean } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({ ...devices['Desktop Chrome'], viewport: VIEWPORT });
  await context.addInitScript({ content: NAME_SHIM });
  await context.addInitScript(installLoadProbe);
  // the page as the server sent it, never hydrated: its streamed parts still arrive (inline scripts)
  if (options.blockScripts) await context.route(/\/_next\/static\/chunks\/.*\.js(\?|$)/, (route) => route.abort());
  return context;
}

interface Load {
  /** main-thread CPU time until interactive (what other processes on the machine cannot inflate) */
  cpu: number;
  ttfb: number;
  htmlEnd: number;
  fcp: number | null;
  painted: number;
  interactive: number;
  load: number;
  longTaskMs: number;
  longestTask: number;
  jsFiles: number;
  jsKb: number;
  htmlKb: number;
  dealsInHtml: number;
  cardsFetched: number;
  cardsInDom: number;
  cardsVisible: number;
  perColumn: number[];
  firstFrame: CardLayout | null;
  settled: CardLayout;
}

/** Cards in a board-data or stage-cards answer (0 for other responses). */
async function cardsIn(response: Response): Promise<number> {
  const url = response.url();
  if (!/\/(board-data|stage-cards)(\?|$)/.test(url) || !response.ok()) return 0;
  const body = (await response.json()) as { cards?: unknown[]; firstPages?: Record<string, { cards: unknown[] }> };
  if (body.cards) return body.cards.length;
  return Object.values(body.firstPages ?? {}).reduce((sum, page) => sum + page.cards.length, 0);
}

/** Follows what a page fetches of the board's cards. */
function trackCardFetches(page: Page): { total: () => Promise<number>; requests: () => number } {
  const counts: Promise<number>[] = [];
  page.on('response', (response) => {
    if (/\/(board-data|stage-cards)(\?|$)/.test(response.url())) counts.push(cardsIn(response).catch(() => 0));
  });
  return { total: async () => (await Promise.all(counts)).reduce((a, b) => a + b, 0), requests: () => counts.length };
}

/** The renderer main thread's CPU time so far (Chrome's task durations in thread ticks), in ms. */
async function mainThreadCpu(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000;
}

async function cpuClock(context: BrowserContext, page: Page): Promise<CDPSession> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return cdp;
}

async function measureLoad(context: BrowserContext, url: string, tracing?: { browser: Browser; path: string }): Promise<Load> {
  const page = await context.newPage();
  try {
    const fetched = trackCardFetches(page);
    const cdp = await cpuClock(context, page);
    if (tracing) await tracing.browser.startTracing(page, { path: tracing.path, screenshots: true });
    const response = await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__benchLoad?.readyAt != null && window.__benchLoad.paintedAt != null, null, { timeout: 30_000, polling: 50 });
    if (tracing) {
      await page.waitForTimeout(500);
      await tracing.browser.stopTracing();
    }
    const cpu = await mainThreadCpu(cdp);
    const probe = (await page.evaluate(() => window.__benchLoad))!;
    await page.waitForLoadState('load');
    const timing = await page.evaluate(navigationTiming);
    const html = (await response?.text()) ?? '';
    const cards = await page.evaluate(countCards);
    const settled = await page.evaluate(() => window.__benchLayout!());
    const before = probe.longTasks.filter((t) => t.start < probe.readyAt!);
    return {
      cpu,
      ttfb: timing.ttfb,
      htmlEnd: timing.htmlEnd,
      fcp: timing.fcp,
      painted: probe.paintedAt!,
      interactive: Math.max(probe.paintedAt!, probe.readyAt!),
      load: timing.load,
      longTaskMs: before.reduce((sum, t) => sum + t.duration, 0),
      longestTask: Math.max(0, ...before.map((t) => t.duration)),
      jsFiles: timing.jsFiles,
      jsKb: timing.jsKb,
      htmlKb: html.length / 1024,
      dealsInHtml: new Set(html.match(/deal_[0-9A-Za-z]{10,}/g) ?? []).size,
      cardsFetched: await fetched.total(),
      cardsInDom: cards.inDom,
      cardsVisible: cards.visible,
      perColumn: cards.perColumn,
      firstFrame: probe.firstFrame,
      settled,
    };
  } finally {
    await page.close();
  }
}

async function loadFigures(browser: Browser, warm: BrowserContext, board: string, url: string, target: number): Promise<Load[]> {
  const warmLoads: Load[] = [];
  const coldLoads: Load[] = [];
  for (let run = 0; run < RUNS; run += 1) warmLoads.push(await measureLoad(warm, url));
  for (let run = 0; run < RUNS; run += 1) {
    // a first visit: no HTTP or code cache
    const cold = await newContext(browser);
    try {
      coldLoads.push(await measureLoad(cold, url));
    } finally {
      await cold.close();
    }
  }
  rows.push({ figure: `${board}: navigation → interactive (cached code)`, target, values: warmLoads.map((l) => l.interactive) });
  rows.push({ figure: `${board}: navigation → interactive (first visit)`, target, values: coldLoads.map((l) => l.interactive) });
  rows.push({ figure: `${board}: main-thread CPU until interactive (cached)`, target: null, values: warmLoads.map((l) => l.cpu) });
  rows.push({ figure: `${board}: main-thread CPU until interactive (first)`, target: null, values: coldLoads.map((l) => l.cpu) });
  for (const [label, loads] of [
    ['cached code', warmLoads],
    ['first visit', coldLoads],
  ] as const) {
    const m = (pick: (l: Load) => number | null) => ms(median(loads.map(pick).filter((v): v is number => v !== null)));
    notes.push(
      `${board} (${label}), medians: first byte ${m((l) => l.ttfb)}, HTML done ${m((l) => l.htmlEnd)}, first paint ${m((l) => l.fcp)}, ` +
        `cards painted ${m((l) => l.painted)}, hydrated/interactive ${m((l) => l.interactive)}, load event ${m((l) => l.load)}; ` +
        `long tasks before interactive ${m((l) => l.longTaskMs)} in total (longest ${m((l) => l.longestTask)}); ` +
        `HTML ${median(loads.map((l) => l.htmlKb)).toFixed(0)} KB, JS ${median(loads.map((l) => l.jsFiles))} files / ${median(loads.map((l) => l.jsKb)).toFixed(0)} KB`,
    );
  }
  const frames = [...warmLoads, ...coldLoads].map((l) => l.firstFrame).filter((f): f is CardLayout => f !== null);
  const after = [...warmLoads, ...coldLoads].map((l) => l.settled);
  notes.push(
    `${board}, first painted frame with cards (all ${frames.length} loads): ${Math.max(...frames.map((f) => f.overlapping))} of ${Math.max(...frames.map((f) => f.cards))} cards drawn over their neighbour at most ` +
      `(by up to ${Math.max(...frames.map((f) => f.maxOverlap)).toFixed(0)} px); once interactive: ${Math.max(...after.map((f) => f.overlapping))} overlapping, card heights ${Math.min(...after.map((f) => f.heights.min)).toFixed(0)}–${Math.max(...after.map((f) => f.heights.max)).toFixed(0)} px`,
  );
  return warmLoads;
}

function reportWhatLoads(loads: Load[], data: UiBenchData): void {
  const load = loads[loads.length - 1]!;
  const total = data.bench.stageCounts.reduce((a, b) => a + b, 0);
  rows.push({ figure: '5,000-deal board: card elements in the DOM', target: null, values: loads.map((l) => l.cardsInDom), unit: '' });
  rows.push({ figure: '5,000-deal board: cards visible on screen', target: null, values: loads.map((l) => l.cardsVisible), unit: '' });
  rows.push({ figure: '5,000-deal board: deals loaded with the page', target: null, values: loads.map((l) => l.dealsInHtml + l.cardsFetched), unit: '' });
  notes.push(
    `5,000-deal board on opening: ${load.cardsInDom} card elements in the DOM (per column ${load.perColumn.join(', ')}) for ${load.cardsVisible} visible; ` +
      `${load.dealsInHtml} of ${total.toLocaleString('en-US')} deals came with the page (server-rendered first pages), ${load.cardsFetched} more fetched (board-data / stage-cards) before it was interactive.`,
  );
}

async function scrollFigures(context: BrowserContext, url: string, data: UiBenchData): Promise<void> {
  const results: (ScrollResult & { fetched: number; requests: number; cpu: number })[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const page = await context.newPage();
    try {
      await page.goto(url);
      await page.waitForFunction(() => window.__benchLoad?.readyAt != null, null, { timeout: 30_000 });
      await page.waitForTimeout(300);
      const fetched = trackCardFetches(page);
      const cdp = await cpuClock(context, page);
      const cpuBefore = await mainThreadCpu(cdp);
      const stageId = Number(await page.getByTestId('stage-column').first().getAttribute('data-stage-id'));
      const result = await page.evaluate(scrollColumn, { stageId, durationMs: 2000 });
      const cpu = (await mainThreadCpu(cdp)) - cpuBefore;
      await page.waitForTimeout(300);
      results.push({ ...result, fetched: await fetched.total(), requests: fetched.requests(), cpu });
    } finally {
      await page.close();
    }
  }
  rows.push({ figure: '5,000-deal board: 2 s scroll, dropped frames (>50 ms)', target: null, values: results.map((r) => r.dropped), unit: '' });
  rows.push({ figure: '5,000-deal board: 2 s scroll, longest frame', target: null, values: results.map((r) => r.longestFrame) });
  rows.push({ figure: '5,000-deal board: 2 s scroll, long tasks', target: null, values: results.map((r) => r.longTasks), unit: '' });
  rows.push({ figure: '5,000-deal board: 2 s scroll, main-thread CPU', target: null, values: results.map((r) => r.cpu) });
  rows.push({ figure: '5,000-deal board: 2 s scroll, most cards in the DOM', target: null, values: results.map((r) => r.maxCardsInDom), unit: '' });
  const r = results[results.length - 1]!;
  notes.push(
    `scroll: the first column (${data.bench.stageCounts[0]!.toLocaleString('en-US')} deals) scrolled to the bottom of its loaded cards in ${ms(r.durationMs)}, following new pages as they load: ` +
      `${r.frames} frames (median ${median(results.map((x) => x.frames))}), ${r.dropped} over 50 ms, longest ${ms(r.longestFrame)}, ${r.longTasks} long tasks (${ms(r.longTaskMs)}), main-thread CPU ${ms(r.cpu)}; ` +
      `${r.requests} stage-cards pages (${r.fetched} cards) fetched, card #${r.lastIndexShown + 1} reached, at most ${r.maxCardsInDom} card elements in the DOM.`,
  );
}

/** The first frame as the server sends it, before hydration: do cards overlap before the virtualiser measures them? */
async function firstFrame(browser: Browser, warm: BrowserContext, url: string, name: string): Promise<void> {
  const context = await newContext(browser, { blockScripts: true });
  try {
    const page = await context.newPage();
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__benchLoad?.firstFrame != null, null, { timeout: 30_000 });
    const layout = await page.evaluate(() => window.__benchLayout!());
    const file = path.join(WORK_DIR, `first-frame-${name}.png`);
    await page.screenshot({ path: file });
    notes.push(
      `first frame of the ${name} board (server HTML, not hydrated; ${path.relative(process.cwd(), file)}): ${layout.cards} cards, heights ${layout.heights.min.toFixed(0)}–${layout.heights.max.toFixed(0)} px ` +
        `(median ${layout.heights.median.toFixed(0)}; the virtualiser estimates ${ESTIMATED_CARD_HEIGHT}), ${layout.overlapping} drawn over their neighbour (by up to ${layout.maxOverlap.toFixed(0)} px)`,
    );
  } finally {
    await context.close();
  }
  // the same board once hydrated, to compare
  const page = await warm.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__benchLoad?.readyAt != null, null, { timeout: 30_000 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(WORK_DIR, `interactive-${name}.png`) });
  } finally {
    await page.close();
  }
}

interface Drag {
  settled: number;
  shown: number;
  confirmed: number;
  ok: boolean;
}

/** A mouse drag of the first card of one column to the top of the next one, as e2e/board-interactions.spec.ts drags. */
async function dragOnce(page: Page, fromStageId: number, toStageId: number): Promise<Drag> {
  const column = (stageId: number) => page.locator(`[data-testid="stage-column"][data-stage-id="${stageId}"]`);
  const card = column(fromStageId).getByTestId('deal-card').first();
  const target = column(toStageId).getByTestId('deal-card').first();
  const dealId = (await card.getAttribute('data-deal-id'))!;
  const from = (await card.boundingBox())!;
  const to = (await target.boundingBox())!;
  await page.evaluate(armDropWatch, { dealId, toStageId });
  const action = page.waitForResponse((r) => r.request().method() === 'POST' && Boolean(r.request().headers()['next-action']), { timeout: 10_000 });
  const refreshed = action.then(() => page.waitForResponse((r) => r.url().includes('/board-data'), { timeout: 5000 }).catch(() => null));
  const start = { x: from.x + 40, y: from.y + 5 };
  const end = { x: to.x + to.width / 2, y: to.y + Math.min(12, to.height / 4) };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 25 });
  await page.waitForTimeout(120);
  await page.mouse.move(end.x + 1, end.y + 1, { steps: 2 });
  // the card is over its new place (its placeholder moved into the target column)
  await page
    .locator(`[data-testid="stage-column"][data-stage-id="${toStageId}"] [data-testid="deal-card"][data-deal-id="${dealId}"]`)
    .waitFor({ timeout: 5000 });
  await page.mouse.up();
  const response = await action;
  await page.waitForFunction(() => window.__benchDrop?.shownAt != null, null, { timeout: 10_000 });
  const watch = (await page.evaluate(() => window.__benchDrop))!;
  let confirmedAt = await page.evaluate(actionResponseEnd, watch.upAt!);
  for (let i = 0; confirmedAt === null && i < 20; i += 1) {
    await page.waitForTimeout(50);
    confirmedAt = await page.evaluate(actionResponseEnd, watch.upAt!);
  }
  if (confirmedAt === null) {
    // no resource timing entry: the response's end on the browser's clock
    const timing = response.request().timing();
    const origin = await page.evaluate(() => performance.timeOrigin);
    confirmedAt = timing.startTime + timing.responseEnd - origin;
  }
  await refreshed;
  // a refused move is undone: the card is back in its own column once the answer is in
  const ok = response.ok() && (await page.locator(`[data-testid="stage-column"][data-stage-id="${toStageId}"] [data-deal-id="${dealId}"]`).count()) === 1;
  return { settled: watch.settledAt! - watch.upAt!, shown: watch.shownAt! - watch.upAt!, confirmed: confirmedAt - watch.upAt!, ok };
}

async function dragFigures(context: BrowserContext, board: string, url: string): Promise<void> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForFunction(() => window.__benchLoad?.readyAt != null, null, { timeout: 30_000 });
    const stageIds = await page.getByTestId('stage-column').evaluateAll((columns) => columns.map((c) => Number(c.getAttribute('data-stage-id'))));
    const [a, b] = [stageIds[0]!, stageIds[1]!];
    // one unmeasured drag first (the action's first call)
    await dragOnce(page, a, b);
    await page.waitForTimeout(400);
    const drags: Drag[] = [];
    for (let i = 0; i < DRAGS; i += 1) {
      drags.push(i % 2 === 0 ? await dragOnce(page, b, a) : await dragOnce(page, a, b));
      await page.waitForTimeout(400);
    }
    const failed = drags.filter((d) => !d.ok).length;
    rows.push({ figure: `${board}: drop → card settled (optimistic)`, target: 100, values: drags.map((d) => d.settled) });
    rows.push({ figure: `${board}: drop → drop animation over, card shown`, target: null, values: drags.map((d) => d.shown) });
    rows.push({ figure: `${board}: drop → server confirmation`, target: 300, values: drags.map((d) => d.confirmed) });
    if (failed > 0) notes.push(`${board}: ${failed} of ${drags.length} moves were refused by the server (the figures include them)`);
  } finally {
    await page.close();
  }
}

async function trace(browser: Browser, context: BrowserContext, url: string, name: string): Promise<void> {
  const file = path.join(WORK_DIR, `trace-${name}.json`);
  await measureLoad(context, url, { browser, path: file });
  notes.push(`Chrome trace of a ${name} board load: ${path.relative(process.cwd(), file)} (open in chrome://tracing or the DevTools Performance panel)`);
}

// ——— printing ———

function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function ms(value: number): string {
  return Number.isNaN(value) ? '–' : `${value.toFixed(0)} ms`;
}

function printTable(loadAtStart: number[]): void {
  const format = (row: Row, value: number) => (row.unit === '' ? value.toFixed(0) : ms(value));
  console.log('figure'.padEnd(58), 'target'.padStart(9), 'median'.padStart(9), 'max'.padStart(9), 'runs'.padStart(5), ' result');
  for (const row of rows) {
    const med = median(row.values);
    const max = Math.max(...row.values);
    const result = row.target === null ? '' : max <= row.target ? 'ok' : med <= row.target ? 'ok (median; max over)' : 'MISSED';
    console.log(
      row.figure.padEnd(58),
      (row.target === null ? '' : ms(row.target)).padStart(9),
      format(row, med).padStart(9),
      format(row, max).padStart(9),
      String(row.values.length).padStart(5),
      ` ${result}`,
    );
  }
  console.log('\nWall-clock figures (from navigation start, from the mouseup) grow with whatever else runs on the machine; main-thread CPU figures hardly do.');
  for (const note of notes) console.log(`- ${note}`);
  console.log(
    `\nload average at start ${loadAtStart.map((l) => l.toFixed(2)).join(' ')}, at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} (${os.cpus().length} cores)`,
  );
}

async function cleanup(): Promise<void> {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => {});
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void cleanup().finally(() => process.exit(130)));
}

main()
  .then(cleanup)
  .catch(async (error: unknown) => {
    console.error(error);
    await cleanup();
    process.exit(1);
  });
