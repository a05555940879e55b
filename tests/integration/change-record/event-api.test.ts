import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as dealsRoute from '../../../app/api/v1/deals/route';
import * as dealRoute from '../../../app/api/v1/deals/[id]/route';
import * as dealChangesRoute from '../../../app/api/v1/deals/[id]/changes/route';
import * as stageRoute from '../../../app/api/v1/deals/[id]/stage/route';
import * as eventsRoute from '../../../app/api/v1/events/route';
import * as streamRoute from '../../../app/api/v1/events/stream/route';
import { stopChangeEventHub } from '../../../lib/change-record/change-event-hub';
import { db } from '../../../lib/db';
import { call, createPipelineFixture, createUserWithKey } from '../../setup/api';
import { readSse } from './sse-reader';

// The readers of the change record: GET /events (cursor paging in commit order, filters, the
// key's role), GET /deals/:id/changes, and GET /events/stream (catch-up, live, resume), all
// through the real route handlers.

let admin: Awaited<ReturnType<typeof createUserWithKey>>;
let manager: Awaited<ReturnType<typeof createUserWithKey>>;
let rep: Awaited<ReturnType<typeof createUserWithKey>>;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  admin = await createUserWithKey('admin');
  manager = await createUserWithKey('manager');
  rep = await createUserWithKey('rep');
  sales = await createPipelineFixture('Sales');
  // a workspace setting: an event only admins read
  await db.setting.create({ data: { key: 'events_test_flag', value: true } });
});

afterAll(async () => {
  await stopChangeEventHub();
});

async function createDeal(key: string, name: string): Promise<string> {
  const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name, pipeline_id: sales.pipelineId, stage_id: sales.stageIds[0], value: 1000 },
  });
  expect(created.status).toBe(201);
  return created.json.data.id as string;
}

async function patchDeal(key: string, id: string, body: Record<string, unknown>) {
  const answer = await call(dealRoute.PATCH, 'PATCH', `/api/v1/deals/${id}`, { key, params: { id }, body });
  expect(answer.status).toBe(200);
}

async function latestId(): Promise<number> {
  const latest = await db.changeEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } });
  return Number(latest?.id ?? 0n);
}

function events(query: string, key = admin.key) {
  return call(eventsRoute.GET, 'GET', `/api/v1/events${query}`, { key });
}

