import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getRoute, PUT as putRoute } from '@/app/api/v1/deals/[id]/line-items/route';
import { db } from '@/lib/db';
import { toPublicId } from '@/lib/ids';
import { dealHasLineItems } from '@/lib/services/line-items/deal-has-line-items';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// tests/setup/api.ts types route params as Record<string, string>, which a handler of { id: string } does not accept
const GET = getRoute as unknown as Parameters<typeof call>[0];
const PUT = putRoute as unknown as Parameters<typeof call>[0];

let key: string;
let repKey: string;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  ({ key } = await createUserWithKey('manager'));
  ({ key: repKey } = await createUserWithKey('rep'));
  fixture = await createPipelineFixture();
});

async function createDeal(overrides: { value?: bigint; currency?: string; deletedAt?: Date } = {}) {
  const deal = await db.deal.create({
    data: { name: 'Line item deal', pipelineId: fixture.pipeline.id, stageId: fixture.stages[0]!.id, value: 5000n, ...overrides },
  });
  return { deal, id: toPublicId('deal', deal.id) };
}

const path = (id: string) => `/api/v1/deals/${id}/line-items`;
const put = (id: string, body: unknown, apiKey = key) => call(PUT, 'PUT', path(id), { key: apiKey, params: { id }, body });
const get = (id: string) => call(GET, 'GET', path(id), { key, params: { id } });

/** A worked example checked by hand: 3 × 10000 with 10 % off at 20 %, and 2 × 2599 with 199 off at 7.5 %. */
const workedExample = {
  tax_type: 'exclusive',
  items: [
    { name: 'Pro plan', unit_price: 10000, qty: 3, discount_type: 'percent', discount_total: 10, tax_label: 'VAT', tax_rate: 20, unit: 'seat' },
    { name: 'Onboarding', description: 'Two sessions', unit_price: 2599, qty: 2, discount_type: 'fixed', discount_total: 199, tax_rate: 7.5 },
  ],
};

async function dealState(dealId: number) {
  const deal = await db.deal.findUniqueOrThrow({ where: { id: dealId }, select: { value: true, version: true, taxType: true } });
  const items = await db.dealLineItem.findMany({ where: { dealId }, orderBy: { position: 'asc' } });
  return { deal, items };
}

