import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listCustomFieldsRoute, POST as createCustomFieldRoute } from '@/app/api/v1/custom-fields/route';
import { DELETE as deleteCustomFieldRoute, GET as getCustomFieldRoute, PATCH as patchCustomFieldRoute } from '@/app/api/v1/custom-fields/[id]/route';
import { db, type Prisma } from '@/lib/db';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { listCustomFieldDefinitions } from '@/lib/services/custom-fields/list-custom-field-definitions';
import { validateCustomFieldValues } from '@/lib/services/custom-fields/validate-custom-field-values';
import { call as callHandler, createPipelineFixture, createUserWithKey } from '../setup/api';

// tests/setup/api.ts types handlers with untyped params; ours declare theirs ({ id })
type Handler = Parameters<typeof callHandler>[0];
const call = (handler: unknown, method: string, path: string, options: Parameters<typeof callHandler>[3] = {}) =>
  callHandler(handler as Handler, method, path, options);

type CustomFieldJson = { id: string; key: string; position: number; [field: string]: unknown };

let key: string;
let repKey: string;
let manager: Awaited<ReturnType<typeof createUserWithKey>>['user'];
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;
let run = 0;

beforeAll(async () => {
  ({ key, user: manager } = await createUserWithKey('manager'));
  ({ key: repKey } = await createUserWithKey('rep'));
  fixture = await createPipelineFixture();
});

/** A key no other test uses. */
function uniqueKey(label: string): string {
  run += 1;
  return `${label}_${run}_${Math.random().toString(36).slice(2, 7)}`;
}

