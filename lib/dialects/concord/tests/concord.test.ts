import { beforeAll, describe, expect, it } from 'vitest';
import * as associationsRoute from '@/app/api/concord/associations/deals/[id]/route';
import * as billableRoute from '@/app/api/concord/deals/[id]/billable/route';
import * as dealRoute from '@/app/api/concord/deals/[id]/route';
import * as statusRoute from '@/app/api/concord/deals/[id]/status/[status]/route';
import * as dealsRoute from '@/app/api/concord/deals/route';
import * as searchRoute from '@/app/api/concord/deals/search/route';
import { db } from '@/lib/db';
import { ALLOW_FREE_TEXT_KEY } from '@/lib/services/settings/lost-reason-settings';
import { call, createPipelineFixture, createUserWithKey, type ApiAnswer } from '@/tests/setup/api';

// The Concord CRM dialect (its deals API) under /api/concord, driven through the real route
// handlers with Bearer keys. Each request example of Concord's documentation is sent as written,
// with only the base URL, the key and record IDs swapped.

type Handler = Parameters<typeof call>[0];
const h = (handler: unknown) => handler as Handler;

let manager: string;
let rep: string;
let managerId: number;
let repId: number;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let stage: number[]; // Qualified, Contact Made, Proposal Sent, Won, Lost
let contacts: { id: number; firstName: string }[];
let companies: { id: number }[];
let proPlan: { id: number };

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

interface Options {
  key?: string | null;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
}

/** A Concord request: the key as `Authorization: Bearer <key>` (the manager's unless told; null: none). */
function concord(handler: unknown, method: string, path: string, options: Options = {}): Promise<ApiAnswer> {
  const key = options.key === undefined ? manager : options.key;
  return call(h(handler), method, path, {
    headers: key === null ? {} : { authorization: `Bearer ${key}` },
    body: options.body,
    rawBody: options.rawBody,
    params: options.params,
  });
}

const list = (query = '', key?: string) => concord(dealsRoute.GET, 'GET', `/api/concord/deals${query}`, { key });
const search = (query: string) => concord(searchRoute.GET, 'GET', `/api/concord/deals/search${query}`);
const retrieve = (id: number | string) => concord(dealRoute.GET, 'GET', `/api/concord/deals/${id}`, { params: { id: String(id) } });
const create = (body: unknown, key?: string) => concord(dealsRoute.POST, 'POST', '/api/concord/deals', { body, key });
const update = (id: number | string, body: unknown) => concord(dealRoute.PUT, 'PUT', `/api/concord/deals/${id}`, { body, params: { id: String(id) } });
const remove = (id: number | string) => concord(dealRoute.DELETE, 'DELETE', `/api/concord/deals/${id}`, { params: { id: String(id) } });
const changeStatus = (id: number | string, status: string, body?: unknown) =>
  concord(statusRoute.PUT, 'PUT', `/api/concord/deals/${id}/status/${status}`, { body, params: { id: String(id), status } });
const billable = (id: number | string, body: unknown, key?: string) =>
  concord(billableRoute.POST, 'POST', `/api/concord/deals/${id}/billable`, { body, key, params: { id: String(id) } });
const associations = (method: 'PUT' | 'DELETE' | 'POST', id: number | string, body?: unknown) =>
  concord(associationsRoute[method], method, `/api/concord/associations/deals/${id}`, { body, params: { id: String(id) } });

/** A deal made through the API with just a name (and optional fields); answers its JSON. */
async function makeDeal(name: string, extra: Record<string, unknown> = {}) {
  const answer = await create({ name, stage_id: stage[0], ...extra });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data;
}

function expectOk(answer: ApiAnswer, status = 200) {
  expect(answer.status, JSON.stringify(answer.json)).toBe(status);
}

beforeAll(async () => {
  const m = await createUserWithKey('manager', 'Morgan Manager');
  const r = await createUserWithKey('rep', 'Riley Rep');
  ({ key: manager } = m);
  ({ key: rep } = r);
  managerId = m.user.id;
  repId = r.user.id;
  sales = await createPipelineFixture('Sales');
  stage = sales.stages.map((s) => s.id);
  const acme = await db.company.create({ data: { name: 'Acme Corp', domain: 'acme.com' } });
  const globex = await db.company.create({ data: { name: 'Globex', domain: 'globex.com' } });
  const initech = await db.company.create({ data: { name: 'Initech', domain: 'initech.com' } });
  companies = [acme, globex, initech];
  contacts = [];
  for (const [firstName, lastName, email, phone] of [
    ['John', 'Doe', 'john@acme.com', '+1 555 0100'],
    ['Ada', 'Lovelace', 'ada@acme.com', '+44 20 7946 0000'],
    ['Zephyr', 'Quinn', 'zephyr@globex.com', '+1 555 0199'],
  ] as const) {
    contacts.push(await db.contact.create({ data: { firstName, lastName, email, phone, companyId: acme.id } }));
  }
  proPlan = await db.product.create({ data: { name: 'Pro plan', unitPrice: 9900n, taxRate: '20', taxLabel: 'VAT', unit: 'seat' } });
  await db.customFieldDefinition.create({ data: { key: 'region', label: 'Region', type: 'select', options: ['EMEA', 'AMER', 'APAC'] } });
});

