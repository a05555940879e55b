import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listProductsRoute, POST as createProductRoute } from '@/app/api/v1/products/route';
import { DELETE as deleteProductRoute, GET as getProductRoute, PATCH as patchProductRoute } from '@/app/api/v1/products/[id]/route';
import { db } from '@/lib/db';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { call as callHandler, createPipelineFixture, createUserWithKey } from '../setup/api';

// tests/setup/api.ts types handlers with untyped params; ours declare theirs ({ id })
type Handler = Parameters<typeof callHandler>[0];
const call = (handler: unknown, method: string, path: string, options: Parameters<typeof callHandler>[3] = {}) =>
  callHandler(handler as Handler, method, path, options);

let key: string;
let adminKey: string;
let repKey: string;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;
let run = 0;

beforeAll(async () => {
  ({ key } = await createUserWithKey('manager'));
  ({ key: adminKey } = await createUserWithKey('admin'));
  ({ key: repKey } = await createUserWithKey('rep'));
  fixture = await createPipelineFixture();
});

/** A token no other test uses, so list filters can be checked in a shared database. */
function unique(label: string): string {
  run += 1;
  return `${label}${run}q${Math.random().toString(36).slice(2, 7)}`;
}

async function createProduct(body: Record<string, unknown>, apiKey = key) {
  const answer = await call(createProductRoute, 'POST', '/api/v1/products', { key: apiKey, body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data as { id: string; [field: string]: unknown };
}

const getProduct = (id: string, apiKey = key) => call(getProductRoute, 'GET', `/api/v1/products/${id}`, { key: apiKey, params: { id } });
const patchProduct = (id: string, body: unknown, apiKey = key) =>
  call(patchProductRoute, 'PATCH', `/api/v1/products/${id}`, { key: apiKey, params: { id }, body });
const deleteProduct = (id: string, apiKey = key) => call(deleteProductRoute, 'DELETE', `/api/v1/products/${id}`, { key: apiKey, params: { id } });
const listProducts = (query: string, apiKey = key) => call(listProductsRoute, 'GET', `/api/v1/products${query}`, { key: apiKey });

function ids(answer: { json: { data: { id: string }[] } }): string[] {
  return answer.json.data.map((p) => p.id);
}

describe('products API: authentication and permissions', () => {
  it('answers 401 without an API key', async () => {
    expect((await call(listProductsRoute, 'GET', '/api/v1/products')).status).toBe(401);
    const create = await call(createProductRoute, 'POST', '/api/v1/products', { body: { name: 'X', unit_price: 1 } });
    expect(create.status).toBe(401);
    expect(create.json.error.code).toBe('unauthorized');
  });

  it('lets reps read the catalog but not change it (403)', async () => {
    const product = await createProduct({ name: unique('Readable'), unit_price: 100 });
    expect((await getProduct(product.id, repKey)).status).toBe(200);
    expect((await listProducts('', repKey)).status).toBe(200);

    const create = await call(createProductRoute, 'POST', '/api/v1/products', { key: repKey, body: { name: 'Nope', unit_price: 1 } });
    expect(create.status).toBe(403);
    expect(create.json.error.code).toBe('forbidden');
    expect((await patchProduct(product.id, { name: 'Renamed' }, repKey)).status).toBe(403);
    expect((await deleteProduct(product.id, repKey)).status).toBe(403);
    expect((await getProduct(product.id)).json.data.name).toBe(product.name);
  });

  it('lets admins change the catalog', async () => {
    const product = await createProduct({ name: unique('AdminMade'), unit_price: 5 }, adminKey);
    expect((await patchProduct(product.id, { unit_price: 6 }, adminKey)).json.data.unit_price).toBe(6);
    expect((await deleteProduct(product.id, adminKey)).status).toBe(204);
  });
});

describe('products API: create and read', () => {
  it('creates a product with defaults and reads it back', async () => {
    const name = unique('Seat');
    const created = await createProduct({ name, unit_price: 12000 });
    expect(created).toEqual({
      id: expect.stringMatching(/^prod_/),
      number: fromPublicId('product', created.id),
      name,
      sku: null,
      unit_price: 12000,
      currency: 'USD',
      tax_rate: 0,
      tax_label: null,
      unit: null,
      description: null,
      active: true,
      created_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      updated_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
    });
    const read = await getProduct(created.id);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ data: created });
  });

  it('keeps every field, with the tax rate exact', async () => {
    const sku = unique('SKU-');
    const created = await createProduct({
      name: '  Support plan  ',
      sku,
      unit_price: 99_999_999_999,
      currency: 'eur',
      tax_rate: 12.3456,
      tax_label: 'VAT',
      unit: 'month',
      description: 'Premium support',
      active: false,
    });
    expect(created).toMatchObject({
      name: 'Support plan',
      sku,
      unit_price: 99_999_999_999,
      currency: 'EUR',
      tax_rate: 12.3456,
      tax_label: 'VAT',
      unit: 'month',
      description: 'Premium support',
      active: false,
    });
    const row = await db.product.findUniqueOrThrow({ where: { id: fromPublicId('product', created.id)! } });
    expect(row.taxRate.toString()).toBe('12.3456');
    expect(row.unitPrice).toBe(99_999_999_999n);

    const seven = await createProduct({ name: unique('Taxed'), unit_price: 1, tax_rate: 7.5 });
    expect(seven.tax_rate).toBe(7.5);
    const full = await createProduct({ name: unique('Full tax'), unit_price: 1, tax_rate: 100 });
    expect(full.tax_rate).toBe(100);
  });

  it('answers 400 naming an unknown or bad field', async () => {
    const typo = await call(createProductRoute, 'POST', '/api/v1/products', { key, body: { name: 'X', unit_price: 1, unit_prise: 2 } });
    expect(typo.status).toBe(400);
    expect(typo.json.error.code).toBe('validation_failed');
    expect(typo.json.error.details).toContainEqual({ path: 'unit_prise', message: 'Unknown field "unit_prise"' });

    const cases: [Record<string, unknown>, string][] = [
      [{ unit_price: 1 }, 'name'],
      [{ name: 'X' }, 'unit_price'],
      [{ name: 'X', unit_price: 1.5 }, 'unit_price'],
      [{ name: 'X', unit_price: -1 }, 'unit_price'],
      [{ name: 'X', unit_price: '100' }, 'unit_price'],
      [{ name: 'X', unit_price: 1, tax_rate: 7.12345 }, 'tax_rate'],
      [{ name: 'X', unit_price: 1, tax_rate: 100.5 }, 'tax_rate'],
      [{ name: 'X', unit_price: 1, tax_rate: -1 }, 'tax_rate'],
      [{ name: 'X', unit_price: 1, tax_rate: '7.5' }, 'tax_rate'],
      [{ name: 'X', unit_price: 1, currency: 'dollars' }, 'currency'],
      [{ name: '   ', unit_price: 1 }, 'name'],
      [{ name: 'X', unit_price: 1, active: 'yes' }, 'active'],
    ];
    for (const [body, path] of cases) {
      const answer = await call(createProductRoute, 'POST', '/api/v1/products', { key, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }

    const badJson = await call(createProductRoute, 'POST', '/api/v1/products', { key, rawBody: '{"name": ' });
    expect(badJson.status).toBe(400);
    expect(badJson.json.error.code).toBe('invalid_json');
  });

  it('answers 409 for a SKU already in use', async () => {
    const sku = unique('DUP-');
    await createProduct({ name: 'First', sku, unit_price: 1 });
    const again = await call(createProductRoute, 'POST', '/api/v1/products', { key, body: { name: 'Second', sku, unit_price: 2 } });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
    expect(again.json.error.details).toEqual([{ path: 'sku', message: 'SKU already in use' }]);
    // products without a SKU never collide
    await createProduct({ name: 'No sku 1', unit_price: 1 });
    await createProduct({ name: 'No sku 2', unit_price: 1, sku: null });
  });

  it('answers 404 for unknown IDs and IDs of another kind', async () => {
    const product = await createProduct({ name: unique('Known'), unit_price: 1 });
    const number = fromPublicId('product', product.id)!;
    for (const id of [toPublicId('product', number + 10_000), toPublicId('activity', number), toPublicId('deal', number), 'prod_nope', 'garbage']) {
      const answer = await getProduct(id);
      expect(answer.status, id).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
      expect((await patchProduct(id, { name: 'x' })).status, id).toBe(404);
      expect((await deleteProduct(id)).status, id).toBe(404);
    }
  });
});

describe('products API: update', () => {
  it('changes only the fields sent; null or "" clears an optional field', async () => {
    const product = await createProduct({
      name: unique('Editable'),
      sku: unique('ED-'),
      unit_price: 100,
      tax_rate: 5,
      tax_label: 'GST',
      unit: 'box',
      description: 'd',
    });
    const changed = await patchProduct(product.id, { unit_price: 250, tax_rate: 19.25, currency: 'gbp', active: false });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json.data).toMatchObject({
      name: product.name,
      sku: product.sku,
      unit_price: 250,
      tax_rate: 19.25,
      currency: 'GBP',
      active: false,
      tax_label: 'GST',
      unit: 'box',
    });

    const cleared = await patchProduct(product.id, { sku: null, description: '', tax_label: null, unit: '  ' });
    expect(cleared.json.data).toMatchObject({ sku: null, description: null, tax_label: null, unit: null });
    expect((await getProduct(product.id)).json.data).toEqual(cleared.json.data);
  });

  it('answers 400 for an empty or bad change and 409 for a SKU in use', async () => {
    const taken = unique('TAKEN-');
    await createProduct({ name: 'Holder', sku: taken, unit_price: 1 });
    const product = await createProduct({ name: unique('Other'), unit_price: 1 });
    const empty = await patchProduct(product.id, {});
    expect(empty.status).toBe(400);
    const unknown = await patchProduct(product.id, { price: 3 });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error.details).toContainEqual({ path: 'price', message: 'Unknown field "price"' });
    expect((await patchProduct(product.id, { name: null })).status).toBe(400);
    expect((await patchProduct(product.id, { tax_rate: 1.00001 })).status).toBe(400);
    const conflict = await patchProduct(product.id, { sku: taken });
    expect(conflict.status).toBe(409);
    expect((await getProduct(product.id)).json.data.sku).toBeNull();
  });
});