describe('PUT and GET /api/v1/deals/:id/line-items', () => {
  it('saves the worked example, answers the rounded amounts, and sets the deal value and version', async () => {
    const { deal, id } = await createDeal();
    const saved = await put(id, workedExample);
    expect(saved.status).toBe(200);
    expect(saved.json.data).toMatchObject({ tax_type: 'exclusive', subtotal: 35198, discount: 3199, tax: 5775, total: 37774 });
    const [first, second] = saved.json.data.items;
    expect(first).toEqual({
      id: expect.stringMatching(/^li_/),
      number: expect.any(Number),
      product_id: null,
      name: 'Pro plan',
      description: null,
      unit_price: 10000,
      qty: 3,
      discount_type: 'percent',
      discount_total: 10,
      tax_label: 'VAT',
      tax_rate: 20,
      unit: 'seat',
      position: 0,
      subtotal: 30000,
      discount: 3000,
      tax: 5400,
      total: 32400,
    });
    expect(first.id).toBe(toPublicId('lineItem', first.number));
    expect(second).toMatchObject({
      name: 'Onboarding',
      description: 'Two sessions',
      unit_price: 2599,
      qty: 2,
      discount_type: 'fixed',
      discount_total: 199,
      tax_label: null,
      tax_rate: 7.5,
      unit: null,
      position: 1,
      subtotal: 5198,
      discount: 199,
      tax: 375,
      total: 5374,
    });

    const read = await get(id);
    expect(read.status).toBe(200);
    expect(read.json).toEqual(saved.json);

    const state = await dealState(deal.id);
    expect(state.deal).toEqual({ value: 37774n, version: deal.version + 1, taxType: 'exclusive' });
    expect(state.items.map((i) => [i.subtotal, i.discount, i.tax, i.total])).toEqual([
      [30000n, 3000n, 5400n, 32400n],
      [5198n, 199n, 375n, 5374n],
    ]);
    expect(await dealHasLineItems(deal.id)).toBe(true);
  });

  it('answers an empty list for a deal without line items', async () => {
    const { deal, id } = await createDeal();
    const read = await get(id);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ data: { tax_type: 'exclusive', items: [], subtotal: 0, discount: 0, tax: 0, total: 0 } });
    expect(await dealHasLineItems(deal.id)).toBe(false);
  });

  it('takes inclusive tax out of the amount and keeps fractional quantities', async () => {
    const { deal, id } = await createDeal();
    const saved = await put(id, {
      tax_type: 'inclusive',
      items: [
        { name: 'Annual licence', unit_price: 11999, qty: 1, tax_rate: 20 },
        { name: 'Consulting', unit_price: 999, qty: 1.5, unit: 'hour' },
        { name: 'Half off', unit_price: 1005, qty: 1, discount_total: 50 },
      ],
    });
    expect(saved.status).toBe(200);
    expect(saved.json.data.items.map((i: any) => [i.qty, i.subtotal, i.discount, i.tax, i.total])).toEqual([
      [1, 11999, 0, 2000, 11999],
      [1.5, 1499, 0, 0, 1499],
      [1, 1005, 503, 0, 502],
    ]);
    expect(saved.json.data).toMatchObject({ tax_type: 'inclusive', subtotal: 14503, discount: 503, tax: 2000, total: 14000 });
    expect((await dealState(deal.id)).deal).toMatchObject({ value: 14000n, taxType: 'inclusive' });
  });

  it('updates items sent with their id, keeps that id, adds new ones and deletes the omitted ones', async () => {
    const { deal, id } = await createDeal();
    const first = await put(id, workedExample);
    const [pro, onboarding] = first.json.data.items;

    const second = await put(id, {
      tax_type: 'no_tax',
      items: [
        { id: onboarding.id, name: 'Onboarding (remote)', unit_price: 2000, qty: 1 },
        { name: 'Support', unit_price: 500, qty: 4, unit: 'month' },
      ],
    });
    expect(second.status).toBe(200);
    const [updated, added] = second.json.data.items;
    expect(updated).toMatchObject({
      id: onboarding.id,
      number: onboarding.number,
      name: 'Onboarding (remote)',
      description: null,
      unit_price: 2000,
      qty: 1,
      discount_type: 'percent',
      discount_total: 0,
      tax_rate: 0,
      position: 0,
      total: 2000,
    });
    expect(added).toMatchObject({ name: 'Support', position: 1, subtotal: 2000, total: 2000 });
    expect(added.id).not.toBe(pro.id);
    expect(second.json.data).toMatchObject({ tax_type: 'no_tax', subtotal: 4000, discount: 0, tax: 0, total: 4000 });

    const state = await dealState(deal.id);
    expect(state.items.map((i) => i.id)).toEqual([onboarding.number, added.number]);
    expect(await db.dealLineItem.findUnique({ where: { id: pro.number } })).toBeNull();
    expect(state.deal).toEqual({ value: 4000n, version: deal.version + 2, taxType: 'no_tax' });
  });

  it('reorders by list position', async () => {
    const { id } = await createDeal();
    const [a, b] = (await put(id, workedExample)).json.data.items;
    const swapped = await put(id, {
      tax_type: 'exclusive',
      items: [
        { id: b.id, name: b.name, unit_price: b.unit_price, qty: b.qty },
        { id: a.id, name: a.name, unit_price: a.unit_price, qty: a.qty },
      ],
    });
    expect(swapped.status).toBe(200);
    expect(swapped.json.data.items.map((i: any) => [i.id, i.position])).toEqual([
      [b.id, 0],
      [a.id, 1],
    ]);
    expect((await get(id)).json.data.items.map((i: any) => i.id)).toEqual([b.id, a.id]);
  });

  it('an empty list deletes every line, leaves the deal value as it is, and bumps the version', async () => {
    const { deal, id } = await createDeal();
    await put(id, workedExample);
    const emptied = await put(id, { tax_type: 'exclusive', items: [] });
    expect(emptied.status).toBe(200);
    expect(emptied.json.data).toEqual({ tax_type: 'exclusive', items: [], subtotal: 0, discount: 0, tax: 0, total: 0 });
    const state = await dealState(deal.id);
    expect(state.items).toEqual([]);
    expect(state.deal).toEqual({ value: 37774n, version: deal.version + 2, taxType: 'exclusive' });
    expect(await dealHasLineItems(deal.id)).toBe(false);
  });

  it('fills name, unit_price, tax_rate, tax_label and unit from the product; explicit fields win', async () => {
    const product = await db.product.create({
      data: { name: 'Widget', unitPrice: 2599n, taxRate: '7.5', taxLabel: 'Sales tax', unit: 'box', description: 'A widget' },
    });
    const productId = toPublicId('product', product.id);
    const { deal, id } = await createDeal();
    const saved = await put(id, {
      tax_type: 'exclusive',
      items: [
        { product_id: productId, qty: 2, discount_type: 'fixed', discount_total: 199 },
        { product_id: productId, name: 'Widget (special)', unit_price: 2000, qty: 1, tax_rate: 10, tax_label: null, unit: 'piece' },
      ],
    });
    expect(saved.status).toBe(200);
    const [fromProduct, explicit] = saved.json.data.items;
    expect(fromProduct).toMatchObject({
      product_id: productId,
      name: 'Widget',
      description: null,
      unit_price: 2599,
      qty: 2,
      tax_label: 'Sales tax',
      tax_rate: 7.5,
      unit: 'box',
      subtotal: 5198,
      discount: 199,
      tax: 375,
      total: 5374,
    });
    expect(explicit).toMatchObject({
      product_id: productId,
      name: 'Widget (special)',
      unit_price: 2000,
      tax_label: null,
      tax_rate: 10,
      unit: 'piece',
      tax: 200,
      total: 2200,
    });
    expect((await dealState(deal.id)).deal.value).toBe(7574n);
  });

  it('runs concurrent replaces of one deal one after the other', async () => {
    const { deal, id } = await createDeal();
    const lists = [0, 1, 2].map((n) => ({
      tax_type: 'exclusive',
      items: [1, 2, 3].map((i) => ({ name: `List ${n} line ${i}`, unit_price: 1000 * (n + 1), qty: i })),
    }));
    const answers = await Promise.all(lists.map((body) => put(id, body)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const state = await dealState(deal.id);
    expect(state.items).toHaveLength(3);
    const names = state.items.map((i) => i.name);
    const winner = lists.findIndex((list) => list.items.every((item, i) => item.name === names[i]));
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(state.deal.value).toBe(BigInt(6000 * (winner + 1)));
    expect(state.deal.version).toBe(deal.version + 3);
  });

  it('lets every role edit line items', async () => {
    const { id } = await createDeal();
    const saved = await put(id, workedExample, repKey);
    expect(saved.status).toBe(200);
    expect(saved.json.data.total).toBe(37774);
  });

  it('keeps 10^12 major units exact', async () => {
    const { deal, id } = await createDeal();
    const saved = await put(id, { tax_type: 'exclusive', items: [{ name: 'Everything', unit_price: 100_000_000_000_000, qty: 1, tax_rate: 7.5 }] });
    expect(saved.status).toBe(200);
    expect(saved.json.data).toMatchObject({ subtotal: 100_000_000_000_000, tax: 7_500_000_000_000, total: 107_500_000_000_000 });
    expect((await dealState(deal.id)).deal.value).toBe(107_500_000_000_000n);
  });
});