describe('authentication, rate limit and errors', () => {
  it('answers 401 {"message":"Unauthenticated."} without a key, with an unknown key, and with X-Api-Key only', async () => {
    const none = await list('', null as unknown as string);
    expect(none.status).toBe(401);
    expect(none.json).toEqual({ message: 'Unauthenticated.' });
    const unknown = await concord(dealsRoute.GET, 'GET', '/api/concord/deals', { key: 'db_not_a_key' });
    expect(unknown.status).toBe(401);
    expect(unknown.json).toEqual({ message: 'Unauthenticated.' });
    // Concord authenticates with Authorization: Bearer only
    const native = await call(h(dealsRoute.GET), 'GET', '/api/concord/deals', { key: manager });
    expect(native.status).toBe(401);
    const write = await concord(dealsRoute.POST, 'POST', '/api/concord/deals', { key: null, body: { name: 'x', stage_id: stage[0] } });
    expect(write.status).toBe(401);
    expect(await db.deal.count({ where: { name: 'x' } })).toBe(0);
  });

  it('counts requests against the key with RateLimit-* headers on every answer', async () => {
    const first = await list();
    const second = await retrieve(987654);
    expect(first.headers.get('RateLimit-Limit')).toMatch(/^\d+$/);
    expect(Number(second.headers.get('RateLimit-Remaining'))).toBeLessThan(Number(first.headers.get('RateLimit-Remaining')));
    expect(second.status).toBe(404);
    expect(second.headers.get('RateLimit-Reset')).toMatch(/^\d+$/);
  });

  it('answers 404 JSON for an unknown deal ID on every endpoint, and for an ID that is no integer', async () => {
    for (const answer of [
      await retrieve(999999),
      await retrieve('abc'),
      await retrieve('99999999999999'),
      await update(999999, { name: 'Nope' }),
      await remove(999999),
      await changeStatus(999999, 'won'),
      await billable(999999, { products: [] }),
      await associations('PUT', 999999, { contacts: [contacts[0]!.id] }),
    ]) {
      expect(answer.status, JSON.stringify(answer.json)).toBe(404);
      expect(answer.json).toEqual({ message: expect.stringMatching(/^No deal with ID .* exists\.$/) });
    }
    expect((await retrieve(999999)).json.message).toBe('No deal with ID 999999 exists.');
  });

  it('answers Laravel validation errors (422 with errors per field) and 400 for a body that is not JSON', async () => {
    const missing = await create({});
    expect(missing.status).toBe(422);
    expect(missing.json).toEqual({
      message: 'The name field is required. (and 1 more error)',
      errors: { name: ['The name field is required.'], stage_id: ['The stage id field is required.'] },
    });
    const wrong = await create({ name: 'Typo deal', stage_id: 'first', ammount: 10 });
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors).toEqual({ stage_id: ['The stage id field must be an integer.'] });
    const typo = await create({ name: 'Typo deal', stage_id: stage[0], ammount: 10 });
    expect(typo.status).toBe(422);
    expect(typo.json.errors).toEqual({ ammount: ['The ammount field is not a deal field or a custom field key.'] });
    const unknownStage = await create({ name: 'Typo deal', stage_id: 2_000_000_000 });
    expect(unknownStage.status).toBe(422);
    expect(unknownStage.json.errors).toEqual({ stage_id: ['The selected stage id is invalid.'] });
    const impossibleDay = await create({ name: 'Typo deal', stage_id: stage[0], expected_close_date: '2026-02-30' });
    expect(impossibleDay.json.errors).toEqual({ expected_close_date: ['The expected close date field must be a valid date.'] });
    // PostgreSQL stores no NUL character: refused up front, never a database error
    const nul = await create({ name: 'Typo\u0000deal', stage_id: stage[0] });
    expect(nul.status).toBe(422);
    expect(nul.json.errors).toEqual({ name: ['The name field must not contain NUL characters.'] });
    const notJson = await concord(dealsRoute.POST, 'POST', '/api/concord/deals', { rawBody: '{"name": ' });
    expect(notJson.status).toBe(400);
    expect(notJson.json).toEqual({ message: 'The request body is not valid JSON.' });
    expect(await db.deal.count({ where: { name: 'Typo deal' } })).toBe(0);
  });
});

