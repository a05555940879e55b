import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../../lib/db';
import { stopChangeEventHub } from '../../../lib/change-record/change-event-hub';
import type { BoardLiveMessage } from '../../../lib/live-board/board-live-message';
import { getBoardCard } from '../../../lib/services/board/list-stage-cards';
import { streamBoardChanges } from '../../../lib/services/board/stream-board-changes';
import type { ServiceContext } from '../../../lib/services/context';
import { createDeal } from '../../../lib/services/deals/create-deal';
import { deleteDeal } from '../../../lib/services/deals/delete-deal';
import { moveDealToStage } from '../../../lib/services/deals/move-deal-to-stage';
import { createPipelineFixture } from '../../setup/api';

// A board's live stream (Server-Sent Events): a board that reconnects from its last event id gets
// exactly the events of its pipeline it missed (deals that left it included, nothing of another
// pipeline), then the live ones as they commit — no gap, no repeat — each with the deal's card as
// getBoardCard reads it.

let manager: ServiceContext;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let renewals: Awaited<ReturnType<typeof createPipelineFixture>>;
const open: AbortController[] = [];

beforeAll(async () => {
  const row = await db.user.create({
    data: { email: 'live@board.test', name: 'Live Manager', role: 'manager' },
    select: { id: true, name: true, email: true, role: true },
  });
  manager = { user: row, source: 'ui' };
  sales = await createPipelineFixture('Sales');
  renewals = await createPipelineFixture('Renewals');
});

afterAll(async () => {
  for (const controller of open) controller.abort();
  await stopChangeEventHub();
});

interface Received {
  id: bigint | null;
  message: BoardLiveMessage;
}

/** Reads a board's stream as EventSource would, message by message; `until` waits for a condition. */
async function openStream(pipelineId: number, after: bigint | null) {
  const controller = new AbortController();
  open.push(controller);
  const stream = await streamBoardChanges({ ctx: manager, input: { pipelineId, after }, signal: controller.signal });
  const received: Received[] = [];
  const waiters: Array<{ test: () => boolean; resolve: () => void }> = [];
  let ended = false;
  void (async () => {
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const id = /^id: (\d+)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (data) received.push({ id: id ? BigInt(id) : null, message: JSON.parse(data) as BoardLiveMessage });
        end = buffer.indexOf('\n\n');
      }
      for (const waiter of waiters.splice(0)) {
        if (waiter.test()) waiter.resolve();
        else waiters.push(waiter);
      }
    }
    ended = true;
    for (const waiter of waiters.splice(0)) waiter.resolve();
  })();
  return {
    received,
    close: () => controller.abort(),
    get ended() {
      return ended;
    },
    until: (test: () => boolean) =>
      new Promise<void>((resolve) => {
        if (test() || ended) resolve();
        else waiters.push({ test, resolve });
      }),
    ids: () => received.filter((r) => r.id !== null).map((r) => r.id!),
  };
}

