import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { isAppError } from '../../lib/errors';
import { createCompanyBody } from '../../lib/schemas/company';
import { createContactBody } from '../../lib/schemas/contact';
import { createDealBody } from '../../lib/schemas/deal';
import { peopleTableQuery } from '../../lib/schemas/people-table';
import { createCompany } from '../../lib/services/companies/create-company';
import { deleteCompany } from '../../lib/services/companies/delete-company';
import { getCompanyPage } from '../../lib/services/companies/get-company-page';
import { listCompaniesTable } from '../../lib/services/companies/list-companies-table';
import type { ServiceContext } from '../../lib/services/context';
import { createContact } from '../../lib/services/contacts/create-contact';
import { deleteContact } from '../../lib/services/contacts/delete-contact';
import { getContactPage } from '../../lib/services/contacts/get-contact-page';
import { listContactsTable } from '../../lib/services/contacts/list-contacts-table';
import { linkCompanyToDeal } from '../../lib/services/deal-links/link-company-to-deal';
import { linkContactToDeal } from '../../lib/services/deal-links/link-contact-to-deal';
import { createDeal } from '../../lib/services/deals/create-deal';
import { deleteDeal } from '../../lib/services/deals/delete-deal';
import { toPublicId } from '../../lib/ids';
import { createPipelineFixture } from '../setup/api';

// The /contacts and /companies pages' services: a record's deals whether it is the primary contact
// / company or linked (each deal once, deleted deals never), open pipeline per currency, a company's
// contacts, and the tables' search, sort, paging and counts.

let ctx: ServiceContext;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;

const company = (name: string, domain?: string) => createCompany({ ctx, input: createCompanyBody.parse({ name, ...(domain ? { domain } : {}) }) });
const contact = (body: Record<string, unknown>) => createContact({ ctx, input: createContactBody.parse(body) });

async function deal(name: string, value: number, currency: string, extra: Record<string, unknown> = {}) {
  return createDeal({
    ctx,
    input: createDealBody.parse({ name, pipeline_id: fixture.pipelineId, stage_id: fixture.stageIds[0], value, currency, ...extra }),
  });
}

const notFound = (error: unknown) => isAppError(error) && error.code === 'not_found';

beforeAll(async () => {
  const user = await db.user.create({
    data: { email: 'people@pages.test', name: 'Pat People', role: 'rep' },
    select: { id: true, name: true, email: true, role: true },
  });
  ctx = { user, source: 'ui' };
  fixture = await createPipelineFixture('People');
});