describe('GET /api/v1/events', () => {
  it('pages through every event in commit order while writers keep writing: no gap, no repeat', async () => {
    const start = await latestId();
    const WRITERS = 5;
    const ROUNDS = 6;
    let writing = WRITERS;
    // a reader that finds nothing new waits for the next write rather than spinning: spinning would
    // spend the key's rate limit (600 a minute) while slow writers are still at work
    let wake = () => {};
    let nextWrite = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const wrote = () => {
      const waiting = wake;
      nextWrite = new Promise<void>((resolve) => {
        wake = resolve;
      });
      waiting();
    };
    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      try {
        const id = await createDeal(manager.key, `Race ${writer}`);
        wrote();
        for (let round = 0; round < ROUNDS; round += 1) {
          await patchDeal(manager.key, id, { name: `Race ${writer}.${round}`, value: 1000 + round });
          wrote();
        }
      } finally {
        writing -= 1;
        wrote();
      }
    });

    const seen: number[] = [];
    let pagesWhileWriting = 0;
    let after = String(start);
    // read while they write; once they are done, read until a page comes back empty
    for (;;) {
      const done = writing === 0;
      if (!done) pagesWhileWriting += 1;
      // taken before the read: a write (the last one included) that lands while the page is read
      // has already resolved it, so the reader cannot wait for a write that never comes
      const nextWriteAfterRead = nextWrite;
      const page = await events(`?after=${after}&limit=7`);
      expect(page.status).toBe(200);
      const ids = (page.json.data as { id: number }[]).map((event) => event.id);
      seen.push(...ids);
      expect(page.json.next_cursor).toBe(ids.length > 0 ? String(ids.at(-1)) : after);
      after = page.json.next_cursor;
      if (done && ids.length === 0) break;
      if (!done && ids.length === 0) await nextWriteAfterRead;
    }
    await Promise.all(writers);
    expect(pagesWhileWriting).toBeGreaterThan(1);

    const table = (await db.changeEvent.findMany({ where: { id: { gt: BigInt(start) } }, orderBy: { id: 'asc' }, select: { id: true } })).map((row) =>
      Number(row.id),
    );
    expect(table).toHaveLength(WRITERS * (ROUNDS + 1));
    expect(seen).toEqual(table);
    expect(new Set(seen).size).toBe(seen.length);
    for (let i = 1; i < seen.length; i += 1) expect(seen[i]).toBeGreaterThan(seen[i - 1]!);
  });

  it('answers the public shape, has_more and the next cursor', async () => {
    const start = await latestId();
    const id = await createDeal(manager.key, 'Shape');
    await patchDeal(manager.key, id, { name: 'Shape 2' });
    const first = await events(`?after=${start}&limit=1`);
    expect(first.json).toMatchObject({ has_more: true, data: [{ type: 'deal.created', record: { type: 'deal', id }, deal_id: id }] });
    expect(first.json.data[0].actor).toEqual({ user_id: manager.publicId, api_key_id: expect.stringMatching(/^key_/), channel: 'api' });
    const second = await events(`?after=${first.json.next_cursor}&limit=5`);
    expect(second.json).toMatchObject({ has_more: false, data: [{ type: 'deal.updated', changes: { name: { from: 'Shape', to: 'Shape 2' } } }] });
    const empty = await events(`?after=${second.json.next_cursor}`);
    expect(empty.json).toEqual({ data: [], has_more: false, next_cursor: second.json.next_cursor });
  });

  it('filters by exact types and by families', async () => {
    const start = await latestId();
    const id = await createDeal(manager.key, 'Filtered');
    await patchDeal(manager.key, id, { value: 5 });
    await call(stageRoute.POST, 'POST', `/api/v1/deals/${id}/stage`, { key: manager.key, params: { id }, body: { stage_id: sales.stageIds[1] } });
    await db.company.create({ data: { name: 'Not a deal' } });

    const types = async (query: string) => ((await events(`?after=${start}&${query}`)).json.data as { type: string }[]).map((event) => event.type);
    expect(await types('types=deal.updated')).toEqual(['deal.updated']);
    expect(await types('types=deal.created,deal.stage_changed')).toEqual(['deal.created', 'deal.stage_changed']);
    expect(await types('types=deal.*')).toEqual(['deal.created', 'deal.updated', 'deal.stage_changed']);
    expect(await types('types=company.*')).toEqual(['company.created']);
    expect(await types(`record_type=deal&record_id=${id}`)).toEqual(['deal.created', 'deal.updated', 'deal.stage_changed']);
    expect(await types(`user_id=${manager.publicId}`)).toEqual(['deal.created', 'deal.updated', 'deal.stage_changed']);
    expect(await types(`occurred_after=${new Date(Date.now() + 3_600_000).toISOString()}`)).toEqual([]);
  });

  it('refuses bad parameters with 400 and a JSON error, never a 500', async () => {
    for (const query of [
      '?after=abc',
      '?after=-1',
      '?limit=0',
      '?limit=501',
      '?types=deal.nope',
      '?types=',
      '?record_id=deal_x',
      '?record_type=nope',
      '?colour=red',
    ]) {
      const answer = await events(query);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.code, query).toBe('validation_failed');
    }
    const badRecord = await events('?record_type=deal&record_id=cont_k5R8sPqW2z');
    expect(badRecord.status).toBe(400);
    expect(badRecord.json.error.details).toEqual([{ path: 'record_id', message: 'Not the ID of a deal record' }]);
    expect((await call(eventsRoute.GET, 'GET', '/api/v1/events')).status).toBe(401);
  });

  it('shows a key what its role may read: reps no users, keys or settings; managers users but no keys or settings', async () => {
    const recordTypes = async (key: string) =>
      new Set(((await events('?after=0&limit=500', key)).json.data as { record: { type: string } }[]).map((event) => event.record.type));
    const asAdmin = await recordTypes(admin.key);
    expect(asAdmin).toEqual(expect.objectContaining({}));
    for (const type of ['user', 'api_key', 'setting', 'deal']) expect(asAdmin.has(type), type).toBe(true);
    const asRep = await recordTypes(rep.key);
    expect(asRep.has('deal')).toBe(true);
    for (const type of ['user', 'api_key', 'setting']) expect(asRep.has(type), type).toBe(false);
    const asManager = await recordTypes(manager.key);
    expect(asManager.has('user')).toBe(true);
    for (const type of ['api_key', 'setting']) expect(asManager.has(type), type).toBe(false);

    // naming what the role may not read is refused, so an integration learns why it gets nothing
    for (const query of ['?types=user.created', '?types=api_key.*', '?record_type=setting', '?types=deal.created,api_key.created']) {
      const answer = await events(query, rep.key);
      expect(answer.status, query).toBe(403);
      expect(answer.json.error.code).toBe('forbidden');
    }
    expect((await events('?types=api_key.created', manager.key)).status).toBe(403);
    expect((await events('?types=user.created', manager.key)).status).toBe(200);
  });
});

