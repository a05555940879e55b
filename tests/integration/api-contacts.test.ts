import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listContactsRoute, POST as createContactRoute } from '@/app/api/v1/contacts/route';
import { DELETE as deleteContactRoute, GET as getContactRoute, PATCH as patchContactRoute } from '@/app/api/v1/contacts/[id]/route';
import { POST as createCompanyRoute } from '@/app/api/v1/companies/route';
import { DELETE as deleteCompanyRoute } from '@/app/api/v1/companies/[id]/route';
import { GET as listDealContactsRoute } from '@/app/api/v1/deals/[id]/contacts/route';
import { DELETE as unlinkContactRoute, PUT as linkContactRoute } from '@/app/api/v1/deals/[id]/contacts/[contactId]/route';
import { db } from '@/lib/db';
import { fromPublicId, toPublicId } from '@/lib/ids';
import { call as callHandler, createPipelineFixture, createUserWithKey } from '../setup/api';

// tests/setup/api.ts types handlers with untyped params; ours declare theirs ({ id }, …)
type Handler = Parameters<typeof callHandler>[0];
const call = (handler: unknown, method: string, path: string, options: Parameters<typeof callHandler>[3] = {}) =>
  callHandler(handler as Handler, method, path, options);

let key: string;
let repKey: string;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;
let run = 0;

beforeAll(async () => {
  ({ key } = await createUserWithKey('manager'));
  ({ key: repKey } = await createUserWithKey('rep'));
  fixture = await createPipelineFixture();
});

/** A prefix no other test uses, so list filters can be checked in a shared database. */
function unique(label: string): string {
  run += 1;
  return `${label}${run}x${Math.random().toString(36).slice(2, 7)}`;
}

