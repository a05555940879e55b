import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getContactRoute } from '@/app/api/v1/contacts/[id]/route';
import { POST as mergeContactRoute } from '@/app/api/v1/contacts/[id]/merge/route';
import { GET as getCompanyRoute } from '@/app/api/v1/companies/[id]/route';
import { POST as mergeCompanyRoute } from '@/app/api/v1/companies/[id]/merge/route';
import { db } from '@/lib/db';
import { toPublicId } from '@/lib/ids';
import { getCompanyPage } from '@/lib/services/companies/get-company-page';
import { findDuplicateCompanies } from '@/lib/services/companies/find-duplicate-companies';
import { mergeCompanies } from '@/lib/services/companies/merge-companies';
import { getContactPage } from '@/lib/services/contacts/get-contact-page';
import { findDuplicateContacts } from '@/lib/services/contacts/find-duplicate-contacts';
import { mergeContacts } from '@/lib/services/contacts/merge-contacts';
import type { ServiceContext } from '@/lib/services/context';
import { call as callHandler, createPipelineFixture, createUserWithKey } from '../setup/api';

type Handler = Parameters<typeof callHandler>[0];
const call = (handler: unknown, method: string, path: string, options: Parameters<typeof callHandler>[3] = {}) =>
  callHandler(handler as Handler, method, path, options);

let managerKey: string;
let repKey: string;
let manager: ServiceContext;
let rep: ServiceContext;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;
let run = 0;

beforeAll(async () => {
  const m = await createUserWithKey('manager', 'Merge Manager');
  const r = await createUserWithKey('rep', 'Merge Rep');
  managerKey = m.key;
  repKey = r.key;
  manager = { user: m.user, source: 'ui' };
  rep = { user: r.user, source: 'ui' };
  fixture = await createPipelineFixture('Merges');
});

const unique = (label: string) => `${label}${++run}${Math.random().toString(36).slice(2, 7)}`;

/** A deal with a stage move, an activity and a task: what a merge must leave where it is. */
async function dealWithHistory(name: string, refs: { contactId?: number; companyId?: number }) {
  const deal = await db.deal.create({ data: { name, pipelineId: fixture.pipeline.id, stageId: fixture.stages[1]!.id, ...refs } });
  await db.stageHistory.create({
    data: { dealId: deal.id, fromStageId: fixture.stages[0]!.id, toStageId: fixture.stages[1]!.id, toPipelineId: fixture.pipeline.id },
  });
  await db.activity.create({ data: { dealId: deal.id, type: 'call', subject: `Call about ${name}` } });
  await db.task.create({ data: { dealId: deal.id, title: `Follow up ${name}` } });
  return deal;
}

/** Everything a merge may touch, to show a refused one changed nothing. */
async function snapshot() {
  const [contacts, companies, deals, dealContacts, dealCompanies, events] = await Promise.all([
    db.contact.findMany({ orderBy: { id: 'asc' } }),
    db.company.findMany({ orderBy: { id: 'asc' } }),
    db.deal.findMany({ orderBy: { id: 'asc' }, select: { id: true, contactId: true, companyId: true, version: true } }),
    db.dealContact.findMany({ orderBy: [{ dealId: 'asc' }, { contactId: 'asc' }] }),
    db.dealCompany.findMany({ orderBy: [{ dealId: 'asc' }, { companyId: 'asc' }] }),
    db.changeEvent.count(),
  ]);
  return { contacts, companies, deals, dealContacts, dealCompanies, events };
}