describe('a company page', () => {
  it('lists every deal naming or linking the company once, without deleted deals, with open totals per currency', async () => {
    const acme = await company('Acme Rockets', 'acme-rockets.example');
    const other = await company('Other Works');
    const ada = await contact({ first_name: 'Ada', last_name: 'Rocket', email: 'ada@acme-rockets.example', company_id: toPublicId('company', acme.id) });
    await contact({ first_name: 'Gone', last_name: 'Person', company_id: toPublicId('company', acme.id) }).then((c) =>
      deleteContact({ ctx, input: { contactId: c.id } }),
    );
    const acmeId = toPublicId('company', acme.id);

    const primary = await deal('Primary USD', 100_000, 'USD', { company_id: acmeId, contact_id: toPublicId('contact', ada.id) });
    const linkedEur = await deal('Linked EUR', 50_000, 'EUR', { company_id: toPublicId('company', other.id) });
    await linkCompanyToDeal({ ctx, input: { dealId: linkedEur.id, companyId: acme.id } });
    await linkContactToDeal({ ctx, input: { dealId: linkedEur.id, contactId: ada.id } });
    const both = await deal('Both ways', 200_000, 'USD', { company_id: acmeId });
    await linkCompanyToDeal({ ctx, input: { dealId: both.id, companyId: acme.id } });
    const stalled = await deal('Stalled one', 10_000, 'USD', { status: 'stalled' });
    await linkCompanyToDeal({ ctx, input: { dealId: stalled.id, companyId: acme.id } });
    const won = await deal('Won already', 70_000, 'USD', { company_id: acmeId, stage_id: fixture.stageIds[3], status: 'won' });
    const deleted = await deal('Deleted one', 999_999, 'USD', { company_id: acmeId });
    await deleteDeal({ ctx, input: { dealId: deleted.id } });
    const deletedLinked = await deal('Deleted linked', 888_888, 'GBP');
    await linkCompanyToDeal({ ctx, input: { dealId: deletedLinked.id, companyId: acme.id } });
    await deleteDeal({ ctx, input: { dealId: deletedLinked.id } });
    await deal('Unrelated', 123, 'USD', { company_id: toPublicId('company', other.id) });

    const page = await getCompanyPage({ ctx, input: { companyId: acme.id } });
    expect(page.company).toMatchObject({ name: 'Acme Rockets', domain: 'acme-rockets.example' });
    expect(page.deals.map((d) => d.name).sort()).toEqual(['Both ways', 'Linked EUR', 'Primary USD', 'Stalled one', 'Won already']);
    expect(page.dealTotal).toBe(5);
    // open (and stalled) deals come first; the won one last
    expect(page.deals.at(-1)!.id).toBe(won.id);
    const byId = new Map(page.deals.map((d) => [d.id, d]));
    expect(byId.get(both.id)).toMatchObject({
      primary: true,
      linked: true,
      value: '200000',
      currency: 'USD',
      status: 'open',
      stageName: 'Qualified',
      pipelineName: 'People',
    });
    expect(byId.get(primary.id)).toMatchObject({ primary: true });
    expect(byId.get(linkedEur.id)).toMatchObject({ primary: false, linked: true, currency: 'EUR' });
    expect(page.openTotals).toEqual([
      { currency: 'EUR', deals: 1, total: '50000' },
      { currency: 'USD', deals: 3, total: '310000' },
    ]);
    expect(page.contacts.map((c) => c.id)).toEqual([ada.id]);
    expect(page.contactTotal).toBe(1);

    const adaPage = await getContactPage({ ctx, input: { contactId: ada.id } });
    expect(adaPage.contact).toMatchObject({ firstName: 'Ada', company: { id: acme.id, name: 'Acme Rockets' } });
    expect(adaPage.deals.map((d) => d.id).sort((a, b) => a - b)).toEqual([primary.id, linkedEur.id].sort((a, b) => a - b));
    expect(adaPage.openTotals).toEqual([
      { currency: 'EUR', deals: 1, total: '50000' },
      { currency: 'USD', deals: 1, total: '100000' },
    ]);

    // the tables count the same deals
    const companies = await listCompaniesTable({ ctx, input: { q: 'ROCKETS', sort: 'name', page: 1 } });
    expect(companies.rows).toEqual([{ id: acme.id, name: 'Acme Rockets', domain: 'acme-rockets.example', contactCount: 1, dealCount: 5 }]);
    const contacts = await listContactsTable({ ctx, input: { q: 'ada@ACME', sort: 'name', page: 1 } });
    expect(contacts.rows).toEqual([
      {
        id: ada.id,
        firstName: 'Ada',
        lastName: 'Rocket',
        email: 'ada@acme-rockets.example',
        phone: null,
        company: { id: acme.id, name: 'Acme Rockets' },
        dealCount: 2,
      },
    ]);
  });

  it('is not found once the company (or contact) is deleted; a deleted company shows as none on its contacts', async () => {
    const gone = await company('Soon Gone');
    const worker = await contact({ first_name: 'Wendy', company_id: toPublicId('company', gone.id) });
    await deleteCompany({ ctx, input: { companyId: gone.id } });
    await expect(getCompanyPage({ ctx, input: { companyId: gone.id } })).rejects.toSatisfy(notFound);
    expect((await getContactPage({ ctx, input: { contactId: worker.id } })).contact.company).toBeNull();
    await deleteContact({ ctx, input: { contactId: worker.id } });
    await expect(getContactPage({ ctx, input: { contactId: worker.id } })).rejects.toSatisfy(notFound);
    expect((await listCompaniesTable({ ctx, input: { q: 'Soon Gone', sort: 'name', page: 1 } })).total).toBe(0);
  });
});