describe('GET /api/v1/deals/:id/changes', () => {
  it("lists the deal's changes oldest first, a page at a time", async () => {
    const id = await createDeal(manager.key, 'Timeline');
    await patchDeal(rep.key, id, { name: 'Timeline 2' });
    await call(stageRoute.POST, 'POST', `/api/v1/deals/${id}/stage`, { key: manager.key, params: { id }, body: { stage_id: sales.stageIds[3] } });
    await createDeal(manager.key, 'Another deal');

    const page = (cursor?: string) =>
      call(dealChangesRoute.GET, 'GET', `/api/v1/deals/${id}/changes?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { key: rep.key, params: { id } });
    const first = await page();
    expect(first.status).toBe(200);
    expect(first.json.data.map((event: { type: string }) => event.type)).toEqual(['deal.created', 'deal.updated']);
    expect(first.json.data[1].actor.user_id).toBe(rep.publicId);
    expect(first.json.has_more).toBe(true);
    const second = await page(first.json.next_cursor);
    expect(second.json).toMatchObject({ has_more: false, next_cursor: null, data: [{ type: 'deal.won', deal_id: id }] });
  });

  it('is 404 for an unknown or deleted deal and 400 for a bad cursor', async () => {
    const missing = await call(dealChangesRoute.GET, 'GET', '/api/v1/deals/deal_k5R8sPqW2z/changes', { key: rep.key, params: { id: 'deal_k5R8sPqW2z' } });
    expect(missing.status).toBe(404);
    const id = await createDeal(manager.key, 'Gone');
    expect((await call(dealRoute.DELETE, 'DELETE', `/api/v1/deals/${id}`, { key: manager.key, params: { id } })).status).toBe(204);
    expect((await call(dealChangesRoute.GET, 'GET', `/api/v1/deals/${id}/changes`, { key: rep.key, params: { id } })).status).toBe(404);
    const other = await createDeal(manager.key, 'Cursor');
    const bad = await call(dealChangesRoute.GET, 'GET', `/api/v1/deals/${other}/changes?cursor=nope`, { key: rep.key, params: { id: other } });
    expect(bad.status).toBe(400);
  });
});

describe('GET /api/v1/events/stream', () => {
  function connect(key: string, query = '', headers: Record<string, string> = {}) {
    const abort = new AbortController();
    const request = new Request(`http://dealboard.test/api/v1/events/stream${query}`, { headers: { 'x-api-key': key, ...headers }, signal: abort.signal });
    return { abort, response: streamRoute.GET(request, { params: Promise.resolve({}) }) };
  }

  it('sends new events live, and after a reconnect with Last-Event-ID exactly the missed ones, then live ones', async () => {
    const id = await createDeal(manager.key, 'Streamed');
    const first = connect(admin.key, '?types=deal.*');
    const response = await first.response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const live = readSse(response.body!);
    // nothing older was asked for: the stream says when it is live
    await live.comment('live');
    await patchDeal(manager.key, id, { name: 'Streamed 1' });
    await patchDeal(manager.key, id, { name: 'Streamed 2' });
    const received = await live.next(2);
    expect(received.map((event) => event.data.changes)).toEqual([
      { name: { from: 'Streamed', to: 'Streamed 1' } },
      { name: { from: 'Streamed 1', to: 'Streamed 2' } },
    ]);
    expect(received.map((event) => event.id)).toEqual(received.map((event) => String(event.data.id)));
    first.abort.abort();
    await live.cancel();

    // written while nobody listened, among events the filter leaves out
    for (const name of ['Missed 1', 'Missed 2', 'Missed 3']) {
      await patchDeal(manager.key, id, { name });
      await db.company.create({ data: { name: `Noise ${name}` } });
    }
    const second = connect(admin.key, '?types=deal.*', { 'Last-Event-ID': received[1]!.id });
    const resumed = readSse((await second.response).body!);
    const missed = await resumed.next(3);
    expect(missed.map((event) => (event.data.changes as { name: { to: string } }).name.to)).toEqual(['Missed 1', 'Missed 2', 'Missed 3']);
    await patchDeal(manager.key, id, { name: 'Live again' });
    const all = await resumed.next(4);
    expect((all[3]!.data.changes as { name: { to: string } }).name.to).toBe('Live again');
    const ids = all.map((event) => event.data.id);
    expect(new Set(ids).size).toBe(4);
    for (let i = 1; i < ids.length; i += 1) expect(ids[i]).toBeGreaterThan(ids[i - 1]!);
    second.abort.abort();
    await resumed.cancel();
  });

  it('catches up from ?after= across many events and hands the live ones on without a gap or a repeat', async () => {
    const start = await latestId();
    const id = await createDeal(manager.key, 'Seam');
    for (let i = 0; i < 5; i += 1) await patchDeal(manager.key, id, { value: 2000 + i });
    const stream = connect(manager.key, `?after=${start}`);
    const reader = readSse((await stream.response).body!);
    // writes racing the catch-up
    const racing = (async () => {
      for (let i = 0; i < 5; i += 1) await patchDeal(manager.key, id, { value: 3000 + i });
    })();
    await racing;
    const received = await reader.next(11);
    const table = (
      await db.changeEvent.findMany({ where: { id: { gt: BigInt(start) }, recordType: 'deal' }, orderBy: { id: 'asc' }, select: { id: true } })
    ).map((row) => Number(row.id));
    expect(received.map((event) => event.data.id)).toEqual(table);
    stream.abort.abort();
    await reader.cancel();
  });

  it("streams only what the key's role may read, and refuses what it names but may not read", async () => {
    const start = await latestId();
    await db.setting.create({ data: { key: 'events_stream_flag', value: 1 } });
    const id = await createDeal(manager.key, 'Rep stream');
    const stream = connect(rep.key, `?after=${start}`);
    const reader = readSse((await stream.response).body!);
    const [event] = await reader.next(1);
    expect(event!.data).toMatchObject({ type: 'deal.created', deal_id: id });
    stream.abort.abort();
    await reader.cancel();

    const refused = await connect(rep.key, '?types=setting.updated').response;
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe('forbidden');
    const bad = await connect(admin.key, '', { 'Last-Event-ID': 'yesterday' }).response;
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.details).toEqual([{ path: 'Last-Event-ID', message: 'Must be an event id' }]);
  });
});
