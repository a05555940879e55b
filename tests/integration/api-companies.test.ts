import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listCompaniesRoute, POST as createCompanyRoute } from '@/app/api/v1/companies/route';
import { DELETE as deleteCompanyRoute, GET as getCompanyRoute, PATCH as patchCompanyRoute } from '@/app/api/v1/companies/[id]/route';
import { GET as listDealCompaniesRoute } from '@/app/api/v1/deals/[id]/companies/route';
import { DELETE as unlinkCompanyRoute, PUT as linkCompanyRoute } from '@/app/api/v1/deals/[id]/companies/[companyId]/route';
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

/** A tag no other test uses, so list filters can be checked in a shared database. */
function unique(label: string): string {
  run += 1;
  return `${label}${run}x${Math.random().toString(36).slice(2, 7)}`;
}

async function createCompany(body: Record<string, unknown>, apiKey = key) {
  const answer = await call(createCompanyRoute, 'POST', '/api/v1/companies', { key: apiKey, body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data as { id: string; [field: string]: unknown };
}

async function listCompanies(query: string) {
  return call(listCompaniesRoute, 'GET', `/api/v1/companies${query}`, { key });
}

async function createDeal(name = 'Globex deal') {
  const deal = await db.deal.create({ data: { name, pipelineId: fixture.pipeline.id, stageId: fixture.stages[0]!.id } });
  return { ...deal, publicId: toPublicId('deal', deal.id) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('companies API: create, get, patch, delete', () => {
  it('answers 401 without an API key', async () => {
    expect((await call(listCompaniesRoute, 'GET', '/api/v1/companies')).status).toBe(401);
    const create = await call(createCompanyRoute, 'POST', '/api/v1/companies', { body: { name: 'Keyless Inc' } });
    expect(create.status).toBe(401);
    expect(create.json.error.code).toBe('unauthorized');
    expect(await db.company.count({ where: { name: 'Keyless Inc' } })).toBe(0);
  });

  it('round-trips a company', async () => {
    const externalId = unique('crm-');
    const created = await createCompany({ name: '  Acme Corp ', domain: 'https://www.Acme-Corp.com/pricing?x=1', external_id: externalId });
    expect(created).toMatchObject({ name: 'Acme Corp', domain: 'acme-corp.com', external_id: externalId });
    expect(created.id).toMatch(/^comp_/);
    expect(created.number).toBe(fromPublicId('company', created.id));
    expect(created.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(Object.keys(created).sort()).toEqual(['created_at', 'domain', 'external_id', 'id', 'name', 'number', 'updated_at']);

    const got = await call(getCompanyRoute, 'GET', `/api/v1/companies/${created.id}`, { key, params: { id: created.id } });
    expect(got.status).toBe(200);
    expect(got.json.data).toEqual(created);

    const patched = await call(patchCompanyRoute, 'PATCH', `/api/v1/companies/${created.id}`, {
      key,
      params: { id: created.id },
      body: { name: 'Acme Corporation', domain: null },
    });
    expect(patched.status).toBe(200);
    expect(patched.json.data).toMatchObject({ id: created.id, name: 'Acme Corporation', domain: null, external_id: externalId });
    const again = await call(getCompanyRoute, 'GET', `/api/v1/companies/${created.id}`, { key, params: { id: created.id } });
    expect(again.json.data).toEqual(patched.json.data);

    const deleted = await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${created.id}`, { key, params: { id: created.id } });
    expect(deleted.status).toBe(204);
    expect(deleted.json).toBeNull();
    expect((await call(getCompanyRoute, 'GET', `/api/v1/companies/${created.id}`, { key, params: { id: created.id } })).status).toBe(404);
    expect((await call(patchCompanyRoute, 'PATCH', `/api/v1/companies/${created.id}`, { key, params: { id: created.id }, body: { name: 'X' } })).status).toBe(
      404,
    );
    expect((await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${created.id}`, { key, params: { id: created.id } })).status).toBe(404);
    expect((await listCompanies(`?external_id=${externalId}`)).json.data).toEqual([]);
    expect(await db.company.findUnique({ where: { id: created.number as number } })).toMatchObject({ deletedAt: expect.any(Date) });
  });

  it('leaves fields a PATCH does not send alone', async () => {
    const created = await createCompany({ name: 'Initech', domain: 'initech.com' });
    const patched = await call(patchCompanyRoute, 'PATCH', `/api/v1/companies/${created.id}`, {
      key,
      params: { id: created.id },
      body: { domain: 'HTTP://INITECH.io' },
    });
    expect(patched.json.data).toMatchObject({ name: 'Initech', domain: 'initech.io', external_id: null });
    const empty = await call(patchCompanyRoute, 'PATCH', `/api/v1/companies/${created.id}`, { key, params: { id: created.id }, body: {} });
    expect(empty.status).toBe(200);
    expect(empty.json.data).toEqual(patched.json.data);
  });

  it('normalises domains and refuses ones that are obviously not domains', async () => {
    const normalised: [string, string | null][] = [
      ['Acme.com', 'acme.com'],
      ['https://Acme.com/x', 'acme.com'],
      ['acme.com/about/team', 'acme.com'],
      ['http://shop.acme.co.uk:8080/#top', 'shop.acme.co.uk'],
      ['www.acme.com', 'acme.com'],
      ['acme.com.', 'acme.com'],
      ['münchen.de', 'xn--mnchen-3ya.de'],
      ['', null],
    ];
    for (const [domain, expected] of normalised) {
      const created = await createCompany({ name: `Domain ${domain}`, domain });
      expect(created.domain, domain).toBe(expected);
    }
    for (const domain of [
      'acme',
      'not a domain',
      'ada@acme.com',
      '192.168.0.1',
      'http://',
      'acme..com',
      '-acme.com',
      'acme.c',
      'https://[::1]/',
      `${'a'.repeat(64)}.com`,
    ]) {
      const answer = await call(createCompanyRoute, 'POST', '/api/v1/companies', { key, body: { name: 'Bad domain', domain } });
      expect(answer.status, domain).toBe(400);
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        domain,
      ).toEqual(['domain']);
    }
  });

  it('lets a rep create, edit and delete companies', async () => {
    const created = await createCompany({ name: 'Rep Co' }, repKey);
    const patched = await call(patchCompanyRoute, 'PATCH', `/api/v1/companies/${created.id}`, {
      key: repKey,
      params: { id: created.id },
      body: { name: 'Rep Company' },
    });
    expect(patched.status).toBe(200);
    expect((await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${created.id}`, { key: repKey, params: { id: created.id } })).status).toBe(204);
  });
});

describe('companies API: validation', () => {
  it('answers 400 naming an unknown field, and writes nothing', async () => {
    const before = await db.company.count();
    const answer = await call(createCompanyRoute, 'POST', '/api/v1/companies', { key, body: { name: 'Typo Ltd', domian: 'typo.com' } });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('validation_failed');
    expect(answer.json.error.details).toEqual([{ path: 'domian', message: expect.stringContaining('domian') }]);
    expect(await db.company.count()).toBe(before);
  });

  it('answers 400 for a missing, empty or overlong name', async () => {
    for (const body of [{}, { name: ' ' }, { name: 'n'.repeat(201) }, { name: 7 }, { name: null }]) {
      const answer = await call(createCompanyRoute, 'POST', '/api/v1/companies', { key, body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.details.map((d: { path: string }) => d.path)).toEqual(['name']);
    }
  });

  it('answers 404 for a path ID of another kind or one that is not an ID', async () => {
    const deal = await createDeal();
    for (const id of [deal.publicId, toPublicId('contact', deal.id), 'comp_', 'acme', toPublicId('company', 987_654)]) {
      expect((await call(getCompanyRoute, 'GET', `/api/v1/companies/${id}`, { key, params: { id } })).status, id).toBe(404);
      expect((await call(patchCompanyRoute, 'PATCH', `/api/v1/companies/${id}`, { key, params: { id }, body: { name: 'X' } })).status, id).toBe(404);
      expect((await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${id}`, { key, params: { id } })).status, id).toBe(404);
    }
  });

  it('answers 409 for an external_id another company already has', async () => {
    const externalId = unique('dup-');
    const first = await createCompany({ name: 'First', external_id: externalId });
    const duplicate = await call(createCompanyRoute, 'POST', '/api/v1/companies', { key, body: { name: 'Second', external_id: externalId } });
    expect(duplicate.status).toBe(409);
    expect(duplicate.json.error.code).toBe('conflict');
    const other = await createCompany({ name: 'Other' });
    const patched = await call(patchCompanyRoute, 'PATCH', `/api/v1/companies/${other.id}`, {
      key,
      params: { id: other.id },
      body: { external_id: externalId },
    });
    expect(patched.status).toBe(409);
    expect((await call(getCompanyRoute, 'GET', `/api/v1/companies/${other.id}`, { key, params: { id: other.id } })).json.data.external_id).toBeNull();
    const same = await call(patchCompanyRoute, 'PATCH', `/api/v1/companies/${first.id}`, { key, params: { id: first.id }, body: { external_id: externalId } });
    expect(same.status).toBe(200);
  });

  it('answers 400 for an unknown query parameter, a bad domain filter or a bad cursor', async () => {
    for (const query of ['?nmae=acme', '?domain=not%20a%20domain', '?cursor=abc', '?limit=500', '?external_id=']) {
      const answer = await listCompanies(query);
      expect(answer.status, query).toBe(400);
    }
  });
});