describe('merging contacts', () => {
  it('moves every deal, link, activity, task and stage history to the survivor and fills its empty fields', async () => {
    const company = await db.company.create({ data: { name: unique('Analytical ') } });
    const survivor = await db.contact.create({ data: { firstName: 'Ada', lastName: '', email: 'ada@survivor.test' } });
    const merged = await db.contact.create({
      data: { firstName: 'Ada', lastName: 'Lovelace', email: 'ada@old.test', phone: '+44 1', companyId: company.id, externalId: unique('ext-') },
    });
    const primaryDeal = await dealWithHistory('Primary deal', { contactId: merged.id });
    const linkedDeal = await dealWithHistory('Linked deal', {});
    await db.dealContact.create({ data: { dealId: linkedDeal.id, contactId: merged.id } });
    // linked to both: one link must remain
    const sharedDeal = await dealWithHistory('Shared deal', { contactId: survivor.id });
    await db.dealContact.createMany({
      data: [
        { dealId: sharedDeal.id, contactId: merged.id },
        { dealId: sharedDeal.id, contactId: survivor.id },
      ],
    });
    const survivorDeal = await dealWithHistory('Survivor deal', { contactId: survivor.id });
    const before = await db.changeEvent.aggregate({ _max: { id: true } });

    const answer = await call(mergeContactRoute, 'POST', `/api/v1/contacts/${toPublicId('contact', merged.id)}/merge`, {
      key: managerKey,
      params: { id: toPublicId('contact', merged.id) },
      body: { into: toPublicId('contact', survivor.id) },
    });
    expect(answer.status, JSON.stringify(answer.json)).toBe(200);
    // the survivor keeps its own email; its empty fields come from the merged contact
    expect(answer.json.data).toMatchObject({
      id: toPublicId('contact', survivor.id),
      first_name: 'Ada',
      last_name: 'Lovelace',
      email: 'ada@survivor.test',
      phone: '+44 1',
      company_id: toPublicId('company', company.id),
      external_id: merged.externalId,
    });

    const page = await getContactPage({ ctx: manager, input: { contactId: survivor.id } });
    expect(page.deals.map((deal) => deal.name).sort()).toEqual(['Linked deal', 'Primary deal', 'Shared deal', 'Survivor deal']);
    expect(await db.deal.findUniqueOrThrow({ where: { id: primaryDeal.id } })).toMatchObject({ contactId: survivor.id, version: primaryDeal.version + 1 });
    expect(await db.dealContact.findMany({ where: { dealId: sharedDeal.id } })).toEqual([expect.objectContaining({ contactId: survivor.id })]);
    expect(await db.dealContact.findMany({ where: { dealId: linkedDeal.id } })).toEqual([expect.objectContaining({ contactId: survivor.id })]);
    expect(await db.dealContact.count({ where: { contactId: merged.id } })).toBe(0);
    const dealIds = [primaryDeal.id, linkedDeal.id, sharedDeal.id, survivorDeal.id];
    expect(await db.activity.count({ where: { dealId: { in: dealIds } } })).toBe(4);
    expect(await db.task.count({ where: { dealId: { in: dealIds } } })).toBe(4);
    expect(await db.stageHistory.count({ where: { dealId: { in: dealIds } } })).toBe(4);

    // the merged contact is gone, and says where to
    const gone = await call(getContactRoute, 'GET', '/api/v1/contacts/x', { key: managerKey, params: { id: toPublicId('contact', merged.id) } });
    expect(gone.status).toBe(404);
    expect(gone.json.error.details).toEqual([{ path: 'merged_into', message: toPublicId('contact', survivor.id) }]);
    // its own values stay readable, pointing at the survivor
    expect(await db.contact.findUniqueOrThrow({ where: { id: merged.id } })).toMatchObject({
      email: 'ada@old.test',
      mergedIntoContactId: survivor.id,
      externalId: null,
    });

    const events = await db.changeEvent.findMany({ where: { id: { gt: before._max.id ?? 0n } }, orderBy: { id: 'asc' } });
    const mergedEvent = events.find((event) => event.type === 'contact.merged');
    expect(mergedEvent).toMatchObject({ recordType: 'contact', recordId: String(merged.id), channel: 'api' });
    expect(mergedEvent!.actorUserId).toBe(manager.user.id);
    expect((mergedEvent!.record as Record<string, unknown>).merged_into_contact_id).toBe(survivor.id);
    // the row changes are recorded too, all by the same actor
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['contact.deleted', 'contact.updated', 'deal.updated', 'deal.contact_unlinked', 'deal.contact_updated']),
    );
    expect(new Set(events.map((event) => event.actorUserId))).toEqual(new Set([manager.user.id]));
  });

  it('points contacts merged earlier at the new survivor', async () => {
    const first = await db.contact.create({ data: { firstName: 'First' } });
    const second = await db.contact.create({ data: { firstName: 'Second' } });
    const third = await db.contact.create({ data: { firstName: 'Third' } });
    await mergeContacts({ ctx: manager, input: { contactId: first.id, intoId: second.id } });
    await mergeContacts({ ctx: manager, input: { contactId: second.id, intoId: third.id } });
    const gone = await call(getContactRoute, 'GET', '/api/v1/contacts/x', { key: managerKey, params: { id: toPublicId('contact', first.id) } });
    expect(gone.json.error.details).toEqual([{ path: 'merged_into', message: toPublicId('contact', third.id) }]);
  });

  it('refuses reps and bad input, changing nothing', async () => {
    const a = await db.contact.create({ data: { firstName: 'Grace', email: 'grace@a.test' } });
    const b = await db.contact.create({ data: { firstName: 'Grace', email: 'grace@b.test' } });
    await dealWithHistory('Grace deal', { contactId: a.id });
    const deleted = await db.contact.create({ data: { firstName: 'Gone', deletedAt: new Date() } });
    const company = await db.company.create({ data: { name: unique('Cross ') } });
    const before = await snapshot();
    const merge = (id: string, body: unknown, key = managerKey) =>
      call(mergeContactRoute, 'POST', `/api/v1/contacts/${id}/merge`, { key, params: { id }, body });
    const aId = toPublicId('contact', a.id);
    const bId = toPublicId('contact', b.id);

    const cases = [
      { answer: await merge(aId, { into: bId }, repKey), status: 403, code: 'forbidden' },
      { answer: await merge(aId, { into: aId }), status: 422, code: 'unprocessable' },
      { answer: await merge(aId, { into: toPublicId('contact', deleted.id) }), status: 422, code: 'unprocessable' },
      { answer: await merge(aId, { into: toPublicId('contact', 987654321) }), status: 422, code: 'unprocessable' },
      { answer: await merge(toPublicId('contact', 987654321), { into: bId }), status: 404, code: 'not_found' },
      { answer: await merge(aId, { into: toPublicId('company', company.id) }), status: 400, code: 'validation_failed' },
      { answer: await merge(aId, {}), status: 400, code: 'validation_failed' },
      { answer: await merge(aId, { into: bId, extra: 1 }), status: 400, code: 'validation_failed' },
    ];
    for (const { answer, status, code } of cases) {
      expect(answer.status, JSON.stringify(answer.json)).toBe(status);
      expect(answer.json.error.code).toBe(code);
      expect(answer.json.error.message.length).toBeGreaterThan(5);
    }
    await expect(mergeContacts({ ctx: rep, input: { contactId: a.id, intoId: b.id } })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await snapshot()).toEqual(before);
  });
});

