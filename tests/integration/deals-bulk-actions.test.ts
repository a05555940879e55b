import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { isAppError } from '../../lib/errors';
import { toPublicId } from '../../lib/ids';
import { bulkCloseDealsInput, bulkMoveDealsInput, MAX_BULK_DEALS, parseDealsTableParams } from '../../lib/schemas/deals-table';
import type { ServiceContext } from '../../lib/services/context';
import { closeDeals } from '../../lib/services/deals/close-deals';
import { bulkDeleteDeals } from '../../lib/services/deals/bulk-delete-deals';
import { bulkMoveDeals } from '../../lib/services/deals/bulk-move-deals';
import { bulkUpdateDeals } from '../../lib/services/deals/bulk-update-deals';
import { createDeal } from '../../lib/services/deals/create-deal';
import { deleteDeal } from '../../lib/services/deals/delete-deal';
import { listDealsTable } from '../../lib/services/deals/list-deals-table';
import { createLostReason } from '../../lib/services/lost-reasons/create-lost-reason';
import { updateLostReasonSettings } from '../../lib/services/settings/lost-reason-settings';
import { createPipelineFixture } from '../setup/api';

// The /deals table's services: the filtered, sorted, paged list and the bulk actions — each batch
// all or none in one transaction, by the single-deal rules (history rows, outcome statuses, the
// lost-reason policy, soft delete).

let manager: ServiceContext;
let rep: ServiceContext;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;
let stage: { qualified: number; contact: number; proposal: number; won: number; lost: number };

async function user(role: 'manager' | 'rep', name: string): Promise<ServiceContext> {
  const row = await db.user.create({
    data: { email: `${name.toLowerCase().replace(' ', '.')}@bulk.test`, name, role },
    select: { id: true, name: true, email: true, role: true },
  });
  return { user: row, source: 'ui' };
}

async function deal(name: string, stageId: number, extra: { value?: number; owner?: ServiceContext } = {}) {
  return createDeal({
    ctx: manager,
    input: {
      name,
      pipeline_id: fixture.pipeline.id,
      stage_id: stageId,
      value: extra.value ?? 10_000,
      currency: 'USD',
      ...(extra.owner ? { owner_id: extra.owner.user.id } : {}),
    },
  });
}

async function historyCount(dealId: number): Promise<number> {
  return db.stageHistory.count({ where: { dealId } });
}

async function snapshot(ids: number[]) {
  return db.deal.findMany({
    where: { id: { in: ids } },
    orderBy: { id: 'asc' },
    select: { id: true, stageId: true, status: true, ownerId: true, lostReason: true, deletedAt: true, version: true },
  });
}

async function refusal(work: Promise<unknown>) {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isAppError(error), `expected a refusal, got ${String(error)}`).toBe(true);
  return error as { code: string; message: string; details: { path: string; message: string }[] };
}

beforeAll(async () => {
  manager = await user('manager', 'Maya Manager');
  rep = await user('rep', 'Riley Rep');
  fixture = await createPipelineFixture('Bulk', ['Qualified', 'Contact Made', 'Proposal Sent', 'Won', 'Lost']);
  const [qualified, contact, proposal, won, lost] = fixture.stages.map((s) => s.id) as [number, number, number, number, number];
  stage = { qualified, contact, proposal, won, lost };
}, 60_000);