describe('Create Deal – POST /deals', () => {
  it('creates the deal with every documented field, billable products and associations; the amount is the products’ total', async () => {
    const answer = await create({
      name: 'Acme Enterprise Plan',
      stage_id: stage[1],
      amount: 1500.5,
      expected_close_date: '2026-06-30',
      user_id: repId,
      status: 'open',
      billable: {
        tax_type: 'exclusive',
        products: [
          {
            product_id: proPlan.id,
            name: 'Pro plan',
            description: 'Annual seats',
            unit_price: 100,
            qty: 3,
            discount_type: 'percent',
            discount_total: 10,
            tax_label: 'VAT',
            tax_rate: 20,
            unit: 'seat',
          },
          { name: 'Onboarding', unit_price: 25.99, qty: 2, discount_type: 'fixed', discount_total: 1.99, tax_rate: 7.5 },
        ],
      },
      contacts: [contacts[0]!.id, contacts[1]!.id],
      companies: [companies[0]!.id],
      region: 'EMEA',
    });
    expectOk(answer, 201);
    const deal = answer.json.data;
    expect(deal).toEqual({
      id: expect.any(Number),
      name: 'Acme Enterprise Plan',
      display_name: 'Acme Enterprise Plan',
      // 3 × 100.00 − 10 % + 20 % VAT = 324.00; 2 × 25.99 − 1.99 + 7.5 % = 53.74
      amount: '377.74',
      currency: 'USD',
      expected_close_date: '2026-06-30',
      pipeline_id: sales.pipeline.id,
      stage_id: stage[1],
      user_id: repId,
      status: 'open',
      lost_reason: null,
      won_date: null,
      lost_date: null,
      stage_changed_date: expect.stringMatching(TIMESTAMP),
      board_order: expect.any(Number),
      billable: {
        tax_type: 'exclusive',
        sub_total: '351.98',
        has_discount: true,
        discount_total: '31.99',
        total_tax: '57.75',
        total: '377.74',
        products: [
          {
            id: expect.any(Number),
            product_id: proPlan.id,
            name: 'Pro plan',
            description: 'Annual seats',
            unit_price: '100.00',
            qty: 3,
            unit: 'seat',
            discount_type: 'percent',
            discount_total: '10',
            tax_label: 'VAT',
            tax_rate: 20,
            sub_total: '300.00',
            discount_amount: '30.00',
            tax_amount: '54.00',
            amount: '324.00',
            display_order: 0,
          },
          {
            id: expect.any(Number),
            product_id: expect.any(Number),
            name: 'Onboarding',
            description: null,
            unit_price: '25.99',
            qty: 2,
            unit: null,
            discount_type: 'fixed',
            discount_total: '1.99',
            tax_label: null,
            tax_rate: 7.5,
            sub_total: '51.98',
            discount_amount: '1.99',
            tax_amount: '3.75',
            amount: '53.74',
            display_order: 1,
          },
        ],
      },
      contacts: [
        { id: contacts[0]!.id, display_name: 'John Doe', email: 'john@acme.com' },
        { id: contacts[1]!.id, display_name: 'Ada Lovelace', email: 'ada@acme.com' },
      ],
      companies: [{ id: companies[0]!.id, display_name: 'Acme Corp', domain: 'acme.com' }],
      activities: [],
      created_at: expect.stringMatching(TIMESTAMP),
      updated_at: expect.stringMatching(TIMESTAMP),
      region: 'EMEA',
    });

    // database: exact minor units, the lines, the links, the history row, a catalog product for "Onboarding"
    const row = await db.deal.findUniqueOrThrow({
      where: { id: deal.id },
      include: { lineItems: { orderBy: { position: 'asc' } }, contacts: true, companies: true, history: true },
    });
    expect(row).toMatchObject({
      value: 37774n,
      currency: 'USD',
      stageId: stage[1],
      ownerId: repId,
      status: 'open',
      taxType: 'exclusive',
      customFields: { region: 'EMEA' },
    });
    expect(row.expectedClose?.toISOString()).toBe('2026-06-30T00:00:00.000Z');
    expect(row.contactId).toBe(contacts[0]!.id);
    expect(row.companyId).toBe(companies[0]!.id);
    expect(row.lineItems.map((l) => [l.name, l.unitPrice, l.quantity.toString(), l.discountValue.toString(), l.total])).toEqual([
      ['Pro plan', 10000n, '3', '10', 32400n],
      ['Onboarding', 2599n, '2', '199', 5374n],
    ]);
    expect(row.contacts.map((c) => c.contactId).sort()).toEqual([contacts[0]!.id, contacts[1]!.id].sort());
    expect(row.companies.map((c) => c.companyId)).toEqual([companies[0]!.id]);
    expect(row.history).toHaveLength(1);
    expect(row.history[0]).toMatchObject({ toStageId: stage[1], value: 37774n });
    const onboarding = await db.product.findUniqueOrThrow({ where: { id: deal.billable.products[1].product_id } });
    expect(onboarding).toMatchObject({ name: 'Onboarding', unitPrice: 2599n, currency: 'USD' });

    // Retrieve Deal answers the same record
    const read = await retrieve(deal.id);
    expectOk(read);
    expect(read.json).toEqual({ data: deal });
  });

  it('links a product given by name to the catalog product of that name (any case) instead of adding another', async () => {
    const before = await db.product.count();
    const deal = await makeDeal('Named product deal', { billable: { products: [{ name: 'pro PLAN', unit_price: '99.00' }] } });
    expect(deal.billable.products[0]).toMatchObject({
      product_id: proPlan.id,
      name: 'pro PLAN',
      unit_price: '99.00',
      tax_rate: 20,
      tax_label: 'VAT',
      amount: '118.80',
    });
    expect(deal.amount).toBe('118.80');
    expect(await db.product.count()).toBe(before);
  });

  it('takes amounts as numbers or decimal strings, exactly, in the currency’s minor units', async () => {
    expect((await makeDeal('String amount', { amount: '1500.50' })).amount).toBe('1500.50');
    expect((await makeDeal('Float-looking amount', { amount: 0.1 })).amount).toBe('0.10');
    const yen = await makeDeal('Yen deal', { amount: 1500, currency: 'JPY' });
    expect(yen).toMatchObject({ amount: '1500', currency: 'JPY' });
    expect((await db.deal.findUniqueOrThrow({ where: { id: yen.id } })).value).toBe(1500n);
    const cents = await db.deal.findUniqueOrThrow({ where: { id: (await makeDeal('Big amount', { amount: '123456789012.34' })).id } });
    expect(cents.value).toBe(12345678901234n);

    const tooPrecise = await create({ name: 'Too precise', stage_id: stage[0], amount: '10.005' });
    expect(tooPrecise.status).toBe(422);
    expect(tooPrecise.json.errors).toEqual({ amount: ['The amount field must not have more than 2 decimal places (USD).'] });
    const negative = await create({ name: 'Too precise', stage_id: stage[0], amount: -5 });
    expect(negative.json.errors).toEqual({ amount: ['The amount field must be at least 0.'] });
    const huge = await create({ name: 'Too precise', stage_id: stage[0], amount: 1e300 });
    expect(huge.json.errors).toEqual({ amount: ['The amount field must not be greater than 10000000000000.00.'] });
    const manyDigits = await create({ name: 'Too precise', stage_id: stage[0], amount: `1.${'0'.repeat(100)}1` });
    expect(manyDigits.json.errors).toEqual({ amount: ['The amount field must not have more than 2 decimal places (USD).'] });
    const words = await create({ name: 'Too precise', stage_id: stage[0], amount: 'ten' });
    expect(words.json.errors).toEqual({ amount: ['The amount field must be a number.'] });
    expect(await db.deal.count({ where: { name: 'Too precise' } })).toBe(0);
  });

  it('creates a lost deal with its lost_reason, and a won one with its won_date', async () => {
    const lost = await makeDeal('Lost on create', { status: 'lost', lost_reason: 'Went with a competitor' });
    expect(lost).toMatchObject({ status: 'lost', lost_reason: 'Went with a competitor', lost_date: expect.stringMatching(TIMESTAMP), won_date: null });
    const won = await makeDeal('Won on create', { status: 'won', lost_reason: 'ignored when not lost' });
    expect(won).toMatchObject({ status: 'won', lost_reason: null, won_date: expect.stringMatching(TIMESTAMP) });
  });

  it('writes nothing when a product is refused: a rep may not add a product to the catalog (403), a bad line is a 422', async () => {
    const deals = await db.deal.count();
    const products = await db.product.count();
    const forbidden = await create({ name: 'Rep deal', stage_id: stage[0], billable: { products: [{ name: 'Brand new gadget', unit_price: 10 }] } }, rep);
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.message).toContain('Brand new gadget');
    const badLine = await create({
      name: 'Rep deal',
      stage_id: stage[0],
      billable: {
        products: [{ product_id: proPlan.id, name: 'Pro plan', unit_price: 10, qty: 1, discount_type: 'fixed', discount_total: 11 }, { name: 'No price' }],
      },
    });
    expect(badLine.status).toBe(422);
    expect(badLine.json.errors).toEqual({
      'billable.products.1.unit_price': ['The billable.products.1.unit price field is required.'],
    });
    const overDiscount = await create({
      name: 'Rep deal',
      stage_id: stage[0],
      billable: { products: [{ product_id: proPlan.id, name: 'Pro plan', unit_price: 10, discount_type: 'fixed', discount_total: 11 }] },
    });
    expect(overDiscount.status).toBe(422);
    expect(Object.keys(overDiscount.json.errors)).toEqual(['billable.products.0.discount_total']);
    const unknownProduct = await create({
      name: 'Rep deal',
      stage_id: stage[0],
      billable: { products: [{ product_id: 2_000_000_000, name: 'X', unit_price: 1 }] },
    });
    expect(unknownProduct.json.errors).toEqual({ 'billable.products.0.product_id': ['The selected billable.products.0.product id is invalid.'] });
    const unknownContact = await create({ name: 'Rep deal', stage_id: stage[0], contacts: [contacts[0]!.id, 2_000_000_000] });
    expect(unknownContact.status).toBe(422);
    expect(unknownContact.json.errors).toEqual({ 'contacts.1': ['The selected contacts.1 is invalid.'] });
    expect(await db.deal.count()).toBe(deals);
    expect(await db.product.count()).toBe(products);
  });
});