describe('merging companies', () => {
  it('moves every deal, link and contact to the survivor, collapsing duplicate links', async () => {
    const survivor = await db.company.create({ data: { name: unique('Acme ') } });
    const merged = await db.company.create({ data: { name: unique('ACME Inc '), domain: `${unique('acme')}.test` } });
    const worker = await db.contact.create({ data: { firstName: 'Wile', companyId: merged.id } });
    const primaryDeal = await dealWithHistory('Acme primary', { companyId: merged.id });
    const sharedDeal = await dealWithHistory('Acme shared', { companyId: survivor.id });
    await db.dealCompany.createMany({
      data: [
        { dealId: sharedDeal.id, companyId: merged.id },
        { dealId: sharedDeal.id, companyId: survivor.id },
      ],
    });
    const linkedDeal = await dealWithHistory('Acme linked', {});
    await db.dealCompany.create({ data: { dealId: linkedDeal.id, companyId: merged.id } });
    const before = await db.changeEvent.aggregate({ _max: { id: true } });

    const { company, moves } = await mergeCompanies({ ctx: manager, input: { companyId: merged.id, intoId: survivor.id } });
    expect(company).toMatchObject({ name: survivor.name, domain: merged.domain });
    expect(moves).toEqual({ deals: 3, activities: 3, tasks: 3, contacts: 1 });

    const page = await getCompanyPage({ ctx: manager, input: { companyId: survivor.id } });
    expect(page.deals.map((deal) => deal.name).sort()).toEqual(['Acme linked', 'Acme primary', 'Acme shared']);
    expect(page.contacts.map((contact) => contact.id)).toEqual([worker.id]);
    expect(await db.deal.findUniqueOrThrow({ where: { id: primaryDeal.id } })).toMatchObject({ companyId: survivor.id });
    expect(await db.dealCompany.findMany({ where: { dealId: sharedDeal.id } })).toEqual([expect.objectContaining({ companyId: survivor.id })]);
    const dealIds = [primaryDeal.id, sharedDeal.id, linkedDeal.id];
    expect(await db.activity.count({ where: { dealId: { in: dealIds } } })).toBe(3);
    expect(await db.task.count({ where: { dealId: { in: dealIds } } })).toBe(3);
    expect(await db.stageHistory.count({ where: { dealId: { in: dealIds } } })).toBe(3);

    const gone = await call(getCompanyRoute, 'GET', '/api/v1/companies/x', { key: managerKey, params: { id: toPublicId('company', merged.id) } });
    expect(gone.status).toBe(404);
    expect(gone.json.error.details).toEqual([{ path: 'merged_into', message: toPublicId('company', survivor.id) }]);

    const event = await db.changeEvent.findFirst({ where: { id: { gt: before._max.id ?? 0n }, type: 'company.merged' } });
    expect(event).toMatchObject({ recordType: 'company', recordId: String(merged.id), actorUserId: manager.user.id, channel: 'ui' });
    expect((event!.record as Record<string, unknown>).merged_into_company_id).toBe(survivor.id);
  });

  it('answers the API merge and refuses reps and bad input, changing nothing', async () => {
    const a = await db.company.create({ data: { name: unique('Initech ') } });
    const b = await db.company.create({ data: { name: unique('Initrode ') } });
    const contact = await db.contact.create({ data: { firstName: 'Cross' } });
    const merge = (id: string, body: unknown, key = managerKey) =>
      call(mergeCompanyRoute, 'POST', `/api/v1/companies/${id}/merge`, { key, params: { id }, body });
    const aId = toPublicId('company', a.id);
    const bId = toPublicId('company', b.id);
    const before = await snapshot();
    expect((await merge(aId, { into: bId }, repKey)).status).toBe(403);
    expect((await merge(aId, { into: aId })).status).toBe(422);
    expect((await merge(aId, { into: toPublicId('contact', contact.id) })).status).toBe(400);
    expect((await merge('comp_nope', { into: bId })).status).toBe(404);
    expect(await snapshot()).toEqual(before);

    const done = await merge(aId, { into: bId });
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    expect(done.json.data).toMatchObject({ id: bId, name: b.name });
    const again = await merge(aId, { into: bId });
    expect(again.status).toBe(404);
    expect(again.json.error.details).toEqual([{ path: 'merged_into', message: bId }]);
  });
});

