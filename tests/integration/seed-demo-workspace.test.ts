import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { openDatabase } from '../../lib/database/connect';
import { migrateDatabase } from '../../lib/database/migrate';
import { PrismaClient } from '../../lib/generated/prisma/client';
import { computeLineItem } from '../../lib/money/line-item-totals';
import { seedDemoWorkspace } from '../../lib/demo/seed-demo-workspace';

// The demo workspace a new user sees after `npm run db:seed`: checked the way a user would notice
// problems (missing stages, deals in the wrong column, broken timelines, totals that don't add up).

const NOW = new Date('2026-03-15T12:00:00.000Z');
const DAY = 86_400_000;

let result: Awaited<ReturnType<typeof seedDemoWorkspace>>;

beforeAll(async () => {
  result = await seedDemoWorkspace({ db, now: NOW });
}, 60_000);

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

describe('seedDemoWorkspace on an empty database', () => {
  it('creates the workspace and reports what it created', async () => {
    expect(result.created).toBe(true);
    const counts = {
      users: await db.user.count(),
      pipelines: await db.pipeline.count(),
      stages: await db.stage.count(),
      companies: await db.company.count(),
      contacts: await db.contact.count(),
      products: await db.product.count(),
      deals: await db.deal.count(),
      stageHistory: await db.stageHistory.count(),
      lineItems: await db.dealLineItem.count(),
      activities: await db.activity.count(),
      tasks: await db.task.count(),
      lostReasons: await db.lostReason.count(),
      customFields: await db.customFieldDefinition.count(),
    };
    expect(result.summary).toEqual(counts);
    expect(counts.users).toBe(4);
    expect(counts.pipelines).toBe(2);
    expect(counts.stages).toBe(10);
    expect(counts.companies).toBeGreaterThanOrEqual(25);
    expect(counts.companies).toBeLessThanOrEqual(35);
    expect(counts.contacts).toBeGreaterThanOrEqual(70);
    expect(counts.contacts).toBeLessThanOrEqual(90);
    expect(counts.products).toBeGreaterThanOrEqual(10);
    expect(counts.products).toBeLessThanOrEqual(14);
    expect(counts.deals).toBeGreaterThanOrEqual(180);
    expect(counts.deals).toBeLessThanOrEqual(220);
    expect(counts.stageHistory).toBeGreaterThan(counts.deals);
    expect(counts.activities).toBeGreaterThanOrEqual(300);
    expect(counts.activities).toBeLessThanOrEqual(500);
    expect(counts.tasks).toBeGreaterThanOrEqual(100);
    expect(counts.tasks).toBeLessThanOrEqual(200);
    expect(counts.lostReasons).toBe(6);
    expect(counts.customFields).toBeGreaterThanOrEqual(2);
  });

  it('records its rows in the change record as made by "system", with nobody acting', async () => {
    expect(await db.changeEvent.count({ where: { recordType: 'deal', type: 'deal.created' } })).toBe(await db.deal.count());
    expect(
      await db.changeEvent.count({ where: { OR: [{ channel: { not: 'system' } }, { actorUserId: { not: null } }, { actorApiKeyId: { not: null } }] } }),
    ).toBe(0);
  });

  it('creates the four demo users the browser and docs rely on', async () => {
    const users = await db.user.findMany({ orderBy: { id: 'asc' }, select: { name: true, email: true, role: true } });
    expect(users).toEqual([
      { name: 'Maya Manager', email: 'manager@dealboard.test', role: 'manager' },
      { name: 'Riley Rep', email: 'rep@dealboard.test', role: 'rep' },
      { name: 'Sam Seller', email: 'sam@dealboard.test', role: 'rep' },
      { name: 'Ada Admin', email: 'admin@dealboard.test', role: 'admin' },
    ]);
  });

  it('creates the Sales and Partnerships pipelines with their stages in order', async () => {
    const pipelines = await db.pipeline.findMany({
      orderBy: { position: 'asc' },
      include: { stages: { orderBy: { position: 'asc' } } },
    });
    const shape = pipelines.map((p) => ({
      name: p.name,
      position: p.position,
      isDefault: p.isDefault,
      stages: p.stages.map((s) => [s.position, s.name, s.probability, s.rottingDays, s.outcome]),
    }));
    expect(shape).toEqual([
      {
        name: 'Sales',
        position: 0,
        isDefault: true,
        stages: [
          [0, 'Qualified', 10, 14, null],
          [1, 'Contact Made', 20, 14, null],
          [2, 'Demo Scheduled', 40, 10, null],
          [3, 'Proposal Sent', 60, 10, null],
          [4, 'Won', 100, null, 'won'],
          [5, 'Lost', 0, null, 'lost'],
        ],
      },
      {
        name: 'Partnerships',
        position: 1,
        isDefault: false,
        stages: [
          [0, 'Intro', 10, 21, null],
          [1, 'Evaluation', 30, 21, null],
          [2, 'Agreement', 70, 14, null],
          [3, 'Signed', 100, null, 'won'],
        ],
      },
    ]);
  });

  it('links every contact to a company and gives it an address at that company', async () => {
    const contacts = await db.contact.findMany({ include: { company: true } });
    for (const contact of contacts) {
      expect(contact.company, `${contact.firstName} ${contact.lastName}`).not.toBeNull();
      expect(contact.email).toMatch(new RegExp(`@${contact.company!.domain!.replaceAll('.', '\\.')}$`));
      expect(contact.phone).toBeTruthy();
      expect(contact.firstName).toBeTruthy();
      expect(contact.lastName).toBeTruthy();
    }
  });

  it('sets up the catalog, the lost reasons and the custom fields', async () => {
    const products = await db.product.findMany();
    expect(products.filter((p) => !p.active).length).toBeGreaterThanOrEqual(2);
    expect(new Set(products.map((p) => p.taxRate.toString()))).toEqual(new Set(['0', '7.5', '20']));
    for (const p of products) expect(p.unitPrice).toBeGreaterThan(0n);

    const reasons = await db.lostReason.findMany({ orderBy: { position: 'asc' } });
    expect(reasons.map((r) => r.label)).toEqual(['Price too high', 'Chose a competitor', 'No budget', 'No decision / went dark', 'Timing', 'Missing feature']);
    expect(await db.setting.findUnique({ where: { key: 'lostReasons.allowFreeText' } })).toMatchObject({ value: true });

    const fields = await db.customFieldDefinition.findMany({ orderBy: { position: 'asc' } });
    expect(fields.every((f) => f.entity === 'deal')).toBe(true);
    expect(fields.find((f) => f.key === 'region')).toMatchObject({ type: 'select', options: ['EMEA', 'AMER', 'APAC'] });
    const deals = await db.deal.findMany({ select: { customFields: true } });
    const withValues = deals.filter((d) => Object.keys(d.customFields as object).length > 0);
    expect(withValues.length).toBeGreaterThan(20);
    const keys = new Set(fields.map((f) => f.key));
    for (const d of withValues) for (const key of Object.keys(d.customFields as object)) expect(keys.has(key)).toBe(true);
  });

  it('spreads deals over both pipelines and every stage, each in a stage of its own pipeline', async () => {
    const [deals, stages, pipelines] = await Promise.all([
      db.deal.findMany({ include: { contacts: true, companies: true, contact: true } }),
      db.stage.findMany(),
      db.pipeline.findMany(),
    ]);
    const stageById = new Map(stages.map((s) => [s.id, s]));
    const sales = pipelines.find((p) => p.name === 'Sales')!;
    const salesDeals = deals.filter((d) => d.pipelineId === sales.id);
    expect(salesDeals.length).toBeGreaterThanOrEqual(140);
    expect(salesDeals.length).toBeLessThanOrEqual(180);
    expect(deals.length - salesDeals.length).toBeGreaterThanOrEqual(30);
    expect(deals.length - salesDeals.length).toBeLessThanOrEqual(50);

    for (const stage of stages)
      expect(
        deals.some((d) => d.stageId === stage.id),
        stage.name,
      ).toBe(true);

    const userIds = new Set((await db.user.findMany({ where: { role: { in: ['rep', 'manager'] } } })).map((u) => u.id));
    for (const deal of deals) {
      expect(stageById.get(deal.stageId)!.pipelineId, deal.name).toBe(deal.pipelineId);
      expect(deal.name).toMatch(/^.+ – .+$/);
      expect(deal.value).toBeGreaterThan(0n);
      expect(deal.version).toBe(1);
      expect(userIds.has(deal.ownerId!)).toBe(true);
      expect(['inbound', 'outbound', 'referral', 'partner', 'event', 'website']).toContain(deal.source);
      // primary contact works at the primary company, and both are linked
      expect(deal.contact!.companyId).toBe(deal.companyId);
      expect(deal.contacts.map((c) => c.contactId)).toContain(deal.contactId);
      expect(deal.companies.map((c) => c.companyId)).toContain(deal.companyId);
      expect(deal.createdAt.getTime()).toBeGreaterThanOrEqual(NOW.getTime() - 184 * DAY);
      expect(deal.createdAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
      expect(deal.expectedClose).not.toBeNull();
    }
    const currencies = new Set(deals.map((d) => d.currency));
    expect(currencies).toEqual(new Set(['USD', 'EUR', 'GBP']));
    expect(deals.filter((d) => d.currency === 'USD').length).toBeGreaterThan(deals.length * 0.7);
    expect(new Set(deals.map((d) => d.name)).size).toBe(deals.length);
  });

  it('orders the deals of each stage at 1000, 2000, 3000, …', async () => {
    const deals = await db.deal.findMany({ orderBy: [{ stageId: 'asc' }, { position: 'asc' }] });
    const byStage = groupBy(deals, (d) => d.stageId);
    for (const inStage of byStage.values()) {
      expect(inStage.map((d) => d.position)).toEqual(inStage.map((_, i) => (i + 1) * 1000));
    }
  });

  it('keeps status consistent with won and lost stages', async () => {
    const deals = await db.deal.findMany({ include: { stage: true } });
    const reasons = new Set((await db.lostReason.findMany()).map((r) => r.label));
    for (const deal of deals) {
      if (deal.stage.outcome === 'won') {
        expect(deal.status, deal.name).toBe('won');
        expect(deal.closedAt).not.toBeNull();
        expect(deal.lostReason).toBeNull();
      } else if (deal.stage.outcome === 'lost') {
        expect(deal.status, deal.name).toBe('lost');
        expect(deal.closedAt).not.toBeNull();
        expect(reasons.has(deal.lostReason!)).toBe(true);
      } else {
        expect(['open', 'stalled'], deal.name).toContain(deal.status);
        expect(deal.closedAt).toBeNull();
        expect(deal.lostReason).toBeNull();
      }
    }
    const statuses = new Set(deals.map((d) => d.status));
    expect(statuses).toEqual(new Set(['open', 'won', 'lost', 'stalled']));
    expect(deals.filter((d) => d.status === 'open').length).toBeGreaterThan(deals.length / 2);
  });

  it('has a few rotting open deals, and the rest fresh', async () => {
    const deals = await db.deal.findMany({ where: { status: 'open' }, include: { stage: true } });
    const idleDays = (d: (typeof deals)[number]) => (NOW.getTime() - Math.max(d.stageEnteredAt.getTime(), d.lastActivityAt?.getTime() ?? 0)) / DAY;
    const rotting = deals.filter((d) => d.stage.rottingDays !== null && idleDays(d) > d.stage.rottingDays);
    expect(rotting.length).toBeGreaterThanOrEqual(3);
    expect(rotting.length).toBeLessThanOrEqual(20);
  });

  it('gives every deal a stage history chain from creation to its current stage', async () => {
    const [deals, history, stages] = await Promise.all([
      db.deal.findMany(),
      db.stageHistory.findMany({ orderBy: [{ dealId: 'asc' }, { changedAt: 'asc' }, { id: 'asc' }] }),
      db.stage.findMany(),
    ]);
    const stageById = new Map(stages.map((s) => [s.id, s]));
    const byDeal = groupBy(history, (h) => h.dealId);
    let withBackSteps = 0;
    for (const deal of deals) {
      const rows = byDeal.get(deal.id) ?? [];
      expect(rows.length, deal.name).toBeGreaterThan(0);
      expect(rows[0]!.fromStageId).toBeNull();
      expect(rows[0]!.fromPipelineId).toBeNull();
      expect(rows[0]!.changedAt).toEqual(deal.createdAt);
      expect(stageById.get(rows[0]!.toStageId)!.position).toBe(0);
      for (const [i, row] of rows.entries()) {
        expect(row.toPipelineId).toBe(deal.pipelineId);
        expect(stageById.get(row.toStageId)!.pipelineId).toBe(deal.pipelineId);
        expect(row.probability).toBe(stageById.get(row.toStageId)!.probability);
        expect(row.currency).toBe(deal.currency);
        expect(row.changedById).not.toBeNull();
        expect(row.changedAt.getTime()).toBeLessThanOrEqual(NOW.getTime());
        if (i > 0) {
          const previous = rows[i - 1]!;
          expect(row.fromStageId).toBe(previous.toStageId);
          expect(row.fromPipelineId).toBe(deal.pipelineId);
          expect(row.changedAt.getTime()).toBeGreaterThan(previous.changedAt.getTime());
          if (stageById.get(row.toStageId)!.position < stageById.get(previous.toStageId)!.position) withBackSteps++;
        }
      }
      const last = rows[rows.length - 1]!;
      expect(last.toStageId).toBe(deal.stageId);
      expect(last.changedAt).toEqual(deal.stageEnteredAt);
      expect(last.value).toBe(deal.value);
      if (deal.closedAt) expect(deal.closedAt).toEqual(last.changedAt);
    }
    expect(withBackSteps).toBeGreaterThan(0);
    expect(new Set(history.map((h) => h.source))).toEqual(new Set(['ui', 'api', 'import']));
  });

  it('prices line-item deals as the sum of their lines, each computed exactly', async () => {
    const deals = await db.deal.findMany({ include: { lineItems: true } });
    const withLines = deals.filter((d) => d.lineItems.length > 0);
    expect(withLines.length).toBeGreaterThanOrEqual(deals.length * 0.2);
    expect(withLines.length).toBeLessThanOrEqual(deals.length * 0.3);
    expect(new Set(withLines.map((d) => d.taxType))).toEqual(new Set(['exclusive', 'inclusive', 'no_tax']));
    const lines = withLines.flatMap((d) => d.lineItems);
    expect(new Set(lines.map((l) => l.discountType))).toEqual(new Set(['percent', 'fixed']));
    expect(lines.some((l) => l.discountType === 'percent' && !l.discountValue.isZero())).toBe(true);

    for (const deal of withLines) {
      expect(deal.value, deal.name).toBe(deal.lineItems.reduce((sum, l) => sum + l.total, 0n));
      for (const line of deal.lineItems) {
        expect(line.productId).not.toBeNull();
        const expected = computeLineItem(
          { unitPrice: line.unitPrice, quantity: line.quantity, discountType: line.discountType, discountValue: line.discountValue, taxRate: line.taxRate },
          deal.taxType,
        );
        expect({ subtotal: line.subtotal, discount: line.discount, tax: line.tax, total: line.total }, line.name).toEqual(expected);
      }
    }
  });

  it('records activities within each deal’s life, with the latest completed one as last activity', async () => {
    const deals = await db.deal.findMany({ include: { activities: true } });
    for (const deal of deals) {
      const completed = deal.activities.filter((a) => a.status === 'completed');
      const latest = completed.reduce<Date | null>((max, a) => (!max || a.occurredAt > max ? a.occurredAt : max), null);
      expect(deal.lastActivityAt, deal.name).toEqual(latest);
      for (const activity of deal.activities) {
        if (activity.status === 'completed') {
          expect(activity.occurredAt.getTime()).toBeGreaterThanOrEqual(deal.createdAt.getTime());
          expect(activity.occurredAt.getTime()).toBeLessThanOrEqual((deal.closedAt ?? NOW).getTime());
        } else {
          expect(activity.status).toBe('planned');
          expect(activity.occurredAt.getTime()).toBeGreaterThan(NOW.getTime());
          expect(deal.closedAt).toBeNull();
        }
      }
    }
    const types = new Set(deals.flatMap((d) => d.activities.map((a) => a.type)));
    expect(types).toEqual(new Set(['call', 'meeting', 'email', 'note']));
  });

  it('creates tasks, some overdue, some upcoming, some done', async () => {
    const tasks = await db.task.findMany();
    const pending = tasks.filter((t) => t.status === 'pending');
    expect(pending.filter((t) => t.dueAt! < NOW).length).toBeGreaterThan(0);
    expect(pending.filter((t) => t.dueAt! > NOW).length).toBeGreaterThan(0);
    const completed = tasks.filter((t) => t.status === 'completed');
    expect(completed.length).toBeGreaterThan(0);
    for (const task of completed) expect(task.completedAt!.getTime()).toBeLessThanOrEqual(NOW.getTime());
    for (const task of tasks) {
      expect(task.title).toBeTruthy();
      expect(task.assigneeId).not.toBeNull();
      expect(task.createdById).not.toBeNull();
      expect(task.dealId).not.toBeNull();
    }
  });

  it('does nothing when the database already has data', async () => {
    const before = { deals: await db.deal.count(), users: await db.user.count() };
    const again = await seedDemoWorkspace({ db, now: NOW });
    expect(again.created).toBe(false);
    expect({ deals: await db.deal.count(), users: await db.user.count() }).toEqual(before);
  });

  it('produces the same workspace for the same `now` on another database', async () => {
    const connection = openDatabase({ engine: 'embedded', dataDir: null });
    const other = new PrismaClient({ adapter: connection.adapterFactory });
    try {
      await migrateDatabase(connection);
      const seeded = await seedDemoWorkspace({ db: other, now: NOW });
      expect(seeded).toEqual(result);
      const pick = { select: { name: true, value: true, currency: true, status: true, createdAt: true, stageEnteredAt: true } } as const;
      const mine = await db.deal.findMany({ ...pick, orderBy: { id: 'asc' } });
      const theirs = await other.deal.findMany({ ...pick, orderBy: { id: 'asc' } });
      expect(theirs).toEqual(mine);
      const totals = (client: PrismaClient) => client.dealLineItem.findMany({ select: { total: true }, orderBy: { id: 'asc' } });
      expect(await totals(other)).toEqual(await totals(db));
    } finally {
      await other.$disconnect();
      await connection.close();
    }
  }, 120_000);
});