describe('Update Deal – PUT /deals/{id}', () => {
  it('updates with every documented field: products updated by id, added, removed_products removed; the amount follows them', async () => {
    const created = await makeDeal('Renewal', {
      billable: {
        tax_type: 'exclusive',
        products: [
          { product_id: proPlan.id, name: 'Pro plan', unit_price: 100, qty: 3, discount_type: 'percent', discount_total: 10, tax_label: 'VAT', tax_rate: 20 },
          { name: 'Onboarding', unit_price: 25.99, qty: 2 },
        ],
      },
      contacts: [contacts[0]!.id],
    });
    const [pro, onboarding] = created.billable.products;
    const answer = await update(created.id, {
      name: 'Acme Enterprise Plan (renewal)',
      stage_id: stage[2],
      amount: 999,
      expected_close_date: '2026-07-15',
      user_id: managerId,
      status: 'open',
      billable: {
        tax_type: 'exclusive',
        products: [
          { id: pro.id, product_id: proPlan.id, name: 'Pro plan', unit_price: 100, qty: 5 },
          { name: 'Support', unit_price: 50 },
        ],
        removed_products: [onboarding.id],
      },
      contacts: [contacts[1]!.id],
      companies: [companies[0]!.id, companies[1]!.id],
    });
    expectOk(answer);
    const deal = answer.json.data;
    // 5 × 100.00 − 10 % + 20 % = 540.00 (the discount and tax kept); Support 50.00
    expect(deal).toMatchObject({
      id: created.id,
      name: 'Acme Enterprise Plan (renewal)',
      amount: '590.00',
      expected_close_date: '2026-07-15',
      stage_id: stage[2],
      user_id: managerId,
      status: 'open',
      contacts: [{ id: contacts[1]!.id, display_name: 'Ada Lovelace', email: 'ada@acme.com' }],
      companies: [
        { id: companies[0]!.id, display_name: 'Acme Corp', domain: 'acme.com' },
        { id: companies[1]!.id, display_name: 'Globex', domain: 'globex.com' },
      ],
    });
    expect(deal.billable.products.map((p: { id: number; name: string; qty: number; amount: string }) => [p.id, p.name, p.qty, p.amount])).toEqual([
      [pro.id, 'Pro plan', 5, '540.00'],
      [expect.any(Number), 'Support', 1, '50.00'],
    ]);
    const row = await db.deal.findUniqueOrThrow({
      where: { id: created.id },
      include: { lineItems: true, contacts: true, companies: true, history: { orderBy: { id: 'asc' } } },
    });
    expect(row.value).toBe(59000n);
    expect(row.lineItems.map((l) => l.id)).not.toContain(onboarding.id);
    expect(row.lineItems).toHaveLength(2);
    expect(row.contacts.map((c) => c.contactId)).toEqual([contacts[1]!.id]);
    expect(row.companies.map((c) => c.companyId).sort()).toEqual([companies[0]!.id, companies[1]!.id].sort());
    expect(row.history.map((entry) => entry.toStageId)).toEqual([stage[0], stage[2]]);
  });

  it('changes only the fields sent; the amount applies to a deal without products', async () => {
    const created = await makeDeal('Partial update', { amount: 100, region: 'AMER' });
    const answer = await update(created.id, { amount: '250.25' });
    expectOk(answer);
    expect(answer.json.data).toMatchObject({ name: 'Partial update', amount: '250.25', stage_id: stage[0], region: 'AMER' });
    const custom = await update(created.id, { region: 'APAC' });
    expect(custom.json.data.region).toBe('APAC');
    const badCustom = await update(created.id, { region: 'Mars' });
    expect(badCustom.status).toBe(422);
    expect(Object.keys(badCustom.json.errors)).toEqual(['region']);
    expect((await db.deal.findUniqueOrThrow({ where: { id: created.id } })).customFields).toEqual({ region: 'APAC' });
  });

  it('ignores the amount while the deal has products, and takes it again once the last product is removed', async () => {
    const created = await makeDeal('Amount follows', { billable: { products: [{ product_id: proPlan.id, name: 'Pro plan', unit_price: 10, tax_rate: 0 }] } });
    expect(created.amount).toBe('10.00');
    const ignored = await update(created.id, { amount: 5000 });
    expect(ignored.json.data.amount).toBe('10.00');
    const freed = await update(created.id, { amount: 75, billable: { removed_products: [created.billable.products[0].id] } });
    expectOk(freed);
    expect(freed.json.data).toMatchObject({ amount: '75.00', billable: { products: [], total: '0.00' } });
  });

  it('refuses a product id that is not a product of this deal, and writes nothing', async () => {
    const other = await makeDeal('Other deal', { billable: { products: [{ product_id: proPlan.id, name: 'Pro plan', unit_price: 1 }] } });
    const created = await makeDeal('Mine', { billable: { products: [{ product_id: proPlan.id, name: 'Pro plan', unit_price: 2 }] } });
    const answer = await update(created.id, { name: 'Renamed', billable: { products: [{ id: other.billable.products[0].id, unit_price: 3 }] } });
    expect(answer.status).toBe(422);
    expect(answer.json.errors).toEqual({ 'billable.products.0.id': ['The selected billable.products.0.id is invalid.'] });
    expect((await db.deal.findUniqueOrThrow({ where: { id: created.id } })).name).toBe('Mine');
  });
});