describe('bulkMoveDeals', () => {
  it('moves every deal with one history row per deal that changed stage, none for deals already there', async () => {
    const a = await deal('Move A', stage.qualified);
    const b = await deal('Move B', stage.contact);
    const c = await deal('Move C', stage.proposal);
    const before = { a: await historyCount(a.id), b: await historyCount(b.id), c: await historyCount(c.id) };

    const result = await bulkMoveDeals({ ctx: manager, input: { dealIds: [a.id, b.id, c.id], stageId: stage.proposal } });
    expect(result).toEqual({ count: 3, moved: 2, stageName: 'Proposal Sent' });

    const rows = await snapshot([a.id, b.id, c.id]);
    expect(rows.map((r) => r.stageId)).toEqual([stage.proposal, stage.proposal, stage.proposal]);
    expect(await historyCount(a.id)).toBe(before.a + 1);
    expect(await historyCount(b.id)).toBe(before.b + 1);
    expect(await historyCount(c.id)).toBe(before.c);
    const last = await db.stageHistory.findFirst({ where: { dealId: a.id }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ fromStageId: stage.qualified, toStageId: stage.proposal, changedById: manager.user.id, source: 'ui' });
  });

  it('sets the status a won or lost stage implies; a lost stage needs a reason by the policy', async () => {
    const a = await deal('Outcome A', stage.qualified);
    const b = await deal('Outcome B', stage.contact);
    await bulkMoveDeals({ ctx: manager, input: { dealIds: [a.id, b.id], stageId: stage.won } });
    expect((await snapshot([a.id, b.id])).map((r) => r.status)).toEqual(['won', 'won']);

    const missing = await refusal(bulkMoveDeals({ ctx: manager, input: { dealIds: [a.id, b.id], stageId: stage.lost } }));
    expect(missing.details[0]?.path).toBe('lossReason');
    expect((await snapshot([a.id, b.id])).map((r) => r.stageId)).toEqual([stage.won, stage.won]);

    await bulkMoveDeals({ ctx: manager, input: { dealIds: [a.id, b.id], stageId: stage.lost, lossReason: 'Went quiet' } });
    const rows = await snapshot([a.id, b.id]);
    expect(rows.map((r) => [r.stageId, r.status, r.lostReason])).toEqual([
      [stage.lost, 'lost', 'Went quiet'],
      [stage.lost, 'lost', 'Went quiet'],
    ]);
    const last = await db.stageHistory.findFirst({ where: { dealId: a.id }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ fromStageId: stage.won, toStageId: stage.lost, reason: 'Went quiet' });

    // back to an open stage reopens them
    await bulkMoveDeals({ ctx: manager, input: { dealIds: [a.id, b.id], stageId: stage.qualified } });
    expect((await snapshot([a.id, b.id])).map((r) => [r.status, r.lostReason])).toEqual([
      ['open', null],
      ['open', null],
    ]);
  });

  it('changes nothing when one deal of the batch is refused, and names it', async () => {
    const a = await deal('Atomic A', stage.qualified);
    const gone = await deal('Atomic Gone', stage.qualified);
    await deleteDeal({ ctx: manager, input: { dealId: gone.id } });
    const before = await snapshot([a.id]);
    const historyBefore = await historyCount(a.id);

    const deleted = await refusal(bulkMoveDeals({ ctx: manager, input: { dealIds: [a.id, gone.id], stageId: stage.contact } }));
    expect(deleted.code).toBe('not_found');
    expect(deleted.message).toContain('Atomic Gone');

    const nonexistent = await refusal(bulkMoveDeals({ ctx: manager, input: { dealIds: [a.id, 99_999_999], stageId: stage.contact } }));
    expect(nonexistent.message).toContain(toPublicId('deal', 99_999_999));

    expect(await snapshot([a.id])).toEqual(before);
    expect(await historyCount(a.id)).toBe(historyBefore);
  });

  it('refuses the whole batch for a rule that applies to it: a reason off the list, a stage removed', async () => {
    const a = await deal('Rollback A', stage.qualified);
    const b = await deal('Rollback B', stage.qualified);
    // a lost reason that is not on the list, with free text off: refused for the batch before any move
    await createLostReason({ ctx: manager, input: { label: 'Price' } });
    await updateLostReasonSettings({ ctx: manager, input: { allowFreeText: false } });
    try {
      const refused = await refusal(closeDeals({ ctx: manager, input: { dealIds: [a.id, b.id], outcome: 'lost', lossReason: 'Bad vibes' } }));
      expect(refused.details[0]?.path).toBe('lossReason');
      // a stage removed under the batch refuses every deal
      const removed = await db.stage.create({ data: { pipelineId: fixture.pipeline.id, name: 'Removed', position: 9, probability: 10 } });
      await db.stage.update({ where: { id: removed.id }, data: { deletedAt: new Date() } });
      const noStage = await refusal(bulkMoveDeals({ ctx: manager, input: { dealIds: [a.id, b.id], stageId: removed.id } }));
      expect(noStage.details[0]?.path).toBe('stageId');
    } finally {
      await updateLostReasonSettings({ ctx: manager, input: { allowFreeText: true } });
    }
    expect((await snapshot([a.id, b.id])).map((r) => [r.stageId, r.status])).toEqual([
      [stage.qualified, 'open'],
      [stage.qualified, 'open'],
    ]);
  });

  it('refuses more than the batch limit, and accepts at most that many deals at the schema', () => {
    const ids = Array.from({ length: MAX_BULK_DEALS + 1 }, (_, i) => toPublicId('deal', i + 1));
    expect(bulkMoveDealsInput.safeParse({ dealIds: ids, stageId: toPublicId('stage', 1) }).success).toBe(false);
    expect(bulkMoveDealsInput.safeParse({ dealIds: ids.slice(0, MAX_BULK_DEALS), stageId: toPublicId('stage', 1) }).success).toBe(true);
    expect(bulkCloseDealsInput.safeParse({ dealIds: [], outcome: 'won' }).success).toBe(false);
  });
});