describe('products API: delete', () => {
  it('deletes a product no line item uses', async () => {
    const product = await createProduct({ name: unique('Unused'), unit_price: 1 });
    const answer = await deleteProduct(product.id);
    expect(answer.status).toBe(204);
    expect(answer.json).toBeNull();
    expect((await getProduct(product.id)).status).toBe(404);
    expect((await deleteProduct(product.id)).status).toBe(404);
  });

  it('answers 409 for a product on a line item and keeps it; deactivating works', async () => {
    const product = await createProduct({ name: unique('Used'), unit_price: 500 });
    const deal = await db.deal.create({ data: { name: 'Uses a product', pipelineId: fixture.pipeline.id, stageId: fixture.stages[0]!.id } });
    await db.dealLineItem.create({
      data: { dealId: deal.id, productId: fromPublicId('product', product.id), name: 'Used', unitPrice: 500n, subtotal: 500n, total: 500n },
    });
    const answer = await deleteProduct(product.id);
    expect(answer.status).toBe(409);
    expect(answer.json.error.code).toBe('conflict');
    expect(answer.json.error.message).toMatch(/PATCH \{"active": false\}/);
    expect((await getProduct(product.id)).status).toBe(200);

    const deactivated = await patchProduct(product.id, { active: false });
    expect(deactivated.json.data.active).toBe(false);
    expect(await db.dealLineItem.count({ where: { productId: fromPublicId('product', product.id)! } })).toBe(1);
  });
});

