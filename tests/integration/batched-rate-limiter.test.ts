import { RateLimiterMemory, RateLimiterPostgres, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { BatchedRateLimiter, FLUSH_MS } from '../../lib/api/batched-rate-limiter';
import { getDbConnection } from '../../lib/db';

// Two BatchedRateLimiters over one store stand for two server processes sharing the rate_limits
// table (PostgreSQL) or, on the embedded engine, one memory store.

let prefixCounter = 0;
function sharedStore(points: number): RateLimiterAbstract {
  prefixCounter += 1;
  const options = { points, duration: 60, keyPrefix: `batch-test-${Date.now()}-${prefixCounter}` };
  const pool = getDbConnection().rateLimitPool;
  return pool
    ? new RateLimiterPostgres({ ...options, storeClient: pool, storeType: 'pool', tableName: 'rate_limits', tableCreated: true })
    : new RateLimiterMemory(options);
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('batched rate limiter', () => {
  it('counts requests far from the limit in the process and adds them to the shared count within the flush interval', async () => {
    const store = sharedStore(1000);
    const limiter = new BatchedRateLimiter(store, 1000);
    const decisions = [];
    for (let i = 0; i < 30; i += 1) decisions.push(await limiter.consume('k'));
    expect(decisions.every((d) => d.allowed)).toBe(true);
    expect(decisions.map((d) => d.consumed)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await store.get('k'))!.consumedPoints).toBeLessThan(30); // not all written yet
    await pause(FLUSH_MS * 3);
    expect((await store.get('k'))!.consumedPoints).toBe(30);
  });

  it('lets two processes share one budget exactly: every request near the limit is decided by the store', async () => {
    const store = sharedStore(100);
    const a = new BatchedRateLimiter(store, 100);
    const b = new BatchedRateLimiter(store, 100);
    let allowed = 0;
    let refused = 0;
    for (let round = 0; round < 15; round += 1) {
      for (let i = 0; i < 5; i += 1) {
        for (const limiter of [a, b]) {
          const decision = await limiter.consume('shared');
          if (decision.allowed) allowed += 1;
          else refused += 1;
        }
      }
      await Promise.all([a.flushAll(), b.flushAll()]);
    }
    expect(allowed).toBe(100);
    expect(refused).toBe(50);
    const last = await a.consume('shared');
    expect(last).toMatchObject({ allowed: false });
    expect(last.consumed).toBeGreaterThan(100);
  });

  it('decides a small limit request by request in the store', async () => {
    const store = sharedStore(3);
    const limiter = new BatchedRateLimiter(store, 3);
    const decisions = [];
    for (let i = 0; i < 4; i += 1) decisions.push(await limiter.consume('small'));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect((await store.get('small'))!.consumedPoints).toBe(4);
  });
});