async function createContact(body: Record<string, unknown>, apiKey = key) {
  const answer = await call(createContactRoute, 'POST', '/api/v1/contacts', { key: apiKey, body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data as { id: string; [field: string]: unknown };
}

async function createCompany(name: string) {
  const answer = await call(createCompanyRoute, 'POST', '/api/v1/companies', { key, body: { name } });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data as { id: string; name: string };
}

async function listContacts(query: string, apiKey = key) {
  return call(listContactsRoute, 'GET', `/api/v1/contacts${query}`, { key: apiKey });
}

async function createDeal(name = 'Acme deal') {
  const deal = await db.deal.create({ data: { name, pipelineId: fixture.pipeline.id, stageId: fixture.stages[0]!.id } });
  return { ...deal, publicId: toPublicId('deal', deal.id) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('contacts API: authentication', () => {
  it('answers 401 without an API key', async () => {
    const list = await call(listContactsRoute, 'GET', '/api/v1/contacts');
    expect(list.status).toBe(401);
    expect(list.json.error.code).toBe('unauthorized');
    const create = await call(createContactRoute, 'POST', '/api/v1/contacts', { body: { first_name: 'Ada' } });
    expect(create.status).toBe(401);
    const wrong = await call(getContactRoute, 'GET', '/api/v1/contacts/cont_x', { key: 'not-a-key', params: { id: 'cont_x' } });
    expect(wrong.status).toBe(401);
    expect(await db.contact.count({ where: { firstName: 'Ada', email: null, externalId: null, phone: null, lastName: '' } })).toBe(0);
  });
});

describe('contacts API: create, get, patch, delete', () => {
  it('round-trips a contact', async () => {
    const company = await createCompany('Analytical Engines Ltd');
    const created = await createContact({
      first_name: '  Ada ',
      last_name: 'Lovelace',
      email: ' ada@example.com ',
      phone: '+44 20 7946 0958',
      company_id: company.id,
      external_id: unique('ext-'),
    });
    expect(created).toMatchObject({
      first_name: 'Ada',
      last_name: 'Lovelace',
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      phone: '+44 20 7946 0958',
      company_id: company.id,
    });
    expect(created.id).toMatch(/^cont_/);
    expect(created.number).toBe(fromPublicId('contact', created.id));
    expect(created.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(created.updated_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Object.keys(created).sort()).toEqual(
      ['company_id', 'created_at', 'email', 'external_id', 'first_name', 'id', 'last_name', 'name', 'number', 'phone', 'updated_at'].sort(),
    );

    const got = await call(getContactRoute, 'GET', `/api/v1/contacts/${created.id}`, { key, params: { id: created.id } });
    expect(got.status).toBe(200);
    expect(got.json.data).toEqual(created);

    const patched = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${created.id}`, {
      key,
      params: { id: created.id },
      body: { last_name: 'King', phone: null, email: 'ADA@Example.com', company_id: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.data).toMatchObject({
      id: created.id,
      first_name: 'Ada',
      last_name: 'King',
      name: 'Ada King',
      phone: null,
      email: 'ADA@Example.com',
      company_id: null,
      external_id: created.external_id,
    });
    const again = await call(getContactRoute, 'GET', `/api/v1/contacts/${created.id}`, { key, params: { id: created.id } });
    expect(again.json.data).toEqual(patched.json.data);

    const deleted = await call(deleteContactRoute, 'DELETE', `/api/v1/contacts/${created.id}`, { key, params: { id: created.id } });
    expect(deleted.status).toBe(204);
    expect(deleted.json).toBeNull();
    const gone = await call(getContactRoute, 'GET', `/api/v1/contacts/${created.id}`, { key, params: { id: created.id } });
    expect(gone.status).toBe(404);
    expect(gone.json.error.code).toBe('not_found');
    const patchGone = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${created.id}`, { key, params: { id: created.id }, body: { first_name: 'X' } });
    expect(patchGone.status).toBe(404);
    const deleteAgain = await call(deleteContactRoute, 'DELETE', `/api/v1/contacts/${created.id}`, { key, params: { id: created.id } });
    expect(deleteAgain.status).toBe(404);
    const list = await listContacts(`?external_id=${encodeURIComponent(String(created.external_id))}`);
    expect(list.json.data).toEqual([]);
    // soft delete: the row stays for history
    expect(await db.contact.findUnique({ where: { id: created.number as number } })).toMatchObject({ deletedAt: expect.any(Date) });
  });

  it('needs only a first name; the name has no stray space and empty optional text is null', async () => {
    const created = await createContact({ first_name: 'Cher', email: '', phone: '   ' });
    expect(created).toMatchObject({ first_name: 'Cher', last_name: '', name: 'Cher', email: null, phone: null, company_id: null, external_id: null });
  });

  it('leaves fields that a PATCH does not send alone, and an empty PATCH changes nothing', async () => {
    const created = await createContact({ first_name: 'Grace', last_name: 'Hopper', email: 'grace@example.com' });
    const patched = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${created.id}`, {
      key,
      params: { id: created.id },
      body: { first_name: 'Amazing Grace' },
    });
    expect(patched.json.data).toMatchObject({ first_name: 'Amazing Grace', last_name: 'Hopper', email: 'grace@example.com', name: 'Amazing Grace Hopper' });
    const empty = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${created.id}`, { key, params: { id: created.id }, body: {} });
    expect(empty.status).toBe(200);
    expect(empty.json.data).toEqual(patched.json.data);
  });

  it('lets a rep create, edit and delete contacts', async () => {
    const created = await createContact({ first_name: 'Rep-made' }, repKey);
    const patched = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${created.id}`, {
      key: repKey,
      params: { id: created.id },
      body: { last_name: 'Contact' },
    });
    expect(patched.status).toBe(200);
    const deleted = await call(deleteContactRoute, 'DELETE', `/api/v1/contacts/${created.id}`, { key: repKey, params: { id: created.id } });
    expect(deleted.status).toBe(204);
  });

  it('replays a POST sent again with the same Idempotency-Key instead of creating a second contact', async () => {
    const externalId = unique('idem-');
    const headers = { 'Idempotency-Key': unique('key-') };
    const first = await call(createContactRoute, 'POST', '/api/v1/contacts', { key, headers, body: { first_name: 'Once', external_id: externalId } });
    const second = await call(createContactRoute, 'POST', '/api/v1/contacts', { key, headers, body: { first_name: 'Once', external_id: externalId } });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.json).toEqual(first.json);
    expect(await db.contact.count({ where: { externalId } })).toBe(1);
  });
});

describe('contacts API: validation', () => {
  it('answers 400 naming an unknown field, and writes nothing', async () => {
    const before = await db.contact.count();
    const answer = await call(createContactRoute, 'POST', '/api/v1/contacts', { key, body: { first_name: 'Typo', emial: 'typo@example.com' } });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('validation_failed');
    expect(answer.json.error.details).toContainEqual({ path: 'emial', message: expect.stringContaining('emial') });
    expect(await db.contact.count()).toBe(before);

    const created = await createContact({ first_name: 'Patchy' });
    const patch = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${created.id}`, { key, params: { id: created.id }, body: { frist_name: 'P' } });
    expect(patch.status).toBe(400);
    expect(patch.json.error.details.map((d: { path: string }) => d.path)).toEqual(['frist_name']);
  });

  it('answers 400 for a missing, empty or overlong first name, a bad email, and bad types', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ last_name: 'Nobody' }, 'first_name'],
      [{ first_name: '   ' }, 'first_name'],
      [{ first_name: 'x'.repeat(101) }, 'first_name'],
      [{ first_name: 'Ada', email: 'not-an-email' }, 'email'],
      [{ first_name: 'Ada', email: 'ada@' }, 'email'],
      [{ first_name: 'Ada', phone: 12345 }, 'phone'],
      [{ first_name: 'Ada', last_name: 'y'.repeat(101) }, 'last_name'],
      [{ first_name: 'Ada', external_id: 'z'.repeat(256) }, 'external_id'],
      [{ first_name: 'Ada', company_id: 'deal_k5R8sPqW2z' }, 'company_id'],
      [{ first_name: 'Ada', company_id: 42 }, 'company_id'],
    ];
    for (const [body, path] of cases) {
      const answer = await call(createContactRoute, 'POST', '/api/v1/contacts', { key, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        JSON.stringify(body),
      ).toContain(path);
    }
    const patchNull = await createContact({ first_name: 'Nullable' });
    const answer = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${patchNull.id}`, {
      key,
      params: { id: patchNull.id },
      body: { first_name: null },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.details[0].path).toBe('first_name');
  });

  it('answers 400 for a body that is not JSON or not an object', async () => {
    const bad = await call(createContactRoute, 'POST', '/api/v1/contacts', { key, rawBody: '{"first_name": "Ada",' });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('invalid_json');
    const array = await call(createContactRoute, 'POST', '/api/v1/contacts', { key, body: [{ first_name: 'Ada' }] });
    expect(array.status).toBe(400);
    expect(array.json.error.code).toBe('validation_failed');
  });

  it('answers 404 for a path ID of another kind or one that is not an ID', async () => {
    const deal = await createDeal();
    for (const id of [deal.publicId, toPublicId('company', deal.id), 'cont_nonsense', '42']) {
      const got = await call(getContactRoute, 'GET', `/api/v1/contacts/${id}`, { key, params: { id } });
      expect(got.status, id).toBe(404);
      expect(got.json.error.code).toBe('not_found');
      const patched = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${id}`, { key, params: { id }, body: { first_name: 'X' } });
      expect(patched.status, id).toBe(404);
      const deleted = await call(deleteContactRoute, 'DELETE', `/api/v1/contacts/${id}`, { key, params: { id } });
      expect(deleted.status, id).toBe(404);
    }
    const unknown = toPublicId('contact', 987_654);
    const got = await call(getContactRoute, 'GET', `/api/v1/contacts/${unknown}`, { key, params: { id: unknown } });
    expect(got.status).toBe(404);
  });

  it('answers 409 for an external_id another contact already has, on create and on patch', async () => {
    const externalId = unique('dup-');
    const first = await createContact({ first_name: 'First', external_id: externalId });
    const duplicate = await call(createContactRoute, 'POST', '/api/v1/contacts', { key, body: { first_name: 'Second', external_id: externalId } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe('conflict');
    expect(duplicate.json.error.details).toEqual([{ path: 'external_id', message: expect.any(String) }]);

    const other = await createContact({ first_name: 'Other' });
    const patched = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${other.id}`, {
      key,
      params: { id: other.id },
      body: { external_id: externalId },
    });
    expect(patched.status).toBe(409);
    // patching a contact's own external_id to itself is no conflict
    const same = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${first.id}`, { key, params: { id: first.id }, body: { external_id: externalId } });
    expect(same.status).toBe(200);

    // a deleted contact keeps its external_id reserved, and the message says so
    await call(deleteContactRoute, 'DELETE', `/api/v1/contacts/${first.id}`, { key, params: { id: first.id } });
    const afterDelete = await call(createContactRoute, 'POST', '/api/v1/contacts', { key, body: { first_name: 'Third', external_id: externalId } });
    expect(afterDelete.status).toBe(409);
    expect(afterDelete.json.error.message).toMatch(/deleted/);
  });

  it('answers 422 for a company_id that names no company or a deleted one', async () => {
    const unknown = toPublicId('company', 987_654);
    const created = await call(createContactRoute, 'POST', '/api/v1/contacts', { key, body: { first_name: 'Orphan', company_id: unknown } });
    expect(created.status).toBe(422);
    expect(created.json.error.code).toBe('unprocessable');
    expect(created.json.error.details).toEqual([{ path: 'company_id', message: expect.any(String) }]);

    const company = await createCompany('Soon Gone Inc');
    await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${company.id}`, { key, params: { id: company.id } });
    const toDeleted = await call(createContactRoute, 'POST', '/api/v1/contacts', { key, body: { first_name: 'Late', company_id: company.id } });
    expect(toDeleted.status).toBe(422);

    const contact = await createContact({ first_name: 'Mover' });
    const patched = await call(patchContactRoute, 'PATCH', `/api/v1/contacts/${contact.id}`, {
      key,
      params: { id: contact.id },
      body: { company_id: unknown },
    });
    expect(patched.status).toBe(422);
    const unchanged = await call(getContactRoute, 'GET', `/api/v1/contacts/${contact.id}`, { key, params: { id: contact.id } });
    expect(unchanged.json.data.company_id).toBeNull();
  });

  it('shows no company once the contact’s company is deleted', async () => {
    const company = await createCompany('Vanishing Co');
    const contact = await createContact({ first_name: 'Left', last_name: 'Behind', company_id: company.id });
    expect(contact.company_id).toBe(company.id);
    await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${company.id}`, { key, params: { id: company.id } });
    const got = await call(getContactRoute, 'GET', `/api/v1/contacts/${contact.id}`, { key, params: { id: contact.id } });
    expect(got.status).toBe(200);
    expect(got.json.data.company_id).toBeNull();
    const byCompany = await listContacts(`?company_id=${company.id}`);
    expect(byCompany.json.data).toEqual([]);
  });

  it('answers 400 for an unknown query parameter, a bad limit or a bad cursor', async () => {
    for (const query of ['?compnay_id=comp_x', '?limit=0', '?limit=201', '?limit=abc', '?cursor=nonsense', '?company_id=deal_k5R8sPqW2z', '?email=']) {
      const answer = await listContacts(query);
      expect(answer.status, query).toBe(400);
      expect(answer.json.error.code, query).toBe('validation_failed');
    }
  });
});