describe('Delete Deal – DELETE /deals/{id}', () => {
  it('deletes the deal (204); it is then 404 and out of lists, its history kept', async () => {
    const created = await makeDeal('Delete me soon');
    const answer = await remove(created.id);
    expect(answer.status).toBe(204);
    expect(answer.json).toBeNull();
    expect((await retrieve(created.id)).status).toBe(404);
    expect((await list('?q=Delete me soon')).json.meta.total).toBe(0);
    const row = await db.deal.findUniqueOrThrow({ where: { id: created.id }, include: { history: true } });
    expect(row.deletedAt).not.toBeNull();
    expect(row.history).toHaveLength(1);
    expect((await remove(created.id)).status).toBe(404);
  });
});

describe('List Deals – GET /deals', () => {
  const token = 'Pagerq';
  let ids: number[];

  beforeAll(async () => {
    ids = [];
    for (const [i, amount] of [30, 10, 70, 50, 20, 60, 40].entries()) {
      ids.push((await makeDeal(`${token} ${i + 1}`, { amount, contacts: i === 0 ? [contacts[0]!.id] : [] })).id);
    }
  });

  it('answers the first page with Laravel’s links and meta (GET /deals)', async () => {
    const answer = await list();
    expectOk(answer);
    expect(answer.json).toEqual({
      data: expect.any(Array),
      links: { first: 'http://dealboard.test/api/concord/deals?page=1', last: expect.stringMatching(/\?page=\d+$/), prev: null, next: expect.any(String) },
      meta: {
        current_page: 1,
        from: 1,
        last_page: expect.any(Number),
        path: 'http://dealboard.test/api/concord/deals',
        per_page: 15,
        to: 15,
        total: expect.any(Number),
      },
    });
    expect(answer.json.data).toHaveLength(15);
    expect(answer.json.meta.total).toBe(await db.deal.count({ where: { deletedAt: null } }));
    // default order: by id
    const listed = answer.json.data.map((d: { id: number }) => d.id);
    expect(listed).toEqual([...listed].sort((a, b) => a - b));
  });

  it('pages with per_page and page (?per_page=20, ?page=2), meta and links right on every page', async () => {
    const p20 = await list('?per_page=20');
    expectOk(p20);
    expect(p20.json.meta).toMatchObject({ per_page: 20, current_page: 1 });
    const p2 = await list('?page=2');
    expectOk(p2);
    expect(p2.json.meta).toMatchObject({ current_page: 2, from: 16, per_page: 15 });

    const pages = [];
    for (const page of [1, 2, 3]) pages.push((await list(`?q=${token}&per_page=3&page=${page}&order=amount`)).json);
    expect(pages.map((p) => p.data.map((d: { amount: string }) => d.amount))).toEqual([['10.00', '20.00', '30.00'], ['40.00', '50.00', '60.00'], ['70.00']]);
    const base = `http://dealboard.test/api/concord/deals?q=${token}&per_page=3`;
    expect(pages[0].links).toEqual({
      first: `${base}&page=1&order=amount`,
      last: `${base}&page=3&order=amount`,
      prev: null,
      next: `${base}&page=2&order=amount`,
    });
    expect(pages[1].links).toMatchObject({ prev: `${base}&page=1&order=amount`, next: `${base}&page=3&order=amount` });
    expect(pages[2].links.next).toBeNull();
    expect(pages.map((p) => p.meta)).toEqual(
      [1, 2, 3].map((page) => ({
        current_page: page,
        from: (page - 1) * 3 + 1,
        last_page: 3,
        path: 'http://dealboard.test/api/concord/deals',
        per_page: 3,
        to: Math.min(page * 3, 7),
        total: 7,
      })),
    );
    const beyond = await list(`?q=${token}&per_page=3&page=9`);
    expect(beyond.json).toMatchObject({ data: [], meta: { current_page: 9, from: null, to: null, total: 7, last_page: 3 }, links: { next: null } });

    const bad = await list('?per_page=0');
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual({ per_page: ['The per page field must be an integer from 1 to 200.'] });
    expect((await list('?page=first')).json.errors).toHaveProperty('page');
  });

  it('orders by a field (?order=created_at) or descending (?order=created_at|desc, also as printed: created_at\\|desc)', async () => {
    const ascending = await list('?order=created_at');
    expectOk(ascending);
    const times = ascending.json.data.map((d: { created_at: string }) => d.created_at);
    expect(times).toEqual([...times].sort());
    for (const order of ['created_at|desc', 'created_at\\|desc', encodeURIComponent('created_at|desc')]) {
      const descending = await list(`?order=${order}&per_page=200`);
      expectOk(descending);
      const all = descending.json.data.map((d: { created_at: string; id: number }) => `${d.created_at}`);
      expect(all).toEqual([...all].sort().reverse());
    }
    const byAmount = await list(`?q=${token}&order=amount|desc`);
    expect(byAmount.json.data.map((d: { amount: string }) => d.amount)).toEqual(['70.00', '60.00', '50.00', '40.00', '30.00', '20.00', '10.00']);
    const twoKeys = await list(`?q=${token}&order=status;name|desc&select=name`);
    expect(twoKeys.json.data.map((d: { name: string }) => d.name)).toEqual([7, 6, 5, 4, 3, 2, 1].map((n) => `${token} ${n}`));
  });

  it('answers 400 naming the field for an order on a column that does not exist (never a database error)', async () => {
    const answer = await list('?order=nonexistent_column');
    expect(answer.status).toBe(400);
    expect(answer.json.message).toContain('"nonexistent_column"');
    expect(answer.json.errors.order[0]).toContain('"nonexistent_column"');
    const injection = await list(`?order=${encodeURIComponent('name; DROP TABLE deals;--')}`);
    expect(injection.status).toBe(400);
    expect(injection.json.errors.order.join(' ')).toContain('DROP TABLE deals');
    expect((await list('?order=name|sideways')).status).toBe(400);
    expect(await db.deal.count()).toBeGreaterThan(0);
  });

  it('selects only the given fields (?select=a;b); the document’s example ?select=first_name;id names a contact field: 400', async () => {
    const answer = await list(`?q=${token}&select=name;id;amount`);
    expectOk(answer);
    expect(answer.json.data[0]).toEqual({ name: `${token} 1`, id: ids[0], amount: '30.00' });
    expect(Object.keys(answer.json.data[0])).toEqual(['name', 'id', 'amount']);
    const withRelations = await list(`?q=${token}&select=id;contacts;region&per_page=1`);
    expect(withRelations.json.data[0]).toEqual({
      id: ids[0],
      contacts: [{ id: contacts[0]!.id, display_name: 'John Doe', email: 'john@acme.com' }],
      region: null,
    });

    const example = await list('?select=first_name;id');
    expect(example.status).toBe(400);
    expect(example.json.errors).toEqual({ select: [expect.stringContaining('"first_name"')] });
    expect(example.json.errors.select).toHaveLength(1);
  });

  it('searches with q (?q=John) in names by default, and in the search_fields given', async () => {
    const john = await makeDeal('John’s expansion');
    const byName = await list('?q=John');
    expectOk(byName);
    expect(byName.json.data.map((d: { id: number }) => d.id)).toEqual([john.id]);
    // ?search_fields=…: the deal fields of the document's example (contacts' email and phone numbers)
    const byContact = await list('?q=john@acme.com&search_fields=contacts.email:like;contacts.phone:=');
    expectOk(byContact);
    expect(byContact.json.data.map((d: { id: number }) => d.id)).toContain(ids[0]);
    const byPhone = await list(`?q=${encodeURIComponent('+1 555 0100')}&search_fields=contacts.email:like;contacts.phone:=`);
    expect(byPhone.json.data.map((d: { id: number }) => d.id)).toContain(ids[0]);
    const partialPhone = await list(`?q=555&search_fields=contacts.phone:=`);
    expect(partialPhone.json.data).toEqual([]);
  });

  it('answers 400 naming each unknown search field; the document’s example (email, phones.number) names contact fields', async () => {
    const example = await list('?search_fields=email:like;phones.number:=');
    expect(example.status).toBe(400);
    expect(example.json.errors.search_fields).toEqual([expect.stringContaining('"email"'), expect.stringContaining('"phones.number"')]);
    const operator = await list('?q=x&search_fields=name:contains');
    expect(operator.status).toBe(400);
    expect(operator.json.errors.search_fields[0]).toContain('"contains"');
  });

  it('matches any search field by default (or) and every one with ?search_match=and', async () => {
    const alpha = await makeDeal('Zephyr Alpha', { contacts: [contacts[2]!.id] });
    const beta = await makeDeal('Zephyr Beta');
    const gamma = await makeDeal('Gamma', { contacts: [contacts[2]!.id] });
    const fields = 'search_fields=name:like;contacts.first_name:like';
    const any = await list(`?q=Zephyr&${fields}`);
    expect(any.json.data.map((d: { id: number }) => d.id)).toEqual([alpha.id, beta.id, gamma.id]);
    const anyExplicit = await list(`?q=Zephyr&${fields}&search_match=or`);
    expect(anyExplicit.json.data).toEqual(any.json.data);
    const every = await list(`?q=Zephyr&${fields}&search_match=and`);
    expectOk(every);
    expect(every.json.data.map((d: { id: number }) => d.id)).toEqual([alpha.id]);
    expect(every.json.meta.total).toBe(1);
    // a value per field: q=field:value;field:value
    const pairs = await list(`?q=${encodeURIComponent(`name:Zephyr;stage_id:${stage[0]}`)}&search_match=and`);
    expect(pairs.json.data.map((d: { id: number }) => d.id)).toEqual([alpha.id, beta.id]);
    const amountMatch = await list(`?q=amount:50&search_fields=amount:=`);
    expect(amountMatch.json.data.map((d: { id: number }) => d.id)).toEqual([ids[3]]);
    expect((await list('?search_match=sometimes')).status).toBe(422);
  });
});