describe('closeDeals for many deals', () => {
  it('marks won into the pipeline’s won stage with history rows', async () => {
    const a = await deal('Won A', stage.qualified);
    const b = await deal('Won B', stage.proposal);
    const result = await closeDeals({ ctx: manager, input: { dealIds: [a.id, b.id], outcome: 'won' } });
    expect(result.map((view) => view.status)).toEqual(['won', 'won']);
    const rows = await db.deal.findMany({
      where: { id: { in: [a.id, b.id] } },
      orderBy: { id: 'asc' },
      select: { stageId: true, status: true, closedAt: true },
    });
    expect(rows.every((r) => r.stageId === stage.won && r.status === 'won' && r.closedAt !== null)).toBe(true);
    expect(await db.stageHistory.count({ where: { dealId: { in: [a.id, b.id] }, toStageId: stage.won } })).toBe(2);
  });

  it('marks lost only with a reason the policy accepts', async () => {
    const a = await deal('Lost A', stage.qualified);
    const b = await deal('Lost B', stage.contact);
    const noReason = await refusal(closeDeals({ ctx: manager, input: { dealIds: [a.id, b.id], outcome: 'lost' } }));
    expect(noReason.details[0]?.path).toBe('lossReason');
    expect((await snapshot([a.id, b.id])).map((r) => r.status)).toEqual(['open', 'open']);

    // the list's label, whatever the case typed
    await closeDeals({ ctx: manager, input: { dealIds: [a.id, b.id], outcome: 'lost', lossReason: 'price' } });
    const rows = await snapshot([a.id, b.id]);
    expect(rows.map((r) => [r.stageId, r.status, r.lostReason])).toEqual([
      [stage.lost, 'lost', 'Price'],
      [stage.lost, 'lost', 'Price'],
    ]);
  });
});

describe('bulkUpdateDeals', () => {
  it('lets a rep reassign deals, all or none', async () => {
    const a = await deal('Owner A', stage.qualified, { owner: manager });
    const b = await deal('Owner B', stage.qualified, { owner: rep });
    const result = await bulkUpdateDeals({ ctx: rep, input: { dealIds: [a.id, b.id], ownerId: rep.user.id } });
    expect(result).toEqual({ count: 2, ownerName: 'Riley Rep' });
    expect((await snapshot([a.id, b.id])).map((r) => r.ownerId)).toEqual([rep.user.id, rep.user.id]);

    const noUser = await refusal(bulkUpdateDeals({ ctx: rep, input: { dealIds: [a.id, b.id], ownerId: 99_999_999 } }));
    expect(noUser.code).toBe('unprocessable');
    expect((await snapshot([a.id, b.id])).map((r) => r.ownerId)).toEqual([rep.user.id, rep.user.id]);

    await bulkUpdateDeals({ ctx: rep, input: { dealIds: [a.id], ownerId: null } });
    expect((await snapshot([a.id]))[0]?.ownerId).toBeNull();
  });

  it('lets a rep move and close deals in bulk too', async () => {
    const a = await deal('Rep A', stage.qualified);
    await bulkMoveDeals({ ctx: rep, input: { dealIds: [a.id], stageId: stage.contact } });
    await closeDeals({ ctx: rep, input: { dealIds: [a.id], outcome: 'won' } });
    const last = await db.stageHistory.findFirst({ where: { dealId: a.id }, orderBy: { id: 'desc' } });
    expect(last).toMatchObject({ toStageId: stage.won, changedById: rep.user.id });
  });
});