describe('contacts API: list', () => {
  it('narrows by q, company_id, email and external_id', async () => {
    const tag = unique('zq');
    const acme = await createCompany(`Acme ${tag}`);
    const globex = await createCompany(`Globex ${tag}`);
    const ada = await createContact({
      first_name: `Ada${tag}`,
      last_name: 'Lovelace',
      email: `ada.${tag}@acme.test`,
      company_id: acme.id,
      external_id: `${tag}-ada`,
    });
    const alan = await createContact({
      first_name: 'Alan',
      last_name: `Turing${tag}`,
      email: `alan.${tag}@globex.test`,
      company_id: globex.id,
      external_id: `${tag}-alan`,
    });
    const grace = await createContact({ first_name: 'Grace', last_name: 'Hopper', email: `grace_${tag}@acme.test`, company_id: acme.id });
    const graceLookalike = await createContact({ first_name: 'Gracie', last_name: 'Lookalike', email: `gracex${tag}@acme.test` });
    const deleted = await createContact({ first_name: `Ada${tag}`, last_name: 'Deleted', email: `deleted.${tag}@acme.test`, company_id: acme.id });
    await call(deleteContactRoute, 'DELETE', `/api/v1/contacts/${deleted.id}`, { key, params: { id: deleted.id } });

    const ids = async (query: string) => {
      const answer = await listContacts(query);
      expect(answer.status, query).toBe(200);
      expect(answer.json.has_more).toBe(false);
      expect(answer.json.next_cursor).toBeNull();
      return answer.json.data.map((c: { id: string }) => c.id);
    };
    // q: first name, last name, email, any case; every word must match
    expect(await ids(`?q=${tag}`)).toEqual([ada.id, alan.id, grace.id, graceLookalike.id]);
    expect(await ids(`?q=ADA${tag.toUpperCase()}`)).toEqual([ada.id]);
    expect(await ids(`?q=turing${tag}`)).toEqual([alan.id]);
    expect(await ids(`?q=${encodeURIComponent(`@globex.test ${tag}`)}`)).toEqual([alan.id]);
    expect(await ids(`?q=${encodeURIComponent(`ada${tag} lovelace`)}`)).toEqual([ada.id]);
    expect(await ids(`?q=${encodeURIComponent(`ada${tag} hopper`)}`)).toEqual([]);
    // pattern characters match themselves
    expect(await ids(`?q=${encodeURIComponent(`grace_${tag}`)}`)).toEqual([grace.id]);
    expect(await ids(`?q=${encodeURIComponent(`%${tag}@acme`)}`)).toEqual([]);
    // company_id
    expect(await ids(`?company_id=${acme.id}`)).toEqual([ada.id, grace.id]);
    expect(await ids(`?company_id=${globex.id}`)).toEqual([alan.id]);
    // email: exact, case-insensitive, "_" is no wildcard
    expect(await ids(`?email=${encodeURIComponent(`ADA.${tag}@Acme.TEST`)}`)).toEqual([ada.id]);
    expect(await ids(`?email=${encodeURIComponent(`grace_${tag}@acme.test`)}`)).toEqual([grace.id]);
    expect(await ids(`?email=${encodeURIComponent(`ada.${tag}@acme`)}`)).toEqual([]);
    expect(await ids(`?email=${encodeURIComponent(`deleted.${tag}@acme.test`)}`)).toEqual([]);
    // external_id
    expect(await ids(`?external_id=${tag}-alan`)).toEqual([alan.id]);
    expect(await ids(`?external_id=${tag}-ALAN`)).toEqual([]);
    // filters combine
    expect(await ids(`?company_id=${acme.id}&q=grace`)).toEqual([grace.id]);
    expect(await ids(`?company_id=${globex.id}&external_id=${tag}-ada`)).toEqual([]);
  });

  it('pages with limit=2 without repeating or skipping rows while others are inserted and deleted', async () => {
    const company = await createCompany(unique('Paging '));
    const original: string[] = [];
    for (let i = 0; i < 7; i += 1) original.push((await createContact({ first_name: `Page${i}`, company_id: company.id })).id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    let inserted: string | null = null;
    const deletedId = original[4]!;
    do {
      const query: string = `?company_id=${company.id}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await listContacts(query);
      expect(page.status).toBe(200);
      expect(page.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.data.map((c: { id: string }) => c.id));
      pages += 1;
      if (pages === 1) {
        // mid-way: one contact arrives, one that has not been served yet goes
        inserted = (await createContact({ first_name: 'Latecomer', company_id: company.id })).id;
        await call(deleteContactRoute, 'DELETE', `/api/v1/contacts/${deletedId}`, { key, params: { id: deletedId } });
      }
      if (pages === 2) {
        // the row a cursor points at may go too
        const last = seen[seen.length - 1]!;
        await call(deleteContactRoute, 'DELETE', `/api/v1/contacts/${last}`, { key, params: { id: last } });
      }
      expect(page.json.has_more).toBe(page.json.next_cursor !== null);
      cursor = page.json.next_cursor;
    } while (cursor && pages < 20);

    expect(new Set(seen).size).toBe(seen.length);
    const survivors = original.filter((id) => id !== deletedId);
    for (const id of survivors) expect(seen).toContain(id);
    expect(seen).not.toContain(deletedId);
    // everything comes in creation order
    const order = [...original, inserted];
    const positions = seen.map((id) => order.indexOf(id));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('refuses a cursor of another list', async () => {
    const company = await createCompany(unique('Cursor '));
    for (let i = 0; i < 2; i += 1) await createContact({ first_name: `Cur${i}`, company_id: company.id });
    const page = await listContacts(`?company_id=${company.id}&limit=1`);
    expect(page.json.has_more).toBe(true);
    const deal = await createDeal();
    const links = await call(listDealContactsRoute, 'GET', `/api/v1/deals/${deal.publicId}/contacts?cursor=${page.json.next_cursor}`, {
      key,
      params: { id: deal.publicId },
    });
    expect(links.status).toBe(400);
  });
});

describe('deal contacts: link and unlink', () => {
  const linkPath = (dealId: string, contactId: string) => `/api/v1/deals/${dealId}/contacts/${contactId}`;
  const link = (dealId: string, contactId: string, apiKey = key) =>
    call(linkContactRoute, 'PUT', linkPath(dealId, contactId), { key: apiKey, params: { id: dealId, contactId } });
  const unlink = (dealId: string, contactId: string, apiKey = key) =>
    call(unlinkContactRoute, 'DELETE', linkPath(dealId, contactId), { key: apiKey, params: { id: dealId, contactId } });
  const linked = async (dealId: string, query = '') => {
    const answer = await call(listDealContactsRoute, 'GET', `/api/v1/deals/${dealId}/contacts${query}`, { key, params: { id: dealId } });
    expect(answer.status).toBe(200);
    return answer.json;
  };

  it("refuses to unlink the deal's primary contact (409, link kept) until another is primary", async () => {
    const deal = await createDeal();
    const primary = await createContact({ first_name: 'Primary', last_name: 'Person' });
    const primaryId = fromPublicId('contact', primary.id)!;
    await db.deal.update({ where: { id: deal.id }, data: { contactId: primaryId } });
    expect((await link(deal.publicId, primary.id)).status).toBe(200);

    const refused = await unlink(deal.publicId, primary.id);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'conflict', details: [{ path: 'contact_id' }] });
    expect(refused.json.error.message).toContain('primary');
    expect((await linked(deal.publicId)).data.map((item: { id: string }) => item.id)).toEqual([primary.id]);

    await db.deal.update({ where: { id: deal.id }, data: { contactId: null } });
    expect((await unlink(deal.publicId, primary.id)).status).toBe(204);
    expect((await linked(deal.publicId)).data).toEqual([]);
  });

  it('links idempotently, lists in link order, and unlinks idempotently', async () => {
    const deal = await createDeal();
    const first = await createContact({ first_name: 'Linked', last_name: 'First' });
    const second = await createContact({ first_name: 'Linked', last_name: 'Second' });
    expect((await linked(deal.publicId)).data).toEqual([]);

    const answer = await link(deal.publicId, second.id);
    expect(answer.status).toBe(200);
    expect(answer.json.data).toEqual(second);
    await sleep(5);
    expect((await link(deal.publicId, first.id)).status).toBe(200);
    await sleep(5);
    const repeat = await link(deal.publicId, second.id);
    expect(repeat.status).toBe(200);
    expect(repeat.json.data).toEqual(second);

    const list = await linked(deal.publicId);
    expect(list.data.map((c: { id: string }) => c.id)).toEqual([second.id, first.id]);
    expect(list.data[0]).toEqual(second);
    expect(list).toMatchObject({ has_more: false, next_cursor: null });
    expect(await db.dealContact.count({ where: { dealId: deal.id } })).toBe(2);

    const pageOne = await linked(deal.publicId, '?limit=1');
    expect(pageOne.data.map((c: { id: string }) => c.id)).toEqual([second.id]);
    expect(pageOne.has_more).toBe(true);
    const pageTwo = await linked(deal.publicId, `?limit=1&cursor=${pageOne.next_cursor}`);
    expect(pageTwo.data.map((c: { id: string }) => c.id)).toEqual([first.id]);
    expect(pageTwo.has_more).toBe(false);

    const removed = await unlink(deal.publicId, second.id);
    expect(removed.status).toBe(204);
    expect(removed.json).toBeNull();
    expect((await linked(deal.publicId)).data.map((c: { id: string }) => c.id)).toEqual([first.id]);
    const removedAgain = await unlink(deal.publicId, second.id);
    expect(removedAgain.status).toBe(204);
    const neverLinked = await createContact({ first_name: 'Never' });
    expect((await unlink(deal.publicId, neverLinked.id)).status).toBe(204);
    // unlinking does not delete the contact
    expect((await call(getContactRoute, 'GET', `/api/v1/contacts/${second.id}`, { key, params: { id: second.id } })).status).toBe(200);
  });

  it('leaves the deal’s primary contact alone', async () => {
    const primary = await createContact({ first_name: 'Primary' });
    const other = await createContact({ first_name: 'Other' });
    const deal = await db.deal.create({
      data: { name: 'With primary', pipelineId: fixture.pipeline.id, stageId: fixture.stages[0]!.id, contactId: fromPublicId('contact', primary.id) },
    });
    const dealId = toPublicId('deal', deal.id);
    await link(dealId, other.id);
    await link(dealId, primary.id);
    await unlink(dealId, primary.id);
    const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row.contactId).toBe(fromPublicId('contact', primary.id));
    expect(row.version).toBe(deal.version);
  });

  it('lets a rep link and unlink', async () => {
    const deal = await createDeal();
    const contact = await createContact({ first_name: 'RepLinked' });
    expect((await link(deal.publicId, contact.id, repKey)).status).toBe(200);
    expect((await unlink(deal.publicId, contact.id, repKey)).status).toBe(204);
  });

  it('answers 404 for an unknown, deleted or wrong-kind deal or contact', async () => {
    const deal = await createDeal();
    const contact = await createContact({ first_name: 'Lonely' });
    const deletedDeal = await createDeal('Deleted deal');
    await db.deal.update({ where: { id: deletedDeal.id }, data: { deletedAt: new Date() } });
    const deletedContact = await createContact({ first_name: 'Departed' });
    await call(deleteContactRoute, 'DELETE', `/api/v1/contacts/${deletedContact.id}`, { key, params: { id: deletedContact.id } });

    const pairs: [string, string][] = [
      [toPublicId('deal', 987_654), contact.id],
      [deletedDeal.publicId, contact.id],
      [contact.id, contact.id],
      [deal.publicId, toPublicId('contact', 987_654)],
      [deal.publicId, deletedContact.id],
      [deal.publicId, deal.publicId],
      [deal.publicId, toPublicId('company', fromPublicId('contact', contact.id)!)],
    ];
    for (const [dealId, contactId] of pairs) {
      const put = await link(dealId, contactId);
      expect(put.status, `${dealId} ${contactId}`).toBe(404);
      expect(put.json.error.code).toBe('not_found');
      expect((await unlink(dealId, contactId)).status, `${dealId} ${contactId}`).toBe(404);
    }
    for (const dealId of [toPublicId('deal', 987_654), deletedDeal.publicId, contact.id]) {
      const answer = await call(listDealContactsRoute, 'GET', `/api/v1/deals/${dealId}/contacts`, { key, params: { id: dealId } });
      expect(answer.status, dealId).toBe(404);
    }
    expect(await db.dealContact.count({ where: { dealId: deal.id } })).toBe(0);
  });

  it('hides a linked contact once it is deleted, while the deal keeps working', async () => {
    const deal = await createDeal();
    const staying = await createContact({ first_name: 'Staying' });
    const leaving = await createContact({ first_name: 'Leaving' });
    await link(deal.publicId, leaving.id);
    await link(deal.publicId, staying.id);
    await call(deleteContactRoute, 'DELETE', `/api/v1/contacts/${leaving.id}`, { key, params: { id: leaving.id } });
    expect((await linked(deal.publicId)).data.map((c: { id: string }) => c.id)).toEqual([staying.id]);
    expect(await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ deletedAt: null });
  });

  it('answers 401 without an API key', async () => {
    const deal = await createDeal();
    const contact = await createContact({ first_name: 'Keyless' });
    const put = await call(linkContactRoute, 'PUT', `/api/v1/deals/${deal.publicId}/contacts/${contact.id}`, {
      params: { id: deal.publicId, contactId: contact.id },
    });
    expect(put.status).toBe(401);
    const list = await call(listDealContactsRoute, 'GET', `/api/v1/deals/${deal.publicId}/contacts`, { params: { id: deal.publicId } });
    expect(list.status).toBe(401);
    expect(await db.dealContact.count({ where: { dealId: deal.id } })).toBe(0);
  });
});
