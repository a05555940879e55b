import { beforeAll, describe, expect, it } from 'vitest';
import { serializeDeal } from '../../lib/api/serializers/deal';
import { db } from '../../lib/db';
import { listDealsQuery } from '../../lib/schemas/deal';
import type { ServiceContext } from '../../lib/services/context';
import { listDeals } from '../../lib/services/deals/list-deals';
import { listDealsJson } from '../../lib/services/deals/list-deals-json';
import { toPublicId } from '../../lib/ids';
import { createPipelineFixture } from '../setup/api';

// The API's deal list is written as JSON by the database (list-deals-json.ts) while every other
// answer goes through serializeDeal: for the same deals, filters, sorts and cursors the two must
// give the same fields, values and cursors, down to nulls, money, dates and odd names.

let ctx: ServiceContext;
let pipelineId: string;
const now = new Date('2026-11-20T15:30:00.000Z');

beforeAll(async () => {
  const user = await db.user.create({
    data: { email: 'json-list@deals.test', name: 'Jay Son', role: 'manager' },
    select: { id: true, name: true, email: true, role: true },
  });
  ctx = { user, source: 'api' };
  const sales = await createPipelineFixture('JSON list', ['Lead', 'Won', 'Lost']);
  pipelineId = sales.pipelineId;
  const contact = await db.contact.create({ data: { firstName: 'Ada', lastName: 'Lovelace' } });
  const company = await db.company.create({ data: { name: 'Analytical Engines' } });
  const base = { pipelineId: sales.pipeline.id, currency: 'USD', metadata: {}, customFields: {} };
  const at = (iso: string) => new Date(iso);
  await db.deal.create({
    data: {
      ...base,
      name: 'Plain',
      stageId: sales.stages[0]!.id,
      value: 0n,
      status: 'open',
      position: 1,
      stageEnteredAt: at('2026-11-20T15:29:59.999Z'),
      createdAt: at('2026-11-01T00:00:00.000Z'),
      updatedAt: at('2026-11-01T00:00:00.000Z'),
    },
  });
  await db.deal.create({
    data: {
      ...base,
      name: 'Quotes "and" \\ back\nslash – ünïcødé 🚀',
      stageId: sales.stages[0]!.id,
      value: 123_456_789_012n,
      currency: 'EUR',
      status: 'open',
      position: 2.5,
      ownerId: user.id,
      contactId: contact.id,
      companyId: company.id,
      source: 'web',
      dealType: 'new',
      externalSource: 'api',
      externalId: 'ext-1',
      expectedClose: at('2026-12-31T00:00:00.000Z'),
      lastActivityAt: at('2026-11-19T08:07:06.543Z'),
      metadata: { nested: { list: [1, 'two', null, true], empty: {} }, 'key with "quote"': 'v' },
      customFields: { budget: 12.5, tier: 'gold' },
      stageEnteredAt: at('2026-10-20T15:30:00.001Z'),
      createdAt: at('2026-01-02T03:04:05.678Z'),
      updatedAt: at('2026-11-19T10:00:00.100Z'),
    },
  });
  await db.deal.create({
    data: {
      ...base,
      name: 'Lost one',
      stageId: sales.stages[2]!.id,
      value: 995n,
      status: 'lost',
      lostReason: 'Price',
      position: -3.25,
      closedAt: at('2026-11-18T23:59:59.000Z'),
      stageEnteredAt: at('2026-11-18T23:59:59.000Z'),
      createdAt: at('2025-12-31T23:59:59.999Z'),
      updatedAt: at('2026-11-18T23:59:59.000Z'),
    },
  });
  await db.deal.create({
    data: {
      ...base,
      name: 'In the future',
      stageId: sales.stages[1]!.id,
      value: 42n,
      status: 'won',
      position: 1e-7,
      closedAt: at('2026-11-20T12:00:00.000Z'),
      stageEnteredAt: at('2026-11-21T00:00:00.000Z'),
      createdAt: at('2026-11-21T00:00:00.000Z'),
      updatedAt: at('2026-11-21T00:00:00.000Z'),
    },
  });
  await db.deal.create({
    data: {
      ...base,
      name: 'Deleted',
      stageId: sales.stages[0]!.id,
      value: 7n,
      status: 'open',
      position: 9,
      stageEnteredAt: now,
      createdAt: now,
      updatedAt: now,
      deletedAt: now,
    },
  });
});

async function both(query: Record<string, string>) {
  const input = listDealsQuery.parse({ pipeline_id: pipelineId, ...query });
  const views = await listDeals({ ctx, input });
  const json = await listDealsJson({ ctx, input, now });
  return {
    expected: { items: views.items.map((d) => serializeDeal(d, { now })), hasMore: views.hasMore, nextCursor: views.nextCursor },
    actual: { items: json.items.map((text) => JSON.parse(text) as Record<string, unknown>), hasMore: json.hasMore, nextCursor: json.nextCursor },
    texts: json.items,
  };
}

describe('deal list written by the database', () => {
  it('gives what serializeDeal gives, field for field and in the same order', async () => {
    const { expected, actual, texts } = await both({});
    expect(actual.items).toHaveLength(4);
    expect(actual).toEqual(expected);
    for (const [i, item] of actual.items.entries()) expect(Object.keys(item)).toEqual(Object.keys(expected.items[i]!));
    // the rich deal, spelled out: public IDs, money in minor units, RFC 3339 seconds, whole days
    const rich = actual.items.find((d) => d.external_id === 'ext-1')!;
    expect(rich).toMatchObject({
      value: 123456789012,
      contact_id: expect.stringMatching(/^cont_/),
      owner_id: toPublicId('user', ctx.user.id),
      last_activity_at: '2026-11-19T08:07:06Z',
      days_in_stage: 30,
      metadata: { nested: { list: [1, 'two', null, true], empty: {} }, 'key with "quote"': 'v' },
    });
    expect(texts.every((t) => !t.includes('\n'))).toBe(true);
  });

  it('pages with the same cursors under every sort', async () => {
    for (const sort of ['created_at', '-created_at', 'updated_at', '-stage_entered_at', 'value', '-value', 'name', 'position', '-position']) {
      let cursor: string | undefined;
      const seen: unknown[] = [];
      for (let page = 0; page < 5; page += 1) {
        const { expected, actual } = await both({ sort, limit: '1', ...(cursor ? { cursor } : {}) });
        expect(actual).toEqual(expected);
        seen.push(...actual.items.map((d) => d.name));
        cursor = actual.nextCursor ?? undefined;
        if (!cursor) break;
      }
      expect(seen).toHaveLength(4);
    }
  });

  it('applies the filters as listDeals does', async () => {
    const queries: Record<string, string>[] = [
      { status: 'lost' },
      { q: 'QUOTES' },
      { min_value: '100', max_value: '1000' },
      { owner_id: toPublicId('user', ctx.user.id) },
    ];
    for (const query of queries) {
      const { expected, actual } = await both(query);
      expect(actual).toEqual(expected);
      expect(actual.items.length).toBeGreaterThan(0);
    }
  });
});
