import 'server-only';
import type { JobWithMetadata, PgBoss } from 'pg-boss';
import { subscribeToChangeEvents } from '../change-record/change-event-hub';
import { getEnv } from '../env';
import { deliverWebhookJob } from './deliver-webhook';
import { relayChangeEventBatch } from './relay-change-events';
import { DELIVERY_QUEUE, type DeliveryJobData, stopWebhookQueue, webhookQueue } from './webhook-queue';

// Webhooks at work in one server process: the relay (change record → queue) and the worker
// (queue → receivers). Every server process runs both; started once at boot (instrumentation.ts)
// and by the tests that need them, never implicitly.
// The relay runs when the change-event hub hands on new events, once at start (to catch up after
// a restart), every half minute as a backstop, and again shortly when another process held the
// relay lock (its batch may have ended before the newest events committed).

const ATTEMPTS_AT_ONCE = 4;
const BACKSTOP_MS = 30_000;
const BUSY_RETRY_MS = 1_000;
const ERROR_RETRY_MS = 5_000;

interface DeliveryState {
  boss: PgBoss;
  stopped: boolean;
  running: Promise<void> | null;
  again: boolean;
  timers: Set<NodeJS.Timeout>;
  unsubscribe: () => void;
}

const STATE_KEY = Symbol.for('dealboard.webhookDelivery');
const globalForDelivery = globalThis as unknown as Record<symbol, DeliveryState | undefined>;

export interface DeliveryOptions {
  /** attempts this process makes at the same time */
  concurrency?: number;
}

/** Starts the relay and the worker in this process (once; a second call does nothing). */
export async function startWebhookDelivery(options: DeliveryOptions = {}): Promise<void> {
  if (globalForDelivery[STATE_KEY]) return;
  const boss = await webhookQueue();
  const s: DeliveryState = { boss, stopped: false, running: null, again: false, timers: new Set(), unsubscribe: () => {} };
  globalForDelivery[STATE_KEY] = s;
  const retryDelay = getEnv().WEBHOOK_RETRY_DELAY_SECONDS;
  await boss.work<
    DeliveryJobData,
    void,
    { includeMetadata: true; localConcurrency: number; batchSize: number; pollingIntervalSeconds: number; notifyPollingIntervalSeconds: number }
  >(
    DELIVERY_QUEUE,
    {
      includeMetadata: true,
      localConcurrency: options.concurrency ?? ATTEMPTS_AT_ONCE,
      batchSize: 1,
      // new jobs wake the worker (NOTIFY); a retry coming due is found by polling, which need not
      // be much finer than the shortest retry delay
      pollingIntervalSeconds: Math.min(2, retryDelay),
      notifyPollingIntervalSeconds: Math.min(30, retryDelay),
    },
    async ([job]: JobWithMetadata<DeliveryJobData>[]) => {
      if (job) await deliverWebhookJob(boss, job);
    },
  );
  s.unsubscribe = await subscribeToChangeEvents(() => requestRelay(s));
  const backstop = setInterval(() => requestRelay(s), BACKSTOP_MS);
  backstop.unref();
  s.timers.add(backstop);
  requestRelay(s);
}

/** Stops relaying and delivering in this process; attempts under way finish first (up to 10 s). */
export async function stopWebhookDelivery(): Promise<void> {
  const s = globalForDelivery[STATE_KEY];
  globalForDelivery[STATE_KEY] = undefined;
  if (s) {
    s.stopped = true;
    s.unsubscribe();
    for (const timer of s.timers) clearTimeout(timer);
    await s.running;
  }
  await stopWebhookQueue();
}

/** Resolves when the relay has queued every event committed before the call (tests). */
export async function relayNow(): Promise<void> {
  const s = globalForDelivery[STATE_KEY];
  if (!s) throw new Error('Webhook delivery is not started in this process.');
  requestRelay(s);
  while (s.running) await s.running;
}

function requestRelay(s: DeliveryState): void {
  if (s.stopped) return;
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = relay(s).finally(() => {
    s.running = null;
  });
}

async function relay(s: DeliveryState): Promise<void> {
  do {
    s.again = false;
    for (;;) {
      if (s.stopped) return;
      let outcome: Awaited<ReturnType<typeof relayChangeEventBatch>>;
      try {
        outcome = await relayChangeEventBatch(s.boss);
      } catch (error) {
        console.error('Relaying change events to webhooks failed; trying again shortly:', error);
        later(s, ERROR_RETRY_MS);
        return;
      }
      if (outcome === 'more') continue;
      if (outcome === 'busy') later(s, BUSY_RETRY_MS);
      break;
    }
  } while (s.again);
}

function later(s: DeliveryState, ms: number): void {
  const timer = setTimeout(() => {
    s.timers.delete(timer);
    requestRelay(s);
  }, ms);
  timer.unref();
  s.timers.add(timer);
}