describe('products API: list', () => {
  it('pages by name, then id, without repeats or gaps', async () => {
    const tag = unique('pg');
    const names = ['Delta', 'alpha', 'Charlie', 'Bravo', 'Echo'].map((n) => `${tag} ${n}`);
    const created = [];
    for (const name of names) created.push(await createProduct({ name, unit_price: 1 }));
    // a second product with the same name: (name, id) keeps both in a fixed order
    created.push(await createProduct({ name: `${tag} Bravo`, unit_price: 2 }));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await listProducts(`?q=${encodeURIComponent(tag)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.status, JSON.stringify(answer.json)).toBe(200);
      expect(answer.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...ids(answer));
      cursor = answer.json.next_cursor;
      expect(answer.json.has_more).toBe(cursor !== null);
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(6);

    const all = await listProducts(`?q=${encodeURIComponent(tag)}`);
    expect(ids(all)).toEqual(seen);
    expect(all.json.has_more).toBe(false);
    expect(all.json.next_cursor).toBeNull();
    const order = all.json.data.map((p: { name: string; number: number }) => [p.name, p.number]);
    const bravo = order.filter(([name]: [string]) => name === `${tag} Bravo`).map(([, n]: [string, number]) => n);
    expect(bravo).toEqual([...bravo].sort((a, b) => a - b));
    // the database's own name order, then id
    const expected = await db.product.findMany({ where: { name: { startsWith: tag } }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
    expect(ids(all)).toEqual(expected.map((p) => toPublicId('product', p.id)));
  });

  it('pages by created_at with sort=created_at', async () => {
    const tag = unique('ct');
    const created = [];
    for (const n of ['Zulu', 'Yankee', 'Xray']) created.push(await createProduct({ name: `${tag} ${n}`, unit_price: 1 }));
    const first = await listProducts(`?q=${tag}&sort=created_at&limit=2`);
    expect(ids(first)).toEqual(created.slice(0, 2).map((p) => p.id));
    expect(first.json.has_more).toBe(true);
    const second = await listProducts(`?q=${tag}&sort=created_at&limit=2&cursor=${first.json.next_cursor}`);
    expect(ids(second)).toEqual([created[2]!.id]);
    expect(second.json.has_more).toBe(false);

    // a cursor of one sort is refused by the other
    const mixed = await listProducts(`?q=${tag}&sort=name&cursor=${first.json.next_cursor}`);
    expect(mixed.status).toBe(400);
    expect(mixed.json.error.details[0].path).toBe('cursor');
  });

  it('filters by q (name or SKU, case-insensitive) and by active', async () => {
    const tag = unique('flt');
    const byName = await createProduct({ name: `Widget ${tag.toUpperCase()}`, unit_price: 1 });
    const bySku = await createProduct({ name: 'Gadget', sku: `SKU-${tag}`, unit_price: 1 });
    const inactive = await createProduct({ name: `Old ${tag}`, unit_price: 1, active: false });
    await createProduct({ name: 'Unrelated', unit_price: 1 });

    expect(ids(await listProducts(`?q=${tag}`)).sort()).toEqual([byName.id, bySku.id, inactive.id].sort());
    expect(ids(await listProducts(`?q=${tag.toUpperCase()}`)).sort()).toEqual([byName.id, bySku.id, inactive.id].sort());
    expect(ids(await listProducts(`?q=sku-${tag}`))).toEqual([bySku.id]);
    expect(ids(await listProducts(`?q=${tag}&active=true`)).sort()).toEqual([byName.id, bySku.id].sort());
    expect(ids(await listProducts(`?q=${tag}&active=false`))).toEqual([inactive.id]);

    const everyone = await listProducts('?limit=200');
    expect(ids(everyone)).toEqual(expect.arrayContaining([byName.id, bySku.id, inactive.id]));
    const activeOnly = await listProducts('?active=true&limit=200');
    expect(activeOnly.json.data.every((p: { active: boolean }) => p.active)).toBe(true);
  });

  it('searches for LIKE wildcards literally', async () => {
    const tag = unique('pct');
    const percent = await createProduct({ name: `${tag} 50% off`, unit_price: 1 });
    await createProduct({ name: `${tag} 500 units`, unit_price: 1 });
    const underscore = await createProduct({ name: `${tag} a_b`, unit_price: 1 });
    await createProduct({ name: `${tag} axb`, unit_price: 1 });
    expect(ids(await listProducts(`?q=${encodeURIComponent('50%')}`))).toEqual([percent.id]);
    expect(ids(await listProducts(`?q=${encodeURIComponent(`${tag} a_b`)}`))).toEqual([underscore.id]);
    const backslash = await createProduct({ name: `${tag} c\\d`, unit_price: 1 });
    expect(ids(await listProducts(`?q=${encodeURIComponent('c\\d')}`))).toEqual([backslash.id]);
  });

  it('answers 400 for bad query parameters', async () => {
    for (const query of ['?limit=0', '?limit=201', '?limit=abc', '?active=maybe', '?sort=price', '?cursor=not-a-cursor', '?colour=red']) {
      const answer = await listProducts(query);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.code).toBe('validation_failed');
    }
    const unknown = await listProducts('?activ=true');
    expect(unknown.json.error.details).toContainEqual({ path: 'activ', message: 'Unknown field "activ"' });
  });
});
