import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { isAppError } from '../../lib/errors';
import { toPublicId } from '../../lib/ids';
import { DEFAULT_BOARD_FILTERS, parseBoardFilters, type BoardFilters } from '../../lib/board/board-filters';
import { moveDealToStage } from '../../lib/services/deals/move-deal-to-stage';
import { closeDeals, type CloseDealsInput } from '../../lib/services/deals/close-deals';
import { listStageCards } from '../../lib/services/board/list-stage-cards';
import { quickAddDeal } from '../../lib/services/board/quick-add-deal';
import type { ServiceContext } from '../../lib/services/context';
import { createDeal } from '../../lib/services/deals/create-deal';
import { deleteDeal } from '../../lib/services/deals/delete-deal';
import { getPipelineBoard } from '../../lib/services/pipelines/get-pipeline-board';
import { getBoardPreferences } from '../../lib/services/users/get-board-preferences';
import { updateBoardPreferences } from '../../lib/services/users/update-board-preferences';
import { createPipelineFixture } from '../setup/api';

// The board's services: column aggregates computed in SQL over every matching deal (per stage and
// currency), keyset paging of a column that never repeats or skips, drops between visible
// neighbours under a filter, Won/Lost, the event cursor, and remembered collapsed columns.

let manager: ServiceContext;
let rep: ServiceContext;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;
let stage: { qualified: number; contact: number; proposal: number; won: number; lost: number };

const filters = (params: Record<string, string> = {}): BoardFilters => parseBoardFilters(params);

async function user(role: 'manager' | 'rep', name: string): Promise<ServiceContext> {
  const row = await db.user.create({
    data: { email: `${name.toLowerCase().replace(' ', '.')}@board.test`, name, role },
    select: { id: true, name: true, email: true, role: true },
  });
  return { user: row, source: 'ui' };
}

async function deal(
  ctx: ServiceContext,
  stageId: number,
  name: string,
  value: number,
  currency = 'USD',
  extra: { status?: 'open' | 'stalled'; owner?: ServiceContext } = {},
) {
  return createDeal({
    ctx,
    input: {
      name,
      pipeline_id: fixture.pipeline.id,
      stage_id: stageId,
      value,
      currency,
      ...(extra.status ? { status: extra.status } : {}),
      ...(extra.owner ? { owner_id: extra.owner.user.id } : {}),
    },
  });
}

/** The stage's deals in board order, straight from the table. */
async function boardOrder(stageId: number): Promise<{ id: number; status: string }[]> {
  return db.deal.findMany({ where: { stageId, deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true, status: true } });
}

beforeAll(async () => {
  manager = await user('manager', 'Maya Manager');
  rep = await user('rep', 'Riley Rep');
  fixture = await createPipelineFixture('Board', ['Qualified', 'Contact Made', 'Proposal Sent', 'Won', 'Lost']);
  const [qualified, contact, proposal, won, lost] = fixture.stages.map((s) => s.id) as [number, number, number, number, number];
  stage = { qualified, contact, proposal, won, lost };
  // Qualified: 45 deals in three currencies, two owners, a few stalled, one deleted
  for (let i = 1; i <= 45; i += 1) {
    const currency = i % 9 === 0 ? 'JPY' : i % 4 === 0 ? 'EUR' : 'USD';
    const value = currency === 'JPY' ? i * 1000 : i * 12_345;
    await deal(i % 3 === 0 ? rep : manager, qualified, `Qualified deal ${String(i).padStart(2, '0')}${i === 7 ? ' Acme' : ''}`, value, currency, {
      status: i % 10 === 0 ? 'stalled' : 'open',
      owner: i % 3 === 0 ? rep : manager,
    });
  }
  const doomed = await deal(manager, qualified, 'Deleted deal', 999_999);
  await deleteDeal({ ctx: manager, input: { dealId: doomed.id } });
  await deal(manager, contact, 'Contact deal A', 50_000);
  await deal(manager, contact, 'Contact deal B', 25_050, 'GBP');
  await deal(rep, proposal, 'Proposal deal', 1_000_001);
}, 120_000);