describe('companies API: list', () => {
  it('narrows by q, domain and external_id', async () => {
    const tag = unique('zq');
    const acme = await createCompany({ name: `Acme ${tag}`, domain: `acme-${tag}.com`, external_id: `${tag}-acme` });
    const globex = await createCompany({ name: `Globex ${tag} Corporation`, domain: `globex-${tag}.net` });
    const subsidiary = await createCompany({ name: 'Subsidiary', domain: `eu.acme-${tag}.com` });
    const wildcard = await createCompany({ name: `Percent%${tag}` });
    const deleted = await createCompany({ name: `Acme ${tag} (old)`, domain: `old-acme-${tag}.com` });
    await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${deleted.id}`, { key, params: { id: deleted.id } });

    const ids = async (query: string) => {
      const answer = await listCompanies(query);
      expect(answer.status, query).toBe(200);
      return answer.json.data.map((c: { id: string }) => c.id);
    };
    expect(await ids(`?q=${tag}`)).toEqual([acme.id, globex.id, subsidiary.id, wildcard.id]);
    expect(await ids(`?q=${encodeURIComponent(`ACME-${tag.toUpperCase()}`)}`)).toEqual([acme.id, subsidiary.id]);
    expect(await ids(`?q=${encodeURIComponent(`globex ${tag} corp`)}`)).toEqual([globex.id]);
    expect(await ids(`?q=${encodeURIComponent(`${tag}.net`)}`)).toEqual([globex.id]);
    expect(await ids(`?q=${encodeURIComponent(`%${tag}`)}`)).toEqual([wildcard.id]);
    // domain: exact, normalised like stored domains
    expect(await ids(`?domain=acme-${tag}.com`)).toEqual([acme.id]);
    expect(await ids(`?domain=${encodeURIComponent(`https://www.ACME-${tag}.com/contact`)}`)).toEqual([acme.id]);
    expect(await ids(`?domain=eu.acme-${tag}.com`)).toEqual([subsidiary.id]);
    expect(await ids(`?domain=old-acme-${tag}.com`)).toEqual([]);
    // external_id
    expect(await ids(`?external_id=${tag}-acme`)).toEqual([acme.id]);
    expect(await ids(`?external_id=${tag}-acme&q=globex`)).toEqual([]);
  });

  it('pages with limit=2 without repeating or skipping rows while others are inserted and deleted', async () => {
    const tag = unique('page');
    const original: string[] = [];
    for (let i = 0; i < 7; i += 1) original.push((await createCompany({ name: `${tag} ${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    const deletedId = original[5]!;
    do {
      const query: string = `?q=${tag}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await listCompanies(query);
      expect(page.status).toBe(200);
      expect(page.json.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.json.data.map((c: { id: string }) => c.id));
      pages += 1;
      if (pages === 2) {
        await createCompany({ name: `${tag} latecomer` });
        await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${deletedId}`, { key, params: { id: deletedId } });
        const last = seen[seen.length - 1]!;
        await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${last}`, { key, params: { id: last } });
      }
      cursor = page.json.next_cursor;
    } while (cursor && pages < 20);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of original.filter((id) => id !== deletedId)) expect(seen).toContain(id);
    expect(seen).not.toContain(deletedId);
  });
});

describe('deal companies: link and unlink', () => {
  const linkPath = (dealId: string, companyId: string) => `/api/v1/deals/${dealId}/companies/${companyId}`;
  const link = (dealId: string, companyId: string, apiKey = key) =>
    call(linkCompanyRoute, 'PUT', linkPath(dealId, companyId), { key: apiKey, params: { id: dealId, companyId } });
  const unlink = (dealId: string, companyId: string, apiKey = key) =>
    call(unlinkCompanyRoute, 'DELETE', linkPath(dealId, companyId), { key: apiKey, params: { id: dealId, companyId } });
  const linked = async (dealId: string, query = '') => {
    const answer = await call(listDealCompaniesRoute, 'GET', `/api/v1/deals/${dealId}/companies${query}`, { key, params: { id: dealId } });
    expect(answer.status).toBe(200);
    return answer.json;
  };

  it("refuses to unlink the deal's primary company (409, link kept) until another is primary", async () => {
    const deal = await createDeal();
    const primary = await createCompany({ name: 'Primary Corp' });
    const primaryId = fromPublicId('company', primary.id)!;
    await db.deal.update({ where: { id: deal.id }, data: { companyId: primaryId } });
    expect((await link(deal.publicId, primary.id)).status).toBe(200);

    const refused = await unlink(deal.publicId, primary.id);
    expect(refused.status).toBe(409);
    expect(refused.json.error).toMatchObject({ code: 'conflict', details: [{ path: 'company_id' }] });
    expect(refused.json.error.message).toContain('primary');
    expect((await linked(deal.publicId)).data.map((item: { id: string }) => item.id)).toEqual([primary.id]);

    await db.deal.update({ where: { id: deal.id }, data: { companyId: null } });
    expect((await unlink(deal.publicId, primary.id)).status).toBe(204);
    expect((await linked(deal.publicId)).data).toEqual([]);
  });

  it('links idempotently, lists in link order, and unlinks idempotently', async () => {
    const deal = await createDeal();
    const first = await createCompany({ name: 'Linked First' });
    const second = await createCompany({ name: 'Linked Second', domain: 'second.example' });
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
    expect(list.data).toEqual([second, first]);
    expect(list).toMatchObject({ has_more: false, next_cursor: null });
    expect(await db.dealCompany.count({ where: { dealId: deal.id } })).toBe(2);

    const pageOne = await linked(deal.publicId, '?limit=1');
    expect(pageOne.data).toEqual([second]);
    const pageTwo = await linked(deal.publicId, `?limit=1&cursor=${pageOne.next_cursor}`);
    expect(pageTwo).toMatchObject({ data: [first], has_more: false, next_cursor: null });

    expect((await unlink(deal.publicId, second.id)).status).toBe(204);
    expect((await linked(deal.publicId)).data).toEqual([first]);
    expect((await unlink(deal.publicId, second.id)).status).toBe(204);
    expect((await call(getCompanyRoute, 'GET', `/api/v1/companies/${second.id}`, { key, params: { id: second.id } })).status).toBe(200);
  });

  it('leaves the deal’s primary company alone', async () => {
    const primary = await createCompany({ name: 'Primary Co' });
    const deal = await db.deal.create({
      data: { name: 'With primary', pipelineId: fixture.pipeline.id, stageId: fixture.stages[0]!.id, companyId: fromPublicId('company', primary.id) },
    });
    const dealId = toPublicId('deal', deal.id);
    const other = await createCompany({ name: 'Other Co' });
    await link(dealId, other.id);
    await link(dealId, primary.id);
    await unlink(dealId, primary.id);
    const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id } });
    expect(row.companyId).toBe(fromPublicId('company', primary.id));
    expect(row.version).toBe(deal.version);
  });

  it('lets a rep link and unlink', async () => {
    const deal = await createDeal();
    const company = await createCompany({ name: 'Rep Linked' });
    expect((await link(deal.publicId, company.id, repKey)).status).toBe(200);
    expect((await unlink(deal.publicId, company.id, repKey)).status).toBe(204);
  });

  it('answers 404 for an unknown, deleted or wrong-kind deal or company', async () => {
    const deal = await createDeal();
    const company = await createCompany({ name: 'Lonely Co' });
    const deletedDeal = await createDeal('Deleted deal');
    await db.deal.update({ where: { id: deletedDeal.id }, data: { deletedAt: new Date() } });
    const deletedCompany = await createCompany({ name: 'Departed Co' });
    await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${deletedCompany.id}`, { key, params: { id: deletedCompany.id } });
    const pairs: [string, string][] = [
      [toPublicId('deal', 987_654), company.id],
      [deletedDeal.publicId, company.id],
      [company.id, company.id],
      [deal.publicId, toPublicId('company', 987_654)],
      [deal.publicId, deletedCompany.id],
      [deal.publicId, deal.publicId],
      [deal.publicId, toPublicId('contact', fromPublicId('company', company.id)!)],
    ];
    for (const [dealId, companyId] of pairs) {
      const put = await link(dealId, companyId);
      expect(put.status, `${dealId} ${companyId}`).toBe(404);
      expect(put.json.error.code).toBe('not_found');
      expect((await unlink(dealId, companyId)).status, `${dealId} ${companyId}`).toBe(404);
    }
    for (const dealId of [toPublicId('deal', 987_654), deletedDeal.publicId, company.id]) {
      expect((await call(listDealCompaniesRoute, 'GET', `/api/v1/deals/${dealId}/companies`, { key, params: { id: dealId } })).status, dealId).toBe(404);
    }
    expect(await db.dealCompany.count({ where: { dealId: deal.id } })).toBe(0);
  });

  it('hides a linked company once it is deleted', async () => {
    const deal = await createDeal();
    const staying = await createCompany({ name: 'Staying Co' });
    const leaving = await createCompany({ name: 'Leaving Co' });
    await link(deal.publicId, leaving.id);
    await link(deal.publicId, staying.id);
    await call(deleteCompanyRoute, 'DELETE', `/api/v1/companies/${leaving.id}`, { key, params: { id: leaving.id } });
    expect((await linked(deal.publicId)).data.map((c: { id: string }) => c.id)).toEqual([staying.id]);
  });

  it('answers 401 without an API key', async () => {
    const deal = await createDeal();
    const company = await createCompany({ name: 'Keyless Link Co' });
    const put = await call(linkCompanyRoute, 'PUT', linkPath(deal.publicId, company.id), { params: { id: deal.publicId, companyId: company.id } });
    expect(put.status).toBe(401);
    expect(await db.dealCompany.count({ where: { dealId: deal.id } })).toBe(0);
  });
});