describe('bulkDeleteDeals', () => {
  it('hides the deals (soft delete) and keeps their history; a rep may do it', async () => {
    const a = await deal('Delete A', stage.qualified);
    const b = await deal('Delete B', stage.contact);
    await bulkMoveDeals({ ctx: manager, input: { dealIds: [a.id], stageId: stage.proposal } });
    const history = await db.stageHistory.count({ where: { dealId: { in: [a.id, b.id] } } });

    expect(await bulkDeleteDeals({ ctx: rep, input: { dealIds: [a.id, b.id] } })).toEqual({ count: 2 });
    const rows = await snapshot([a.id, b.id]);
    expect(rows.every((r) => r.deletedAt !== null)).toBe(true);
    expect(await db.stageHistory.count({ where: { dealId: { in: [a.id, b.id] } } })).toBe(history);
    const table = await listDealsTable({ ctx: rep, input: { ...tableQuery({ q: 'Delete', status: 'all' }) } });
    expect(table.rows.map((r) => r.name)).toEqual([]);
  });

  it('deletes nothing when one deal is already gone', async () => {
    const a = await deal('Keep A', stage.qualified);
    const gone = await deal('Keep Gone', stage.qualified);
    await deleteDeal({ ctx: manager, input: { dealId: gone.id } });
    const refused = await refusal(bulkDeleteDeals({ ctx: manager, input: { dealIds: [a.id, gone.id] } }));
    expect(refused.message).toContain('Keep Gone');
    expect((await snapshot([a.id]))[0]?.deletedAt).toBeNull();
  });
});

function tableQuery(search: Record<string, string>, pageSize = 50) {
  const params = parseDealsTableParams(search);
  return {
    filters: params.filters,
    pipelineId: fixture.pipeline.id,
    stageId: null,
    sort: params.sort,
    dir: params.dir,
    page: params.page,
    pageSize,
  };
}

describe('listDealsTable', () => {
  beforeAll(async () => {
    for (let i = 1; i <= 7; i += 1)
      await deal(`Table ${String(i).padStart(2, '0')}`, i % 2 ? stage.qualified : stage.contact, { value: i * 100_00, owner: i % 3 ? manager : rep });
  });

  it('filters, sorts by a column either way, pages by offset with a total, and clamps a page past the end', async () => {
    const byValue = await listDealsTable({ ctx: manager, input: tableQuery({ q: 'table', sort: 'value', dir: 'asc' }, 3) });
    expect(byValue.total).toBe(7);
    expect(byValue.rows.map((r) => r.name)).toEqual(['Table 01', 'Table 02', 'Table 03']);
    const page3 = await listDealsTable({ ctx: manager, input: tableQuery({ q: 'TABLE', sort: 'value', page: '3' }, 3) });
    expect(page3.rows.map((r) => r.name)).toEqual(['Table 01']);
    const past = await listDealsTable({ ctx: manager, input: tableQuery({ q: 'table', sort: 'name', page: '99' }, 3) });
    expect(past.page).toBe(3);
    expect(past.rows.map((r) => r.name)).toEqual(['Table 07']);

    const repsInContact = await listDealsTable({
      ctx: manager,
      input: { ...tableQuery({ q: 'table', owner: toPublicId('user', rep.user.id), sort: 'name' }), stageId: stage.contact },
    });
    expect(repsInContact.rows.map((r) => [r.name, r.ownerName, r.stageName])).toEqual([['Table 06', 'Riley Rep', 'Contact Made']]);

    const valueRange = await listDealsTable({ ctx: manager, input: tableQuery({ q: 'table', min: '200', max: '400', sort: 'name' }) });
    expect(valueRange.rows.map((r) => r.name)).toEqual(['Table 02', 'Table 03', 'Table 04']);
  });
});