describe('finding duplicates', () => {
  it('matches a contact by email ignoring case, and by name as a hint', async () => {
    const email = `${unique('Marie')}@Curie.test`;
    const same = await db.contact.create({ data: { firstName: 'Marie', lastName: 'Curie', email } });
    const namesake = await db.contact.create({ data: { firstName: 'marie', lastName: 'CURIE', email: 'other@curie.test' } });
    await db.contact.create({ data: { firstName: 'Marie', lastName: 'Curie', email: email.toLowerCase(), deletedAt: new Date() } });

    const found = await findDuplicateContacts({ ctx: rep, input: { first_name: 'Marie ', last_name: 'Curie', email: ` ${email.toUpperCase()} ` } });
    expect(found.sameEmail.map((c) => c.id)).toEqual([same.id]);
    expect(found.sameName.map((c) => c.id)).toContain(namesake.id);
    expect(found.sameName.map((c) => c.id)).not.toContain(same.id);

    const editing = await findDuplicateContacts({ ctx: rep, input: { email, exclude_id: same.id } });
    expect(editing.sameEmail).toEqual([]);
    expect((await findDuplicateContacts({ ctx: rep, input: { email: 'no-at-sign' } })).sameEmail).toEqual([]);
  });

  it('matches a company by normalised domain ignoring case, and by name as a hint', async () => {
    const domain = `${unique('pied')}.test`;
    const same = await db.company.create({ data: { name: unique('Pied Piper '), domain } });
    const namesake = await db.company.create({ data: { name: 'Hooli Duplicate Check' } });
    const found = await findDuplicateCompanies({ ctx: rep, input: { name: 'HOOLI duplicate check', domain: `https://www.${domain.toUpperCase()}/about` } });
    expect(found.sameDomain.map((c) => c.id)).toEqual([same.id]);
    expect(found.sameName.map((c) => c.id)).toEqual([namesake.id]);
    expect((await findDuplicateCompanies({ ctx: rep, input: { domain, exclude_id: same.id } })).sameDomain).toEqual([]);
  });
});