describe('the tables', () => {
  it('search every word case-insensitively in name, email or domain, sort by name or deals, and page with a total', async () => {
    const names = ['Zeta Pager', 'alpha Pager', 'Beta Pager', 'gamma Pager', 'Delta Pager', 'epsilon Pager', 'Eta Pager'];
    const created = [];
    for (const name of names) created.push(await company(name, `${name.split(' ')[0]!.toLowerCase()}-pager.example`));
    // Delta has two deals, Beta one
    const delta = created[4]!;
    const beta = created[2]!;
    await deal('Delta 1', 1, 'USD', { company_id: toPublicId('company', delta.id) });
    const delta2 = await deal('Delta 2', 1, 'USD');
    await linkCompanyToDeal({ ctx, input: { dealId: delta2.id, companyId: delta.id } });
    await deal('Beta 1', 1, 'USD', { company_id: toPublicId('company', beta.id) });

    const first = await listCompaniesTable({ ctx, input: { q: 'pager', sort: 'name', page: 1, pageSize: 3 } });
    expect(first.total).toBe(7);
    expect(first.rows.map((r) => r.name)).toEqual(['alpha Pager', 'Beta Pager', 'Delta Pager']);
    const last = await listCompaniesTable({ ctx, input: { q: 'pager', sort: 'name', page: 3, pageSize: 3 } });
    expect(last.rows.map((r) => r.name)).toEqual(['Zeta Pager']);
    expect(last.total).toBe(7);
    const descending = await listCompaniesTable({ ctx, input: { q: 'PAGER', sort: '-name', page: 1, pageSize: 2 } });
    expect(descending.rows.map((r) => r.name)).toEqual(['Zeta Pager', 'gamma Pager']);
    const byDeals = await listCompaniesTable({ ctx, input: { q: 'pager', sort: '-deals', page: 1, pageSize: 3 } });
    expect(byDeals.rows.map((r) => [r.name, r.dealCount])).toEqual([
      ['Delta Pager', 2],
      ['Beta Pager', 1],
      ['alpha Pager', 0],
    ]);
    // the domain, every word, and LIKE characters taken literally
    expect((await listCompaniesTable({ ctx, input: { q: 'EPSILON-pager.example', sort: 'name', page: 1 } })).rows.map((r) => r.name)).toEqual([
      'epsilon Pager',
    ]);
    expect((await listCompaniesTable({ ctx, input: { q: 'pager eta', sort: 'name', page: 1 } })).rows.map((r) => r.name)).toEqual([
      'Beta Pager',
      'Eta Pager',
      'Zeta Pager',
    ]);
    expect((await listCompaniesTable({ ctx, input: { q: 'pag_r', sort: 'name', page: 1 } })).total).toBe(0);

    for (let i = 1; i <= 5; i += 1) await contact({ first_name: `Paula${i}`, last_name: 'Paging', email: `paula${i}@paging.example` });
    const contactsPage = await listContactsTable({ ctx, input: { q: 'PAGING.example', sort: '-name', page: 2, pageSize: 2 } });
    expect(contactsPage.total).toBe(5);
    expect(contactsPage.rows.map((r) => r.firstName)).toEqual(['Paula3', 'Paula2']);
    expect((await listContactsTable({ ctx, input: { q: 'paula4 paging', sort: 'name', page: 1 } })).rows.map((r) => r.email)).toEqual([
      'paula4@paging.example',
    ]);
  });

  it('reads the URL leniently: bad values fall back to the defaults', () => {
    expect(peopleTableQuery.parse({})).toEqual({ q: undefined, sort: 'name', page: 1 });
    expect(peopleTableQuery.parse({ q: '  acme ', sort: '-deals', page: '3' })).toEqual({ q: 'acme', sort: '-deals', page: 3 });
    expect(peopleTableQuery.parse({ q: ['x', 'y'], sort: 'bogus', page: '-2' })).toEqual({ q: 'x', sort: 'name', page: 1 });
  });
});
