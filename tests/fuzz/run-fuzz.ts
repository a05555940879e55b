import fc from 'fast-check';
import { getAuth, resetAuthForTests } from '../../lib/auth/auth';
import { resetEnvForTests } from '../../lib/env';
import { fromPublicId } from '../../lib/ids';
import { send, type Answer, type RenderedRequest } from '../support/route-dispatch';
import { createFuzzWorkspace } from './fixture';
import { listAuthOperations } from './auth-operations';
import { listOperations } from './operations';
import { renderRequest, requestArbitrary, requestFor, type FuzzRequest, type Pools } from './requests';
import { changedTables, tableChecksums } from './table-checksum';
import { PREFIX_KINDS } from './values';

// The property every generated request must keep: no 5xx; a refusal (4xx) answers a JSON object and
// changes no row. Runs until the time budget is spent; fast-check's seed and path replay a failure.

export interface FuzzOptions {
  seed: number;
  seconds: number;
  /** fast-check's path of a failure to replay (with its seed) */
  path?: string;
  log?: (line: string) => void;
}

export interface FuzzReport {
  seed: number;
  requests: number;
  /** answers by HTTP status */
  statuses: Record<string, number>;
  /** answers by operation family: native and each dialect */
  families: Record<string, number>;
  operationsCalled: number;
  operationsTotal: number;
  /** requests whose path no route matched (a dot segment or encoded slash moved them) */
  unrouted: number;
  /** the failure, ready to print: what was sent, what came back, how to replay it */
  failure: string | null;
}

function clip(text: string | undefined, length: number): string {
  if (text === undefined) return '(none)';
  return text.length > length ? `${text.slice(0, length)}… (${text.length} characters)` : text;
}

function describeExchange(request: RenderedRequest, answer?: Answer): string {
  const lines = [
    `${request.method} ${clip(request.url, 400)}`,
    `headers: ${clip(JSON.stringify(Object.fromEntries(request.headers)), 300)}`,
    `body: ${clip(request.body && JSON.stringify(request.body), 600)}`,
  ];
  if (answer) lines.push(`answer: ${answer.status} ${answer.contentType} ${clip(answer.text, 600)}`);
  return lines.join('\n');
}

/** Records a created record's ID, so later requests can name it. */
function harvest(pools: Pools, request: FuzzRequest, answer: Answer): void {
  if (answer.status !== 200 && answer.status !== 201) return;
  let json: unknown;
  try {
    json = JSON.parse(answer.text);
  } catch {
    return;
  }
  if (json === null || typeof json !== 'object') return;
  const record = (json as { data?: { id?: unknown } }).data;
  if (record && typeof record.id === 'string') {
    const kind = PREFIX_KINDS.get(record.id.split('_')[0]!);
    const id = kind ? fromPublicId(kind, record.id) : null;
    if (kind && id !== null && !pools.get(kind)?.includes(id)) pools.get(kind)?.push(id);
    return;
  }
  if (request.operation.method === 'POST' && !request.operation.path.startsWith('/api/v1/')) {
    const dealId = (json as { dealId?: unknown; id?: unknown }).dealId ?? (json as { id?: unknown }).id;
    if (typeof dealId === 'number' && !pools.get('deal')?.includes(dealId)) pools.get('deal')?.push(dealId);
  }
}

