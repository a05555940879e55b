import { expect, it } from 'vitest';
import { runFuzz } from '../fuzz/run-fuzz';

// Generated requests to every operation of the OpenAPI document (the native API and its three
// dialects): hostile bodies, query strings and path segments, sent as four kinds of caller. Each
// answer must be a non-5xx, a refusal must carry a JSON error body and change no row. The seed is
// fixed so the suite is repeatable; `npm run fuzz -- --minutes N` runs longer, from new seeds.

const seconds = Number(process.env.FUZZ_SECONDS ?? (process.env.TEST_ENGINE === 'postgresql' ? 15 : 30));
const seed = Number(process.env.FUZZ_SEED ?? 20_261_207);

it(`every operation keeps its promises under generated hostile requests (${seconds} s, seed ${seed})`, { timeout: (seconds + 120) * 1000 }, async () => {
  const report = await runFuzz({ seed, seconds, path: process.env.FUZZ_PATH || undefined, log: (line) => console.log(`fuzz: ${line}`) });
  console.log(`fuzz (${process.env.TEST_ENGINE}): ${JSON.stringify({ ...report, failure: undefined })}`);
  expect(report.failure, report.failure ?? '').toBeNull();
  // the budget was spent on requests that reached the handlers of every operation
  expect(report.requests).toBeGreaterThan(50);
  expect(report.operationsCalled).toBe(report.operationsTotal);
});
