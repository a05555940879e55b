import 'server-only';
import { RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';

// Counting every request in the shared store costs each API request a database round trip — in
// `next start` on the 2-core machine ~0.15 ms of the server's CPU, a tenth of a whole request. While
// a key is far from its limit that precision buys nothing, so requests are counted here and added
// to the shared counter in one write per key every FLUSH_MS; close to the limit (within `margin`),
// at the start of a window and for a key this process has not seen, each request goes to the
// shared store and is decided there, exactly as before. Across processes the shared count lags by
// at most FLUSH_MS of each other process's requests. Counts not yet written when a process dies are
// lost, which a rate limit can afford. The store (rate-limiter-flexible) keeps the window.

/** How long counts may stay in this process before they are added to the shared counter. */
export const FLUSH_MS = 50;

export interface LimitDecision {
  /** requests counted in the current window, this one included */
  consumed: number;
  msBeforeNext: number;
  allowed: boolean;
}

interface KeyWindow {
  /** the shared count when last read from the store */
  consumed: number;
  /** when the store's window ends (ms since epoch) */
  resetAt: number;
  /** requests allowed here and not yet added to the shared count */
  pending: number;
  flushTimer: NodeJS.Timeout | null;
}

export class BatchedRateLimiter {
  private readonly windows = new Map<string, KeyWindow>();

  constructor(
    private readonly store: RateLimiterAbstract,
    private readonly limit: number,
    private readonly margin = Math.max(20, Math.ceil(limit * 0.1)),
  ) {}

  /** Counts one request for `key` and decides it. */
  async consume(key: string): Promise<LimitDecision> {
    const now = Date.now();
    const window = this.windows.get(key);
    if (window && now < window.resetAt - FLUSH_MS && this.limit - window.consumed - window.pending - 1 >= this.margin) {
      window.pending += 1;
      this.scheduleFlush(key, window);
      return { consumed: window.consumed + window.pending, msBeforeNext: window.resetAt - now, allowed: true };
    }
    // decided by the store; counts waiting here go with it (they were already allowed)
    const carried = window && now < window.resetAt ? window.pending : 0;
    if (window) window.pending = 0;
    const res = await this.add(key, carried + 1);
    return { consumed: res.consumedPoints, msBeforeNext: res.msBeforeNext, allowed: res.consumedPoints <= this.limit };
  }

  /** Writes every key's waiting counts now (tests, shutdown). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.windows.keys()].map((key) => this.flush(key)));
  }

  private scheduleFlush(key: string, window: KeyWindow): void {
    if (window.flushTimer) return;
    window.flushTimer = setTimeout(() => void this.flush(key).catch(() => {}), FLUSH_MS);
    window.flushTimer.unref?.();
  }

  private async flush(key: string): Promise<void> {
    const window = this.windows.get(key);
    if (!window) return;
    if (window.flushTimer) clearTimeout(window.flushTimer);
    window.flushTimer = null;
    const points = window.pending;
    window.pending = 0;
    if (points === 0 || Date.now() >= window.resetAt) return; // counts of a window that has ended are dropped
    try {
      await this.add(key, points);
    } catch (error) {
      window.pending += points; // the store failed: keep the counts for the next write
      this.scheduleFlush(key, window);
      throw error;
    }
  }

  /** Adds `points` to the shared count and remembers what the store answered. */
  private async add(key: string, points: number): Promise<RateLimiterRes> {
    let res: RateLimiterRes;
    try {
      res = await this.store.consume(key, points);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      res = rejection; // over the limit: the store counted the points all the same
    }
    const resetAt = Date.now() + res.msBeforeNext;
    const window = this.windows.get(key);
    if (!window) {
      if (this.windows.size >= 10_000) this.forgetEndedWindows();
      this.windows.set(key, { consumed: res.consumedPoints, resetAt, pending: 0, flushTimer: null });
    } else if (resetAt > window.resetAt + 1_000) {
      // a new window began in the store
      window.consumed = res.consumedPoints;
      window.resetAt = resetAt;
    } else {
      // answers of concurrent writes arrive in any order: the highest count is the latest
      window.consumed = Math.max(window.consumed, res.consumedPoints);
    }
    return res;
  }

  private forgetEndedWindows(): void {
    const now = Date.now();
    for (const [key, window] of this.windows) {
      if (window.resetAt <= now && window.pending === 0 && !window.flushTimer) this.windows.delete(key);
    }
  }
}