async function latestEventId(): Promise<bigint> {
  return (await db.changeEvent.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0n;
}

/** The events a board of this pipeline must hear after `after`, read independently of the stream. */
async function expectedIds(pipelineId: number, after: bigint): Promise<bigint[]> {
  const events = await db.changeEvent.findMany({ where: { id: { gt: after } }, orderBy: { id: 'asc' } });
  return events
    .filter(
      (e) => e.pipelineId === pipelineId || (e.recordType === 'deal' && (e.changes as { pipeline_id?: { from?: number } }).pipeline_id?.from === pipelineId),
    )
    .map((e) => e.id);
}

function deal(pipeline: typeof sales, stageIndex: number, name: string, value = 1000) {
  return createDeal({ ctx: manager, input: { name, pipeline_id: pipeline.pipeline.id, stage_id: pipeline.stages[stageIndex]!.id, value, currency: 'USD' } });
}

describe('the live board stream', () => {
  it('catches up from the last event id with exactly the missed events of its pipeline, then goes live without a gap or a repeat', async () => {
    const first = await deal(sales, 0, 'Acme');
    const leaving = await deal(sales, 0, 'Leaves for renewals');
    const cursor = await latestEventId();

    // missed while the board was away: moves, another pipeline's deals, a deal leaving, a task
    await moveDealToStage({ ctx: manager, input: { dealId: first.id, stageId: sales.stages[1]!.id } });
    const elsewhere = await deal(renewals, 0, 'Not on this board');
    await moveDealToStage({ ctx: manager, input: { dealId: elsewhere.id, stageId: renewals.stages[1]!.id } });
    await moveDealToStage({ ctx: manager, input: { dealId: leaving.id, stageId: renewals.stages[0]!.id } });
    await db.task.create({ data: { dealId: first.id, title: 'Call back' } });
    const missed = await expectedIds(sales.pipeline.id, cursor);
    expect(missed.length).toBe(3);

    // the board reconnects while writes keep coming, in both pipelines
    const writes = (async () => {
      for (let i = 0; i < 6; i += 1) {
        await moveDealToStage({ ctx: manager, input: { dealId: first.id, stageId: sales.stages[i % 3]!.id } });
        await deal(i % 2 === 0 ? sales : renewals, 0, `Concurrent ${i}`);
      }
    })();
    const stream = await openStream(sales.pipeline.id, cursor);
    await stream.until(() => stream.received.some((r) => r.message.type === 'live'));
    const catchUp = stream.received.slice(
      0,
      stream.received.findIndex((r) => r.message.type === 'live'),
    );
    expect(catchUp.map((r) => r.id).slice(0, missed.length)).toEqual(missed);
    await writes;

    // and then live: a final marker write, after which everything of the pipeline has arrived
    const marker = await deal(sales, 2, 'Marker');
    await stream.until(() => stream.received.some((r) => r.message.type === 'card' && r.message.dealId === marker.id));
    expect(stream.ids()).toEqual(await expectedIds(sales.pipeline.id, cursor));
    // nothing of the other pipeline
    for (const r of stream.received) if (r.message.type === 'card') expect(r.message.dealId).not.toBe(elsewhere.id);
    stream.close();
  });

  it('sends each changed deal as its board card, with how the board counted it before', async () => {
    const stream = await openStream(sales.pipeline.id, await latestEventId());
    await stream.until(() => stream.received.some((r) => r.message.type === 'live'));
    const moving = await deal(sales, 0, 'Globex', 25_000);
    await moveDealToStage({ ctx: manager, input: { dealId: moving.id, stageId: sales.stages[2]!.id } });
    await db.task.create({ data: { dealId: moving.id, title: 'Send the proposal', dueAt: new Date('2031-01-02T10:00:00Z') } });
    const leaving = await deal(sales, 1, 'Leaving', 5_000);
    await moveDealToStage({ ctx: manager, input: { dealId: leaving.id, stageId: renewals.stages[0]!.id } });
    const doomed = await deal(sales, 0, 'Doomed');
    await deleteDeal({ ctx: manager, input: { dealId: doomed.id } });
    await stream.until(() => stream.received.filter((r) => r.message.type === 'card' && r.message.dealId === doomed.id).length === 2);

    const about = (dealId: number) => stream.received.map((r) => r.message).filter((m) => m.type === 'card' && m.dealId === dealId);
    const [created, moved, tasked] = about(moving.id) as Extract<BoardLiveMessage, { type: 'card' }>[];
    expect(created!.previous).toBeNull();
    expect(moved!.previous).toMatchObject({ stageId: sales.stages[0]!.id, value: '25000', currency: 'USD', status: 'open', name: 'Globex' });
    // an activity or task changes what the card shows, not where it counts
    expect(tasked!.previous).toBeUndefined();
    expect(tasked!.card).toEqual(await getBoardCard({ ctx: manager, input: { dealId: moving.id } }));
    expect(tasked!.card).toMatchObject({ stageId: sales.stages[2]!.id, nextTask: { title: 'Send the proposal', dueAt: '2031-01-02T10:00:00.000Z' } });

    // a deal that left for another pipeline: gone from this board, counted where it was
    const left = about(leaving.id).at(-1) as Extract<BoardLiveMessage, { type: 'card' }>;
    expect(left.card).toBeNull();
    expect(left.previous).toMatchObject({ stageId: sales.stages[1]!.id, value: '5000' });
    // a deleted one: gone too
    const deleted = about(doomed.id).at(-1) as Extract<BoardLiveMessage, { type: 'card' }>;
    expect(deleted.card).toBeNull();
    expect(deleted.previous).toMatchObject({ stageId: sales.stages[0]!.id });
    stream.close();
  });

  it('tells the other pipeline’s board about the deal that arrived, and a stage change to reload its columns', async () => {
    const stream = await openStream(renewals.pipeline.id, await latestEventId());
    await stream.until(() => stream.received.some((r) => r.message.type === 'live'));
    const arriving = await deal(sales, 0, 'Arriving');
    await moveDealToStage({ ctx: manager, input: { dealId: arriving.id, stageId: renewals.stages[1]!.id } });
    await db.stage.update({ where: { id: renewals.stages[0]!.id }, data: { name: 'Up for renewal' } });
    await stream.until(() => stream.received.some((r) => r.message.type === 'board'));
    const messages = stream.received.map((r) => r.message).filter((m) => m.type !== 'live');
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatchObject({ type: 'card', dealId: arriving.id, previous: null });
    expect((messages[0] as { card: unknown }).card).toEqual(await getBoardCard({ ctx: manager, input: { dealId: arriving.id } }));
    expect(messages[1]).toMatchObject({ type: 'board' });
    stream.close();
  });

  it('asks a board that missed too much to reload instead of catching up', async () => {
    const busy = await deal(sales, 0, 'Busy');
    const cursor = await latestEventId();
    // a board that stays open hears all 501 as they commit (and says when this process has them)
    const witness = await openStream(sales.pipeline.id, cursor);
    await db.task.createMany({ data: Array.from({ length: 501 }, (_, i) => ({ dealId: busy.id, title: `Task ${i}` })) });
    await witness.until(() => witness.ids().length === 501);
    witness.close();
    const stream = await openStream(sales.pipeline.id, cursor);
    await stream.until(() => stream.ended);
    expect(stream.received.map((r) => r.message)).toEqual([{ type: 'reload' }]);
  });

  it('refuses a pipeline that does not exist', async () => {
    await expect(streamBoardChanges({ ctx: manager, input: { pipelineId: 987_654, after: null }, signal: new AbortController().signal })).rejects.toMatchObject(
      {
        code: 'not_found',
      },
    );
  });
});