describe('Search Deals – GET /deals/search?q=', () => {
  it('answers every match without pagination; take limits them; order, select, search_fields and search_match apply', async () => {
    const answer = await search('?q=Pagerq');
    expectOk(answer);
    expect(Object.keys(answer.json)).toEqual(['data']);
    expect(answer.json.data).toHaveLength(7);
    expect(answer.json.data[0]).toHaveProperty('billable');
    const one = await search('?q=Pagerq&take=1');
    expect(one.json.data).toHaveLength(1);
    const ordered = await search('?q=Pagerq&take=2&order=amount|desc&select=id;amount');
    expect(ordered.json.data.map((d: { amount: string }) => d.amount)).toEqual(['70.00', '60.00']);
    expect(Object.keys(ordered.json.data[0])).toEqual(['id', 'amount']);
    const fields = await search('?q=Zephyr&search_fields=name:like;contacts.first_name:like&search_match=and&select=name');
    expect(fields.json.data).toEqual([{ name: 'Zephyr Alpha' }]);
    const missing = await search('');
    expect(missing.status).toBe(422);
    expect(missing.json.errors).toEqual({ q: ['The q field is required.'] });
    expect((await search('?q=x&order=nope')).status).toBe(400);
    expect((await search('?q=x&select=nope')).status).toBe(400);
    expect((await search('?q=x&search_fields=nope:like')).status).toBe(400);
    expect((await search('?q=x&take=0')).status).toBe(422);
  });
});