function familyOf(path: string): string {
  if (path.startsWith('/api/v1/')) return 'native';
  if (path.startsWith('/api/auth/')) return 'sign-in';
  return path.split('/')[2] ?? 'other';
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  // the fuzzer sends thousands of requests a minute through three keys
  process.env.API_RATE_LIMIT_PER_MINUTE = '1000000000';
  // a failed sign-in is not held back here (the throttle has tests of its own)
  process.env.SIGN_IN_FAILURE_DELAY_MS_MAX = '0';
  // better-auth checks a browser POST's Origin against APP_URL: the fuzzer's requests come from it
  delete process.env.APP_URL;
  resetEnvForTests();
  resetAuthForTests();
  const log = options.log ?? (() => {});
  const { pools, keys } = await createFuzzWorkspace();
  // the sign-in setup stores its secret on first use: before the first checksum, not in a request
  await getAuth();
  const operations = [...listOperations(), ...listAuthOperations()];
  const report: FuzzReport = {
    seed: options.seed,
    requests: 0,
    statuses: {},
    families: {},
    operationsCalled: 0,
    operationsTotal: operations.length,
    unrouted: 0,
    failure: null,
  };
  const called = new Set<string>();
  let checksums = await tableChecksums();
  const started = Date.now();
  let lastLog = started;

  /** Sends one request and checks the promises; throws what was broken. */
  async function checkRequest(request: FuzzRequest): Promise<void> {
    const rendered = renderRequest(request, pools, keys);
    let answer: Answer;
    try {
      answer = await send(rendered);
    } catch (error) {
      throw new Error(`The handler threw instead of answering:\n${describeExchange(rendered)}\n${error instanceof Error ? error.stack : String(error)}`);
    }
    const after = await tableChecksums();
    const changed = changedTables(checksums, after);
    checksums = after;
    report.requests += 1;
    if (answer.unrouted) {
      report.unrouted += 1;
      return;
    }
    report.statuses[answer.status] = (report.statuses[answer.status] ?? 0) + 1;
    const family = familyOf(request.operation.path);
    report.families[family] = (report.families[family] ?? 0) + 1;
    called.add(request.operation.id);
    if (Date.now() - lastLog > 30_000) {
      lastLog = Date.now();
      log(`${report.requests} requests in ${Math.round((lastLog - started) / 1000)} s: ${JSON.stringify(report.statuses)}`);
    }
    if (answer.status >= 500) throw new Error(`A ${answer.status} on client input:\n${describeExchange(rendered, answer)}`);
    if (answer.status >= 400) {
      let body: unknown = null;
      try {
        body = JSON.parse(answer.text);
      } catch {
        // reported below
      }
      if (!answer.contentType.includes('json') || body === null || typeof body !== 'object' || Array.isArray(body)) {
        throw new Error(`A refusal without a JSON error body:\n${describeExchange(rendered, answer)}`);
      }
      if (changed.length > 0) throw new Error(`A refused request changed ${changed.join(', ')}:\n${describeExchange(rendered, answer)}`);
    }
    harvest(pools, request, answer);
  }

  // first one request to every operation, in order (so each is called however short the budget),
  // then requests to operations drawn at random until the time is up
  if (!options.path) {
    for (const [index, operation] of operations.entries()) {
      const [request] = fc.sample(requestFor(operation), { seed: options.seed + index, numRuns: 1 });
      try {
        await checkRequest(request!);
      } catch (error) {
        report.failure = `${error instanceof Error ? error.message : String(error)}\nreplay: FUZZ_SEED=${options.seed} (the first pass, request ${index + 1}: ${operation.id})`;
        report.operationsCalled = called.size;
        return report;
      }
    }
  }
  const property = fc.asyncProperty(requestArbitrary(operations), checkRequest);

  const details = await fc.check(property, {
    seed: options.seed,
    ...(options.path ? { path: options.path } : {}),
    numRuns: options.path ? 1 : 10_000_000,
    interruptAfterTimeLimit: options.seconds * 1000,
    markInterruptAsFailure: false,
  });
  report.operationsCalled = called.size;
  if (details.failed) {
    const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    const counterexample = details.counterexample?.[0];
    report.failure = [
      error,
      counterexample
        ? `smallest failing request found: ${counterexample.operation.id} as ${counterexample.auth}\n${describeExchange(renderRequest(counterexample, pools, keys))}`
        : '',
      `replay: FUZZ_SEED=${details.seed} FUZZ_PATH=${details.counterexamplePath ?? ''} (npm run fuzz -- --seed ${details.seed} --path ${details.counterexamplePath ?? ''})`,
    ].join('\n');
  }
  return report;
}