describe('getPipelineBoard', () => {
  it('aggregates every matching deal per stage and currency in SQL, not just the loaded cards', async () => {
    for (const view of [DEFAULT_BOARD_FILTERS, filters({ status: 'all' }), filters({ status: 'open,stalled', owner: toPublicId('user', rep.user.id) })]) {
      const board = await getPipelineBoard({ ctx: manager, input: { pipelineId: fixture.pipeline.id, filters: view, pageSize: 10 } });
      expect(board.stages.map((s) => s.name)).toEqual(['Qualified', 'Contact Made', 'Proposal Sent', 'Won', 'Lost']);
      for (const summary of board.stages) {
        const probability = fixture.stages.find((s) => s.id === summary.id)!.probability;
        const deals = await db.deal.findMany({
          where: {
            stageId: summary.id,
            deletedAt: null,
            status: { in: view.statuses },
            ...(view.owner ? { ownerId: rep.user.id } : {}),
          },
          select: { value: true, currency: true },
        });
        expect(summary.count).toBe(deals.length);
        const expected = new Map<string, { count: number; total: bigint }>();
        for (const d of deals) {
          const e = expected.get(d.currency) ?? { count: 0, total: 0n };
          expected.set(d.currency, { count: e.count + 1, total: e.total + d.value });
        }
        expect(summary.totals).toHaveLength(expected.size);
        for (const t of summary.totals) {
          const e = expected.get(t.currency)!;
          expect(t.count).toBe(e.count);
          expect(t.total).toBe(e.total.toString());
          expect(t.weighted).toBe(((2n * e.total * BigInt(probability) + 100n) / 200n).toString());
        }
        // the first page holds at most pageSize cards, in board order, and says whether more follow
        const page = board.firstPages[summary.id]!;
        expect(page.cards.length).toBe(Math.min(10, summary.count));
        expect(page.nextCursor !== null).toBe(summary.count > 10);
      }
    }
  });

  it('filters by text (deal, company or person), value in major units of each currency, and expected close', async () => {
    const acme = await getPipelineBoard({ ctx: manager, input: { pipelineId: fixture.pipeline.id, filters: filters({ q: 'acme' }) } });
    expect(acme.stages[0]!.count).toBe(1);
    expect(acme.firstPages[stage.qualified]!.cards[0]!.name).toBe('Qualified deal 07 Acme');

    // min 400 (major units): USD/EUR deals of ≥ 40000 cents, JPY deals of ≥ 400 yen (all of them)
    const rich = await getPipelineBoard({ ctx: manager, input: { pipelineId: fixture.pipeline.id, filters: filters({ min: '400', status: 'all' }) } });
    const all = await db.deal.findMany({ where: { stageId: stage.qualified, deletedAt: null }, select: { value: true, currency: true } });
    const expected = all.filter((d) => (d.currency === 'JPY' ? d.value >= 400n : d.value >= 40_000n)).length;
    expect(rich.stages[0]!.count).toBe(expected);

    const someDeal = await db.deal.findFirstOrThrow({ where: { stageId: stage.contact, name: 'Contact deal A' } });
    await db.deal.update({ where: { id: someDeal.id }, data: { expectedClose: new Date('2026-05-20T00:00:00Z') } });
    const closing = await getPipelineBoard({
      ctx: manager,
      input: { pipelineId: fixture.pipeline.id, filters: filters({ close_from: '2026-05-20', close_to: '2026-05-20' }) },
    });
    expect(closing.stages.reduce((n, s) => n + s.count, 0)).toBe(1);
  });
});