describe('PUT /api/v1/deals/:id/line-items refusals', () => {
  it("422 for another deal's line item id, and for one that does not exist", async () => {
    const other = await createDeal();
    const otherItems = (await put(other.id, workedExample)).json.data.items;
    const { id } = await createDeal();

    const foreign = await put(id, { tax_type: 'exclusive', items: [{ id: otherItems[0].id, name: 'Stolen', unit_price: 1, qty: 1 }] });
    expect(foreign.status).toBe(422);
    expect(foreign.json.error.code).toBe('unprocessable');
    expect(foreign.json.error.details).toEqual([{ path: 'items.0.id', message: expect.any(String) }]);

    const missing = await put(id, { tax_type: 'exclusive', items: [{ id: toPublicId('lineItem', 987_654), name: 'Ghost', unit_price: 1, qty: 1 }] });
    expect(missing.status).toBe(422);
    expect(missing.json.error.details[0].path).toBe('items.0.id');

    // the other deal's line is untouched
    const otherState = await dealState(other.deal.id);
    expect(otherState.items.map((i) => i.name)).toEqual(['Pro plan', 'Onboarding']);
  });

  it('422 for an unknown product and for a fixed discount over the subtotal', async () => {
    const { id } = await createDeal();
    const unknownProduct = await put(id, { tax_type: 'exclusive', items: [{ product_id: toPublicId('product', 987_654), qty: 1 }] });
    expect(unknownProduct.status).toBe(422);
    expect(unknownProduct.json.error.details).toEqual([{ path: 'items.0.product_id', message: expect.any(String) }]);

    const tooMuch = await put(id, {
      tax_type: 'exclusive',
      items: [
        { name: 'Fine', unit_price: 100, qty: 1 },
        { name: 'Over', unit_price: 100, qty: 2, discount_type: 'fixed', discount_total: 201 },
      ],
    });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.json.error.details).toEqual([{ path: 'items.1.discount_total', message: expect.stringContaining('200') }]);

    const huge = await put(id, { tax_type: 'exclusive', items: [{ name: 'Huge', unit_price: 1e15, qty: 2 }] });
    expect(huge.status).toBe(422);
    expect(huge.json.error.details).toEqual([{ path: 'items.0.qty', message: expect.any(String) }]);
  });

  it("422 when the product's price is in another currency than the deal and no unit_price is sent", async () => {
    const product = await db.product.create({ data: { name: 'Euro widget', unitPrice: 1000n, currency: 'EUR' } });
    const productId = toPublicId('product', product.id);
    const { id } = await createDeal({ currency: 'USD' });
    const answer = await put(id, { tax_type: 'exclusive', items: [{ product_id: productId, qty: 1 }] });
    expect(answer.status).toBe(422);
    expect(answer.json.error.details).toEqual([{ path: 'items.0.unit_price', message: expect.stringContaining('EUR') }]);
    const priced = await put(id, { tax_type: 'exclusive', items: [{ product_id: productId, unit_price: 1100, qty: 1 }] });
    expect(priced.status).toBe(200);
    expect(priced.json.data.items[0]).toMatchObject({ name: 'Euro widget', unit_price: 1100, product_id: productId });
  });

  it('400 naming an unknown or bad field', async () => {
    const { id } = await createDeal();
    const typo = await put(id, { tax_type: 'exclusive', items: [{ name: 'Pro plan', unit_price: 10000, quantity: 3 }] });
    expect(typo.status).toBe(400);
    expect(typo.json.error.code).toBe('validation_failed');
    const paths = typo.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toContain('items.0.quantity');
    expect(paths).toContain('items.0.qty');

    const cases: [unknown, string][] = [
      [{ tax_type: 'vat', items: [] }, 'tax_type'],
      [{ items: [] }, 'tax_type'],
      [{ tax_type: 'exclusive', items: [], total: 5 }, 'total'],
      [{ tax_type: 'exclusive', items: [{ unit_price: 100, qty: 1 }] }, 'items.0.name'],
      [{ tax_type: 'exclusive', items: [{ name: 'x', qty: 1 }] }, 'items.0.unit_price'],
      [{ tax_type: 'exclusive', items: [{ name: 'x', unit_price: 10.5, qty: 1 }] }, 'items.0.unit_price'],
      [{ tax_type: 'exclusive', items: [{ name: 'x', unit_price: 100, qty: 0 }] }, 'items.0.qty'],
      [{ tax_type: 'exclusive', items: [{ name: 'x', unit_price: 100, qty: 1.00001 }] }, 'items.0.qty'],
      [{ tax_type: 'exclusive', items: [{ name: 'x', unit_price: 100, qty: 1, discount_total: 101 }] }, 'items.0.discount_total'],
      [{ tax_type: 'exclusive', items: [{ name: 'x', unit_price: 100, qty: 1, discount_type: 'fixed', discount_total: 1.5 }] }, 'items.0.discount_total'],
      [{ tax_type: 'exclusive', items: [{ name: 'x', unit_price: 100, qty: 1, tax_rate: -1 }] }, 'items.0.tax_rate'],
      [{ tax_type: 'exclusive', items: [{ name: 'x', unit_price: 100, qty: 1, product_id: 'deal_abc' }] }, 'items.0.product_id'],
      [{ tax_type: 'exclusive', items: [{ name: 'x', unit_price: 100, qty: 1, id: 'prod_abc' }] }, 'items.0.id'],
      [{ tax_type: 'exclusive', items: Array.from({ length: 201 }, () => ({ name: 'x', unit_price: 1, qty: 1 })) }, 'items'],
    ];
    for (const [body, field] of cases) {
      const answer = await put(id, body);
      expect(answer.status, JSON.stringify(body).slice(0, 200)).toBe(400);
      expect(answer.json.error.details.map((d: { path: string }) => d.path)).toContain(field);
    }

    const twice = (await put((await createDeal()).id, workedExample)).json.data.items[0].id;
    const duplicate = await put(id, {
      tax_type: 'exclusive',
      items: [
        { id: twice, name: 'a', unit_price: 1, qty: 1 },
        { id: twice, name: 'b', unit_price: 1, qty: 1 },
      ],
    });
    expect(duplicate.status).toBe(400);
    expect(duplicate.json.error.details).toEqual([{ path: 'items.1.id', message: expect.any(String) }]);
  });

  it('accepts 200 items', async () => {
    const { deal, id } = await createDeal();
    const saved = await put(id, {
      tax_type: 'exclusive',
      items: Array.from({ length: 200 }, (_, i) => ({ name: `Line ${i}`, unit_price: 100, qty: 1, tax_rate: 10 })),
    });
    expect(saved.status).toBe(200);
    expect(saved.json.data.items).toHaveLength(200);
    expect(saved.json.data.items[199].position).toBe(199);
    expect(saved.json.data.total).toBe(22000);
    expect((await dealState(deal.id)).deal.value).toBe(22000n);
  });

  it('404 for a deal ID of another kind, an unknown deal and a deleted deal', async () => {
    const body = workedExample;
    for (const id of [fixture.pipelineId, 'deal_nope', toPublicId('deal', 987_654)]) {
      expect((await put(id, body)).status).toBe(404);
      expect((await get(id)).status).toBe(404);
    }
    const { deal, id } = await createDeal({ deletedAt: new Date() });
    const answer = await put(id, body);
    expect(answer.status).toBe(404);
    expect(answer.json.error.code).toBe('not_found');
    expect((await get(id)).status).toBe(404);
    expect(await db.dealLineItem.count({ where: { dealId: deal.id } })).toBe(0);
    expect((await dealState(deal.id)).deal.version).toBe(deal.version);
  });

  it('401 without an API key', async () => {
    const { id } = await createDeal();
    expect((await call(GET, 'GET', path(id), { params: { id } })).status).toBe(401);
    expect((await call(PUT, 'PUT', path(id), { params: { id }, body: workedExample })).status).toBe(401);
  });

  it('a failing PUT changes nothing', async () => {
    const { deal, id } = await createDeal();
    const saved = await put(id, workedExample);
    const before = await dealState(deal.id);
    const [pro, onboarding] = saved.json.data.items;

    // valid lines (an update, a new line) and one impossible one: all or nothing
    const failing = await put(id, {
      tax_type: 'inclusive',
      items: [
        { id: pro.id, name: 'Renamed', unit_price: 1, qty: 1 },
        { name: 'New', unit_price: 100, qty: 1 },
        { name: 'Broken', unit_price: 100, qty: 1, discount_type: 'fixed', discount_total: 500 },
      ],
    });
    expect(failing.status).toBe(422);
    const invalid = await put(id, { tax_type: 'inclusive', items: [{ id: onboarding.id, name: 'Renamed', unit_price: 1, qty: 1, quantity: 2 }] });
    expect(invalid.status).toBe(400);

    const after = await dealState(deal.id);
    expect(after).toEqual(before);
    expect(after.deal).toEqual({ value: 37774n, version: deal.version + 1, taxType: 'exclusive' });
    expect((await get(id)).json).toEqual(saved.json);
  });
});

describe('PUT /deals/:id/line-items with If-Match', () => {
  it('replaces the lines only while the deal is at the version the client read', async () => {
    const { key } = await createUserWithKey('rep');
    const board = await createPipelineFixture('If-Match lines');
    const deal = await db.deal.create({ data: { name: 'Guarded', pipelineId: board.pipeline.id, stageId: board.stages[0]!.id } });
    const id = toPublicId('deal', deal.id);
    const body = { tax_type: 'no_tax', items: [{ name: 'Seat', unit_price: 1000, qty: 2 }] };
    const stale = await call(putRoute, 'PUT', `/api/v1/deals/${id}/line-items`, { key, params: { id }, body, headers: { 'if-match': '"7"' } });
    expect(stale.status).toBe(412);
    expect(await db.dealLineItem.count({ where: { dealId: deal.id } })).toBe(0);
    const fresh = await call(putRoute, 'PUT', `/api/v1/deals/${id}/line-items`, { key, params: { id }, body, headers: { 'if-match': '"1"' } });
    expect(fresh.status).toBe(200);
    expect(fresh.json.data.total).toBe(2000);
  });
});