describe('Associations – PUT / DELETE / POST /associations/deals/{id}', () => {
  it('attaches contacts, companies and activities (PUT), detaches them (DELETE), syncs them (POST)', async () => {
    const deal = await makeDeal('Association deal');
    const elsewhere = await makeDeal('Activity was here');
    const call1 = await db.activity.create({
      data: { type: 'call', subject: 'Intro call', dealId: elsewhere.id, occurredAt: new Date('2026-03-01T10:00:00Z') },
    });
    const meeting = await db.activity.create({ data: { type: 'meeting', subject: 'Demo', occurredAt: new Date('2026-03-05T10:00:00Z') } });
    await db.deal.update({ where: { id: elsewhere.id }, data: { lastActivityAt: call1.occurredAt } });

    const attached = await associations('PUT', deal.id, {
      contacts: [contacts[0]!.id, contacts[1]!.id],
      companies: [companies[2]!.id],
      activities: [call1.id, meeting.id],
    });
    expectOk(attached);
    expect(attached.json.data).toMatchObject({
      id: deal.id,
      contacts: [{ id: contacts[0]!.id }, { id: contacts[1]!.id }],
      companies: [{ id: companies[2]!.id, display_name: 'Initech' }],
      activities: [
        { id: meeting.id, title: 'Demo', type: 'meeting' },
        { id: call1.id, title: 'Intro call', type: 'call' },
      ],
    });
    // the activity moved: both deals' last activity follow
    expect((await db.activity.findUniqueOrThrow({ where: { id: call1.id } })).dealId).toBe(deal.id);
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).lastActivityAt?.toISOString()).toBe('2026-03-05T10:00:00.000Z');
    expect((await db.deal.findUniqueOrThrow({ where: { id: elsewhere.id } })).lastActivityAt).toBeNull();
    // attaching again changes nothing
    expectOk(await associations('PUT', deal.id, { contacts: [contacts[0]!.id] }));
    expect(await db.dealContact.count({ where: { dealId: deal.id } })).toBe(2);

    const detached = await associations('DELETE', deal.id, { contacts: [contacts[0]!.id], activities: [call1.id] });
    expectOk(detached);
    expect(detached.json.data.contacts).toEqual([{ id: contacts[1]!.id, display_name: 'Ada Lovelace', email: 'ada@acme.com' }]);
    expect(detached.json.data.activities.map((a: { id: number }) => a.id)).toEqual([meeting.id]);
    expect((await db.activity.findUniqueOrThrow({ where: { id: call1.id } })).dealId).toBeNull();
    expect(await db.contact.count({ where: { id: contacts[0]!.id } })).toBe(1);

    const synced = await associations('POST', deal.id, { contacts: [contacts[2]!.id], companies: [] });
    expectOk(synced);
    expect(synced.json.data.contacts.map((c: { id: number }) => c.id)).toEqual([contacts[2]!.id]);
    expect(synced.json.data.companies).toEqual([]);
    // activities were not sent: untouched
    expect(synced.json.data.activities.map((a: { id: number }) => a.id)).toEqual([meeting.id]);
    const syncActivities = await associations('POST', deal.id, { activities: [call1.id] });
    expect(syncActivities.json.data.activities.map((a: { id: number }) => a.id)).toEqual([call1.id]);
    expect((await db.activity.findUniqueOrThrow({ where: { id: meeting.id } })).dealId).toBeNull();
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).lastActivityAt?.toISOString()).toBe('2026-03-01T10:00:00.000Z');
  });

  it('enforces "at least one resource" (422) on attach, detach and sync', async () => {
    const deal = await makeDeal('Needs a resource');
    for (const method of ['PUT', 'DELETE', 'POST'] as const) {
      for (const body of [undefined, {}]) {
        const answer = await associations(method, deal.id, body);
        expect(answer.status, `${method} ${JSON.stringify(body)}`).toBe(422);
        expect(answer.json).toEqual({
          message: 'Provide at least one resource: contacts, companies or activities (arrays of IDs).',
          errors: { resources: ['Provide at least one resource: contacts, companies or activities (arrays of IDs).'] },
        });
      }
    }
    expect((await associations('PUT', deal.id, { contacts: [], companies: [] })).status).toBe(422);
    expect((await associations('DELETE', deal.id, { activities: [] })).status).toBe(422);
    const unknownKind = await associations('PUT', deal.id, { deals: [1] });
    expect(unknownKind.status).toBe(422);
    expect(unknownKind.json.errors).toEqual({ deals: ['The deals field is not a known field.'] });
  });

  it('refuses unknown IDs naming them, and changes nothing (one transaction)', async () => {
    const deal = await makeDeal('Atomic associations', { contacts: [contacts[0]!.id] });
    const answer = await associations('POST', deal.id, {
      contacts: [contacts[1]!.id],
      companies: [companies[0]!.id, 2_000_000_000],
      activities: [2_000_000_001],
    });
    expect(answer.status).toBe(422);
    expect(answer.json.errors).toEqual({
      'companies.1': ['The selected companies.1 is invalid.'],
      'activities.0': ['The selected activities.0 is invalid.'],
    });
    expect((await db.dealContact.findMany({ where: { dealId: deal.id } })).map((l) => l.contactId)).toEqual([contacts[0]!.id]);
    expect(await db.dealCompany.count({ where: { dealId: deal.id } })).toBe(0);
  });
});

describe('Change Deal Status – PUT /deals/{id}/status/{status}', () => {
  it('marks a deal lost with its lost_reason, won, and open again', async () => {
    const deal = await makeDeal('Status deal');
    const lost = await changeStatus(deal.id, 'lost', { lost_reason: 'Price too high' });
    expectOk(lost);
    expect(lost.json.data).toMatchObject({
      id: deal.id,
      status: 'lost',
      lost_reason: 'Price too high',
      lost_date: expect.stringMatching(TIMESTAMP),
      won_date: null,
    });
    const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row).toMatchObject({ status: 'lost', lostReason: 'Price too high' });
    expect(row.closedAt).not.toBeNull();

    const won = await changeStatus(deal.id, 'won');
    expect(won.json.data).toMatchObject({ status: 'won', lost_reason: null, lost_date: null, won_date: expect.stringMatching(TIMESTAMP) });
    const open = await changeStatus(deal.id, 'open', {});
    expect(open.json.data).toMatchObject({ status: 'open', won_date: null, lost_date: null });
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).closedAt).toBeNull();

    const bad = await changeStatus(deal.id, 'stalled');
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.json.errors)).toEqual(['status']);
  });

  it('checks lost_reason against the lost reasons when free text is off', async () => {
    const deal = await makeDeal('Strict lost reason');
    await db.lostReason.create({ data: { label: 'Too expensive' } });
    await db.setting.upsert({ where: { key: ALLOW_FREE_TEXT_KEY }, create: { key: ALLOW_FREE_TEXT_KEY, value: false }, update: { value: false } });
    try {
      const refused = await changeStatus(deal.id, 'lost', { lost_reason: 'Aliens' });
      expect(refused.status).toBe(422);
      expect(Object.keys(refused.json.errors)).toEqual(['lost_reason']);
      expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).status).toBe('open');
      const accepted = await changeStatus(deal.id, 'lost', { lost_reason: 'too expensive' });
      expect(accepted.json.data).toMatchObject({ status: 'lost', lost_reason: 'Too expensive' });
    } finally {
      await db.setting.delete({ where: { key: ALLOW_FREE_TEXT_KEY } });
    }
  });

  it('refuses reopening a deal that sits in a won stage (422 naming status)', async () => {
    const deal = await makeDeal('In won stage', { stage_id: stage[3] });
    expect(deal.status).toBe('won');
    const answer = await changeStatus(deal.id, 'open');
    expect(answer.status).toBe(422);
    expect(Object.keys(answer.json.errors)).toEqual(['status']);
  });
});

