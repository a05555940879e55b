import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../app/api/v1/deals/route';
import { clearApiKeyCache } from '../../lib/api/authenticate-request';
import { db } from '../../lib/db';
import { resetEnvForTests } from '../../lib/env';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// What every native endpoint does: keys, rate limits, body limit, idempotent retries.

let key: string;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  ({ key } = await createUserWithKey('rep'));
  sales = await createPipelineFixture();
});

afterEach(() => {
  delete process.env.API_RATE_LIMIT_PER_MINUTE;
  resetEnvForTests();
});

const dealBody = () => ({ name: 'Idempotent deal', pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 1000 });

describe('authentication', () => {
  it('accepts X-Api-Key and Authorization: Bearer', async () => {
    expect((await call(dealsRoute.GET, 'GET', '/api/v1/deals', { key })).status).toBe(200);
    expect((await call(dealsRoute.GET, 'GET', '/api/v1/deals', { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
  });

  it('answers 401 with a JSON reason for no key, an unknown key and a revoked key', async () => {
    const none = await call(dealsRoute.GET, 'GET', '/api/v1/deals');
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('unauthorized');
    expect((await call(dealsRoute.GET, 'GET', '/api/v1/deals', { key: 'dbk_not-a-key' })).status).toBe(401);
    const revoked = await createUserWithKey('rep');
    await db.apiKey.updateMany({ where: { userId: revoked.user.id }, data: { revokedAt: new Date() } });
    clearApiKeyCache();
    expect((await call(dealsRoute.GET, 'GET', '/api/v1/deals', { key: revoked.key })).status).toBe(401);
  });

  it('records when a key was last used', async () => {
    const fresh = await createUserWithKey('rep');
    await call(dealsRoute.GET, 'GET', '/api/v1/deals', { key: fresh.key });
    const record = await db.apiKey.findFirstOrThrow({ where: { userId: fresh.user.id } });
    expect(record.lastUsedAt).not.toBeNull();
    expect(record.keyHash).not.toContain(fresh.key);
  });
});

describe('rate limit', () => {
  it('announces the limit on every answer and refuses with 429 and Retry-After past it', async () => {
    process.env.API_RATE_LIMIT_PER_MINUTE = '3';
    resetEnvForTests();
    const limited = await createUserWithKey('rep');
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await call(dealsRoute.GET, 'GET', '/api/v1/deals', { key: limited.key }));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[0]!.headers.get('ratelimit-limit')).toBe('3');
    expect(answers.map((a) => a.headers.get('ratelimit-remaining'))).toEqual(['2', '1', '0', '0']);
    expect(Number(answers[0]!.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(answers[3]!.json.error.code).toBe('rate_limited');
    expect(Number(answers[3]!.headers.get('retry-after'))).toBeGreaterThan(0);
    // another key has its own budget
    expect((await call(dealsRoute.GET, 'GET', '/api/v1/deals', { key })).status).toBe(200);
  });
});

describe('body limit', () => {
  it('refuses a body over 1 MB with 413 and writes nothing', async () => {
    const before = await db.deal.count();
    const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, body: { ...dealBody(), metadata: { blob: 'x'.repeat(1024 * 1024) } } });
    expect(answer.status).toBe(413);
    expect(answer.json.error.code).toBe('payload_too_large');
    expect(await db.deal.count()).toBe(before);
  });

  it('answers a body cut off by the client (connection closed mid-body) with 400, not 500, and writes nothing', async () => {
    const before = await db.deal.count();
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode(JSON.stringify(dealBody()).slice(0, 20)));
        controller.error(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
      },
    });
    const request = new Request('http://localhost/api/v1/deals', {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    const answer = await dealsRoute.POST(request, { params: Promise.resolve({}) } as never);
    expect(answer.status).toBe(400);
    expect((await answer.json()).error.code).toBe('invalid_json');
    expect(await db.deal.count()).toBe(before);
  });
});

describe('Idempotency-Key', () => {
  it('a retry with the same key and body returns the first answer without a second deal', async () => {
    const headers = { 'idempotency-key': 'create-1' };
    const first = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, body: dealBody(), headers });
    const retry = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, body: dealBody(), headers });
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.json).toEqual(first.json);
    expect(await db.deal.count({ where: { name: 'Idempotent deal' } })).toBe(1);
  });

  it('the same key with another body is a 409', async () => {
    const headers = { 'idempotency-key': 'create-2' };
    await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, body: dealBody(), headers });
    const other = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, body: { ...dealBody(), value: 2 }, headers });
    expect(other.status).toBe(409);
    expect(other.json.error.code).toBe('conflict');
  });

  it('concurrent retries create one deal', async () => {
    const headers = { 'idempotency-key': 'create-3' };
    const body = { ...dealBody(), name: 'Raced deal' };
    const answers = await Promise.all([1, 2, 3].map(() => call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, body, headers })));
    expect(answers.filter((a) => a.status === 201).length).toBeGreaterThanOrEqual(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(await db.deal.count({ where: { name: 'Raced deal' } })).toBe(1);
  });

  it('keys are per API key: another client may use the same key string', async () => {
    const other = await createUserWithKey('rep');
    const headers = { 'idempotency-key': 'shared' };
    const mine = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key, body: { ...dealBody(), name: 'Mine' }, headers });
    const theirs = await call(dealsRoute.POST, 'POST', '/api/v1/deals', { key: other.key, body: { ...dealBody(), name: 'Theirs' }, headers });
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.json.data.id).not.toBe(mine.json.data.id);
  });
});