describe('listStageCards', () => {
  it('pages through a column without repeating or skipping a card, even while cards come and go', async () => {
    const view = filters({ status: 'all' });
    const expected = (await boardOrder(stage.qualified)).map((d) => d.id);
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listStageCards({
        ctx: manager,
        input: { pipelineId: fixture.pipeline.id, stageId: stage.qualified, filters: view, cursor, limit: 7 },
      });
      seen.push(...page.cards.map((c) => c.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(Math.ceil(expected.length / 7));
    expect(seen).toEqual(expected);

    // a card deleted behind the reader and one added ahead of it: the stayers appear exactly once
    const first = await listStageCards({ ctx: manager, input: { pipelineId: fixture.pipeline.id, stageId: stage.qualified, filters: view, limit: 10 } });
    await deleteDeal({ ctx: manager, input: { dealId: first.cards[3]!.id } });
    const added = await deal(manager, stage.qualified, 'Added while paging', 1_000);
    const rest: number[] = [];
    cursor = first.nextCursor;
    while (cursor) {
      const page = await listStageCards({
        ctx: manager,
        input: { pipelineId: fixture.pipeline.id, stageId: stage.qualified, filters: view, cursor, limit: 10 },
      });
      rest.push(...page.cards.map((c) => c.id));
      cursor = page.nextCursor;
    }
    const all = [...first.cards.map((c) => c.id), ...rest];
    expect(new Set(all).size).toBe(all.length);
    expect(all).toEqual([...expected, added.id]);
  });

  it('continues the board’s first page with its cursor, under the same filters', async () => {
    const view = filters({ owner: toPublicId('user', manager.user.id) });
    const board = await getPipelineBoard({ ctx: manager, input: { pipelineId: fixture.pipeline.id, filters: view, pageSize: 5 } });
    const first = board.firstPages[stage.qualified]!;
    const next = await listStageCards({
      ctx: manager,
      input: { pipelineId: fixture.pipeline.id, stageId: stage.qualified, filters: view, cursor: first.nextCursor },
    });
    const ids = [...first.cards, ...next.cards].map((c) => c.id);
    const expected = await db.deal.findMany({
      where: { stageId: stage.qualified, deletedAt: null, status: 'open', ownerId: manager.user.id },
      orderBy: [{ position: 'asc' }, { id: 'asc' }],
      select: { id: true },
    });
    expect(ids).toEqual(expected.map((d) => d.id).slice(0, ids.length));
    expect(next.cards.every((c) => c.ownerName === 'Maya Manager' && c.status === 'open')).toBe(true);
  });
});

describe('moveDealToStage, as the board drops a card', () => {
  it('drops a card between its visible neighbours, whatever the filter hides', async () => {
    const stalledFirst = await deal(manager, stage.proposal, 'P stalled', 1, 'USD', { status: 'stalled' });
    const [a, b, c] = [
      await deal(manager, stage.proposal, 'P a', 1),
      await deal(manager, stage.proposal, 'P b', 1),
      await deal(manager, stage.proposal, 'P c', 1),
    ];
    const stalledMiddle = await deal(manager, stage.proposal, 'P stalled 2', 1, 'USD', { status: 'stalled' });
    await moveDealToStage({ ctx: manager, input: { dealId: stalledMiddle.id, stageId: stage.proposal, afterDealId: a.id, beforeDealId: b.id } });
    // visible (open) order: Proposal deal, a, b, c — move c between a and b
    await moveDealToStage({ ctx: manager, input: { dealId: c.id, stageId: stage.proposal, afterDealId: a.id, beforeDealId: stalledMiddle.id } });
    const open = (await boardOrder(stage.proposal)).filter((d) => d.status === 'open').map((d) => d.id);
    expect(open.slice(-3)).toEqual([a.id, c.id, b.id]);
    // to the top of another column (before its first card): a stage move with a history row
    const top = (await boardOrder(stage.contact))[0]!;
    const moved = await moveDealToStage({ ctx: manager, input: { dealId: b.id, stageId: stage.contact, beforeDealId: top.id } });
    expect(moved.stageId).toBe(stage.contact);
    expect((await boardOrder(stage.contact))[0]!.id).toBe(b.id);
    const history = await db.stageHistory.findMany({ where: { dealId: b.id }, orderBy: { id: 'asc' } });
    expect(history.at(-1)).toMatchObject({ fromStageId: stage.proposal, toStageId: stage.contact, source: 'ui', changedById: manager.user.id });
    void stalledFirst;
  });

  it('refuses a stale version (412) and a deleted deal (404)', async () => {
    const d = await deal(manager, stage.contact, 'Versioned', 10);
    await expect(moveDealToStage({ ctx: manager, input: { dealId: d.id, stageId: stage.proposal, expectedVersion: d.version + 5 } })).rejects.toMatchObject({
      code: 'precondition_failed',
    });
    await deleteDeal({ ctx: manager, input: { dealId: d.id } });
    await expect(moveDealToStage({ ctx: manager, input: { dealId: d.id, stageId: stage.proposal } })).rejects.toMatchObject({ code: 'not_found' });
  });
});

/** The board's Won / Lost: closeDeals for one deal, reporting the reason on the board's field. */
async function closeBoardDeal({ ctx, input }: { ctx: ServiceContext; input: { dealId: number } & Omit<CloseDealsInput, 'dealIds'> }) {
  const [deal] = await closeDeals({ ctx, input: { ...input, dealIds: [input.dealId], lossReasonField: 'loss_reason' } });
  return deal!;
}

describe('closeDeals for one deal, as the board does', () => {
  it('Won moves into the won stage; Lost into the lost stage with a reason the policy accepts', async () => {
    const w = await deal(manager, stage.contact, 'Will win', 10);
    const won = await closeBoardDeal({ ctx: manager, input: { dealId: w.id, outcome: 'won', expectedVersion: w.version } });
    expect(won).toMatchObject({ stageId: stage.won, status: 'won' });
    expect(won.closedAt).not.toBeNull();

    await db.lostReason.createMany({
      data: [
        { label: 'Price too high', position: 1 },
        { label: 'Timing', position: 2 },
      ],
    });
    await db.setting.create({ data: { key: 'lostReasons.allowFreeText', value: false } });
    const l = await deal(manager, stage.contact, 'Will lose', 10);
    const refused = await closeBoardDeal({ ctx: manager, input: { dealId: l.id, outcome: 'lost', lossReason: 'Aliens' } }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code === 'unprocessable' && refused.details[0]?.path === 'loss_reason').toBe(true);
    const missing = await closeBoardDeal({ ctx: manager, input: { dealId: l.id, outcome: 'lost' } }).catch((e: unknown) => e);
    expect(isAppError(missing) && missing.details[0]?.path === 'loss_reason').toBe(true);
    const lost = await closeBoardDeal({ ctx: manager, input: { dealId: l.id, outcome: 'lost', lossReason: 'Timing' } });
    expect(lost).toMatchObject({ stageId: stage.lost, status: 'lost', lostReason: 'Timing' });
  });
});

describe("quickAddDeal and the board's event cursor", () => {
  it('a quick-added deal is first in its column, and the board read says which changes it already holds', async () => {
    const cursorOf = async () => BigInt((await getPipelineBoard({ ctx: manager, input: { pipelineId: fixture.pipeline.id } })).eventCursor);
    const before = await cursorOf();
    const added = await quickAddDeal({ ctx: rep, input: { stageId: stage.qualified, name: 'Fresh lead', value: 5_000, currency: 'USD' } });
    expect((await boardOrder(stage.qualified))[0]!.id).toBe(added.id);
    expect(added.ownerId).toBe(rep.user.id);
    const afterCreate = await cursorOf();
    expect(afterCreate).toBeGreaterThan(before);
    // the cursor is the last event there is: the board's live stream resumes right after it
    const latest = await db.changeEvent.findFirstOrThrow({ orderBy: { id: 'desc' } });
    expect(latest).toMatchObject({ id: afterCreate, dealId: added.id });
    await moveDealToStage({ ctx: manager, input: { dealId: added.id, stageId: stage.contact } });
    expect(await cursorOf()).toBeGreaterThan(afterCreate);
  });
});

describe('board preferences', () => {
  it('remembers collapsed columns per user and keeps other preferences', async () => {
    await db.user.update({ where: { id: manager.user.id }, data: { preferences: { theme: 'dark' } } });
    await updateBoardPreferences({ ctx: manager, input: { stageId: stage.won, collapsed: true } });
    await updateBoardPreferences({ ctx: manager, input: { stageId: stage.lost, collapsed: true } });
    await updateBoardPreferences({ ctx: manager, input: { stageId: stage.won, collapsed: false } });
    // concurrent toggles from two tabs both land
    await Promise.all([
      updateBoardPreferences({ ctx: manager, input: { stageId: stage.qualified, collapsed: true } }),
      updateBoardPreferences({ ctx: manager, input: { stageId: stage.proposal, collapsed: true } }),
    ]);
    expect((await getBoardPreferences({ ctx: manager })).collapsedStageIds).toEqual([stage.qualified, stage.proposal, stage.lost].sort((x, y) => x - y));
    expect((await getBoardPreferences({ ctx: rep })).collapsedStageIds).toEqual([]);
    const stored = await db.user.findUniqueOrThrow({ where: { id: manager.user.id }, select: { preferences: true } });
    expect(stored.preferences).toMatchObject({ theme: 'dark' });
    await expect(updateBoardPreferences({ ctx: manager, input: { stageId: 999_999, collapsed: true } })).rejects.toMatchObject({ code: 'unprocessable' });
  });
});