describe('Deal Products – POST /deals/{id}/billable', () => {
  it('adds new products and updates existing ones, removes removed_products; the deal amount follows the total', async () => {
    const deal = await makeDeal('Billable deal', { amount: 1 });
    const added = await billable(deal.id, {
      tax_type: 'inclusive',
      products: [
        { product_id: proPlan.id, name: 'Pro plan', unit_price: 119.99, qty: 1, tax_rate: 20, tax_label: 'VAT' },
        { name: 'Consulting', unit_price: 9.99, qty: 1.5, unit: 'hour' },
      ],
    });
    expectOk(added);
    expect(added.json.data).toMatchObject({ tax_type: 'inclusive', total: '134.98', total_tax: '20.00' });
    expect((await retrieve(deal.id)).json.data.amount).toBe('134.98');
    const [pro, consulting] = added.json.data.products;

    const changed = await billable(deal.id, {
      products: [
        { id: consulting.id, name: 'Consulting', unit_price: 10, qty: 2 },
        { name: 'Travel', unit_price: '30.00', discount_type: 'fixed', discount_total: '5.50' },
      ],
      removed_products: [pro.id],
    });
    expectOk(changed);
    expect(changed.json.data.products.map((p: { id: number; name: string; amount: string }) => [p.id, p.name, p.amount])).toEqual([
      [consulting.id, 'Consulting', '20.00'],
      [expect.any(Number), 'Travel', '24.50'],
    ]);
    expect(changed.json.data).toMatchObject({ tax_type: 'inclusive', total: '44.50' });
    const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id }, include: { lineItems: true } });
    expect(row.value).toBe(4450n);
    expect(row.lineItems).toHaveLength(2);
    expect(row.lineItems.find((l) => l.name === 'Travel')).toMatchObject({ discountType: 'fixed', unitPrice: 3000n });
    expect(row.lineItems.find((l) => l.name === 'Travel')!.discountValue.toString()).toBe('550');

    const bad = await billable(deal.id, {
      products: [
        { id: consulting.id, qty: 0 },
        { name: 'X', unit_price: 1, tax_rate: 101 },
      ],
    });
    expect(bad.status).toBe(422);
    expect(bad.json.errors).toEqual({
      'products.0.qty': ['The products.0.qty field must be greater than 0.'],
      'products.1.tax_rate': ['The products.1.tax rate field must not be greater than 100.'],
    });
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).value).toBe(4450n);
    const unknownKey = await billable(deal.id, { products: [{ name: 'X', unit_price: 1, colour: 'red' }] });
    expect(unknownKey.json.errors).toEqual({ 'products.0.colour': ['The products.0.colour field is not a known field.'] });
  });
});

describe('each write is one transaction', () => {
  it('leaves no deal, product or link behind when a rep’s create is refused for adding a catalog product (403)', async () => {
    const before = {
      deals: await db.deal.count(),
      products: await db.product.count(),
      contactLinks: await db.dealContact.count(),
      companyLinks: await db.dealCompany.count(),
    };
    const answer = await create(
      {
        name: 'Refused with everything',
        stage_id: stage[0],
        amount: 10,
        contacts: [contacts[0]!.id, contacts[1]!.id],
        companies: [companies[0]!.id, companies[1]!.id],
        billable: {
          products: [
            { product_id: proPlan.id, name: 'Pro plan', unit_price: 99 },
            { name: 'Gadget nobody sells', unit_price: 5 },
          ],
        },
      },
      rep,
    );
    expect(answer.status).toBe(403);
    expect(await db.deal.count({ where: { name: 'Refused with everything' } })).toBe(0);
    expect({
      deals: await db.deal.count(),
      products: await db.product.count(),
      contactLinks: await db.dealContact.count(),
      companyLinks: await db.dealCompany.count(),
    }).toEqual(before);
    expect(await db.product.count({ where: { name: 'Gadget nobody sells' } })).toBe(0);
  });

  it('never loses a concurrent product change: each billable write merges into the lines the one before it left', async () => {
    const deal = await makeDeal('Concurrent products', {
      billable: { products: [{ product_id: proPlan.id, name: 'Base seat', unit_price: 10, tax_rate: 0 }] },
    });
    const product = (name: string, price: number) => ({ product_id: proPlan.id, name, unit_price: price, tax_rate: 0 });
    const answers = await Promise.all([
      billable(deal.id, { products: [product('Seat A', 1)] }),
      update(deal.id, { billable: { products: [product('Seat B', 2)] } }),
      billable(deal.id, { products: [product('Seat C', 3)] }),
      update(deal.id, { name: 'Concurrent products (renamed)', billable: { products: [product('Seat D', 4)] } }),
    ]);
    for (const answer of answers) expectOk(answer);
    const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id }, include: { lineItems: true } });
    expect(row.lineItems.map((l) => l.name).sort()).toEqual(['Base seat', 'Seat A', 'Seat B', 'Seat C', 'Seat D']);
    // 10 + 1 + 2 + 3 + 4, untaxed: the amount is the total of every line
    expect(row.value).toBe(2000n);
    expect(row.name).toBe('Concurrent products (renamed)');
  });
});