async function createField(body: Record<string, unknown>, apiKey = key) {
  const answer = await call(createCustomFieldRoute, 'POST', '/api/v1/custom-fields', { key: apiKey, body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data as CustomFieldJson;
}

const postField = (body: unknown, apiKey = key) => call(createCustomFieldRoute, 'POST', '/api/v1/custom-fields', { key: apiKey, body });
const getField = (id: string, apiKey = key) => call(getCustomFieldRoute, 'GET', `/api/v1/custom-fields/${id}`, { key: apiKey, params: { id } });
const patchField = (id: string, body: unknown, apiKey = key) =>
  call(patchCustomFieldRoute, 'PATCH', `/api/v1/custom-fields/${id}`, { key: apiKey, params: { id }, body });
const deleteField = (id: string, apiKey = key) => call(deleteCustomFieldRoute, 'DELETE', `/api/v1/custom-fields/${id}`, { key: apiKey, params: { id } });
const listFields = (query = '', apiKey = key) => call(listCustomFieldsRoute, 'GET', `/api/v1/custom-fields${query}`, { key: apiKey });

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

describe('custom fields API: authentication and permissions', () => {
  it('answers 401 without an API key', async () => {
    expect((await call(listCustomFieldsRoute, 'GET', '/api/v1/custom-fields')).status).toBe(401);
    const create = await call(createCustomFieldRoute, 'POST', '/api/v1/custom-fields', { body: { key: 'x', label: 'X', type: 'text' } });
    expect(create.status).toBe(401);
    expect(create.json.error.code).toBe('unauthorized');
  });

  it('lets reps read definitions but not change them (403)', async () => {
    const field = await createField({ key: uniqueKey('readable'), label: 'Readable', type: 'text' });
    expect((await getField(field.id, repKey)).status).toBe(200);
    expect((await listFields('', repKey)).status).toBe(200);
    const create = await postField({ key: uniqueKey('nope'), label: 'Nope', type: 'text' }, repKey);
    expect(create.status).toBe(403);
    expect(create.json.error.code).toBe('forbidden');
    expect((await patchField(field.id, { label: 'Renamed' }, repKey)).status).toBe(403);
    expect((await deleteField(field.id, repKey)).status).toBe(403);
    expect((await getField(field.id)).json.data.label).toBe('Readable');
  });
});

describe('custom fields API: create and read', () => {
  it('creates a field with defaults, last in order, and reads it back', async () => {
    const first = await createField({ key: uniqueKey('contract_length'), label: ' Contract length ', type: 'number' });
    expect(first).toEqual({
      id: expect.stringMatching(/^cf_/),
      number: fromPublicId('customField', first.id),
      key: first.key,
      label: 'Contract length',
      type: 'number',
      options: [],
      required: false,
      position: expect.any(Number),
      created_at: expect.stringMatching(ISO),
      updated_at: expect.stringMatching(ISO),
    });
    const second = await createField({ key: uniqueKey('renewal'), label: 'Renewal', type: 'date' });
    expect(second.position).toBe(first.position + 1);
    const read = await getField(first.id);
    expect(read.status).toBe(200);
    expect(read.json).toEqual({ data: first });
  });

  it('keeps options, required and position', async () => {
    const field = await createField({ key: uniqueKey('plan'), label: 'Plan', type: 'select', options: ['Monthly', 'Yearly'], required: true, position: 500 });
    expect(field).toMatchObject({ type: 'select', options: ['Monthly', 'Yearly'], required: true, position: 500 });
    for (const type of ['text', 'number', 'date', 'boolean'] as const) {
      expect((await createField({ key: uniqueKey(type), label: type, type })).type).toBe(type);
    }
    // 50 characters is the longest key
    const longest = `k${'x'.repeat(49)}`;
    expect((await createField({ key: longest, label: 'Long', type: 'boolean' })).key).toBe(longest);
  });

  it('answers 400 for a bad key, type or options, naming the field', async () => {
    const typo = await postField({ key: uniqueKey('typo'), label: 'Typo', type: 'text', requird: true });
    expect(typo.status).toBe(400);
    expect(typo.json.error.details).toContainEqual({ path: 'requird', message: 'Unknown field "requird"' });

    const cases: [Record<string, unknown>, string][] = [
      [{ key: 'Contract', label: 'X', type: 'text' }, 'key'],
      [{ key: '1st', label: 'X', type: 'text' }, 'key'],
      [{ key: 'has-dash', label: 'X', type: 'text' }, 'key'],
      [{ key: '_lead', label: 'X', type: 'text' }, 'key'],
      [{ key: `k${'x'.repeat(50)}`, label: 'X', type: 'text' }, 'key'],
      [{ label: 'X', type: 'text' }, 'key'],
      [{ key: 'ok_key', type: 'text' }, 'label'],
      [{ key: 'ok_key', label: 'X', type: 'currency' }, 'type'],
      [{ key: 'ok_key', label: 'X', type: 'select' }, 'options'],
      [{ key: 'ok_key', label: 'X', type: 'select', options: [] }, 'options'],
      [{ key: 'ok_key', label: 'X', type: 'select', options: ['a', 'a'] }, 'options'],
      [{ key: 'ok_key', label: 'X', type: 'select', options: 'a,b' }, 'options'],
      [{ key: 'ok_key', label: 'X', type: 'select', options: ['a', 2] }, 'options.1'],
      [{ key: 'ok_key', label: 'X', type: 'text', options: ['a'] }, 'options'],
      [{ key: 'ok_key', label: 'X', type: 'text', required: 'yes' }, 'required'],
      [{ key: 'ok_key', label: 'X', type: 'text', position: -1 }, 'position'],
      [{ key: 'ok_key', label: 'X', type: 'text', position: 1.5 }, 'position'],
    ];
    for (const [body, path] of cases) {
      const answer = await postField(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.code).toBe('validation_failed');
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    expect(await db.customFieldDefinition.count({ where: { key: 'ok_key' } })).toBe(0);
  });

  it('answers 409 for a key already in use', async () => {
    const fieldKey = uniqueKey('dup');
    await createField({ key: fieldKey, label: 'First', type: 'text' });
    const again = await postField({ key: fieldKey, label: 'Second', type: 'number' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
    expect(again.json.error.details).toEqual([{ path: 'key', message: 'Key already in use' }]);
  });

  it('answers 404 for unknown IDs and IDs of another kind', async () => {
    const field = await createField({ key: uniqueKey('known'), label: 'Known', type: 'text' });
    const number = fromPublicId('customField', field.id)!;
    for (const id of [toPublicId('customField', number + 10_000), toPublicId('product', number), toPublicId('lostReason', number), 'cf_', 'x']) {
      const answer = await getField(id);
      expect(answer.status, id).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
      expect((await patchField(id, { label: 'x' })).status, id).toBe(404);
      expect((await deleteField(id)).status, id).toBe(404);
    }
  });
});

describe('custom fields API: update', () => {
  it('changes label, required, position and a select field’s options', async () => {
    const field = await createField({ key: uniqueKey('tier'), label: 'Tier', type: 'select', options: ['Gold', 'Silver'] });
    const changed = await patchField(field.id, { label: 'Customer tier', required: true, position: 7, options: ['Gold', 'Silver', 'Bronze'] });
    expect(changed.status, JSON.stringify(changed.json)).toBe(200);
    expect(changed.json.data).toMatchObject({
      key: field.key,
      type: 'select',
      label: 'Customer tier',
      required: true,
      position: 7,
      options: ['Gold', 'Silver', 'Bronze'],
    });
    expect((await getField(field.id)).json.data).toEqual(changed.json.data);
  });

  it('answers 400 when key or type is sent, and for options on a field that is not a select', async () => {
    const field = await createField({ key: uniqueKey('fixed'), label: 'Fixed', type: 'text' });
    const keyChange = await patchField(field.id, { key: 'other_key' });
    expect(keyChange.status).toBe(400);
    expect(keyChange.json.error.details).toEqual([{ path: 'key', message: 'key cannot change after creation; create a new field instead' }]);
    const typeChange = await patchField(field.id, { label: 'Still fixed', type: 'number' });
    expect(typeChange.status).toBe(400);
    expect(typeChange.json.error.details).toEqual([{ path: 'type', message: 'type cannot change after creation; create a new field instead' }]);
    // even sending the current values is refused: they are not part of an update
    expect((await patchField(field.id, { key: field.key })).status).toBe(400);

    const options = await patchField(field.id, { options: ['a'] });
    expect(options.status).toBe(400);
    expect(options.json.error.details[0].path).toBe('options');
    expect((await patchField(field.id, {})).status).toBe(400);
    const unknown = await patchField(field.id, { lable: 'x' });
    expect(unknown.json.error.details).toContainEqual({ path: 'lable', message: 'Unknown field "lable"' });
    expect((await patchField(field.id, { label: '' })).status).toBe(400);
    expect((await getField(field.id)).json.data).toEqual(field);
  });
});

describe('custom fields API: list', () => {
  it('lists every definition by (position, id) and pages without repeats or gaps', async () => {
    await createField({ key: uniqueKey('pos_a'), label: 'A', type: 'text', position: 3 });
    await createField({ key: uniqueKey('pos_b'), label: 'B', type: 'text', position: 3 });
    await createField({ key: uniqueKey('pos_c'), label: 'C', type: 'text', position: 0 });
    const expected = (await db.customFieldDefinition.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] })).map((d) => toPublicId('customField', d.id));

    const all = await listFields('?limit=200');
    expect(all.status).toBe(200);
    expect(all.json.data.map((f: CustomFieldJson) => f.id)).toEqual(expected);
    const positions = all.json.data.map((f: CustomFieldJson) => f.position);
    expect(positions).toEqual([...positions].sort((a: number, b: number) => a - b));

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const answer = await listFields(`?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(answer.status).toBe(200);
      seen.push(...answer.json.data.map((f: CustomFieldJson) => f.id));
      cursor = answer.json.next_cursor;
      expect(answer.json.has_more).toBe(cursor !== null);
      pages += 1;
    } while (cursor && pages < 50);
    expect(seen).toEqual(expected);

    for (const query of ['?limit=0', '?cursor=bad', '?type=text']) expect((await listFields(query)).status, query).toBe(400);
  });
});

describe('custom fields API: delete', () => {
  it('deletes a definition and its values from every deal, in one go', async () => {
    const field = await createField({ key: uniqueKey('doomed'), label: 'Doomed', type: 'text' });
    const keep = await createField({ key: uniqueKey('kept'), label: 'Kept', type: 'number' });
    const deal = async (customFields: Prisma.InputJsonObject) =>
      db.deal.create({ data: { name: 'With fields', pipelineId: fixture.pipeline.id, stageId: fixture.stages[0]!.id, customFields } });
    const carrying = await deal({ [field.key]: 'bye', [keep.key]: 3 });
    const carryingNull = await deal({ [field.key]: null });
    const without = await deal({ [keep.key]: 4 });

    const answer = await deleteField(field.id);
    expect(answer.status).toBe(204);
    expect(answer.json).toBeNull();
    expect((await getField(field.id)).status).toBe(404);
    expect((await deleteField(field.id)).status).toBe(404);

    const reloaded = async (id: number) => db.deal.findUniqueOrThrow({ where: { id } });
    expect((await reloaded(carrying.id)).customFields).toEqual({ [keep.key]: 3 });
    expect((await reloaded(carrying.id)).version).toBe(carrying.version + 1);
    expect((await reloaded(carryingNull.id)).customFields).toEqual({});
    expect((await reloaded(without.id)).customFields).toEqual({ [keep.key]: 4 });
    expect((await reloaded(without.id)).version).toBe(without.version);
    const touched = (await reloaded(carrying.id)).updatedAt.getTime();
    expect(touched).toBeGreaterThanOrEqual(carrying.updatedAt.getTime());
    expect(Math.abs(touched - Date.now())).toBeLessThan(60_000);

    // the key is free again
    expect((await createField({ key: field.key, label: 'Reborn', type: 'boolean' })).type).toBe('boolean');
  });
});

describe('custom field definitions for the deals service', () => {
  it('lists the definitions by position and validates values against them', async () => {
    const budget = await createField({ key: uniqueKey('budget'), label: 'Budget', type: 'number', required: true, position: 0 });
    const stage = await createField({ key: uniqueKey('buying'), label: 'Buying stage', type: 'select', options: ['Research', 'Decision'], position: 0 });
    const definitions = await listCustomFieldDefinitions({ ctx: { user: manager, source: 'api' } });
    const keys = definitions.map((d) => d.key);
    expect(keys).toContain(budget.key);
    const expected = await db.customFieldDefinition.findMany({ orderBy: [{ position: 'asc' }, { id: 'asc' }] });
    expect(keys).toEqual(expected.map((d) => d.key));

    const relevant = definitions.filter((d) => d.key === budget.key || d.key === stage.key);
    expect(validateCustomFieldValues(relevant, { [budget.key]: 1000, [stage.key]: 'Decision' }, { partial: false })).toEqual({
      values: { [budget.key]: 1000, [stage.key]: 'Decision' },
      errors: [],
    });
    const bad = validateCustomFieldValues(relevant, { [stage.key]: 'Signed' }, { partial: false });
    expect(bad.errors.map((e) => e.path).sort()).toEqual([`custom_fields.${budget.key}`, `custom_fields.${stage.key}`].sort());
  });
});
