import { beforeAll, describe, expect, it } from 'vitest';
import * as dealRoute from '@/app/api/hubspot/deals/v1/deal/route';
import * as dealIdRoute from '@/app/api/hubspot/deals/v1/deal/[dealId]/route';
import * as lineItemsRoute from '@/app/api/v1/deals/[id]/line-items/route';
import { db } from '@/lib/db';
import { toPublicId } from '@/lib/ids';
import { call, createPipelineFixture, createUserWithKey } from '@/tests/setup/api';

// The HubSpot legacy v1 deal dialect (/api/hubspot/deals/v1/deal): the documented request example
// sent verbatim (only base URL, key and record IDs swapped), the documented answer, what it leaves in
// the database, and the rest of the legacy deal record (GET, PUT, DELETE).

let key: string;
let owner: Awaited<ReturnType<typeof createUserWithKey>>;
let defaultPipeline: { id: number; stages: { id: number; externalId: string | null }[] };
let other: Awaited<ReturnType<typeof createPipelineFixture>>;
let contactId: number;
let companyId: number;

beforeAll(async () => {
  ({ key } = await createUserWithKey('rep'));
  owner = await createUserWithKey('rep', 'Tim');
  // the portal's default pipeline, its first stage known by HubSpot's stage ID
  defaultPipeline = await db.pipeline.create({
    data: {
      name: 'Sales',
      isDefault: true,
      stages: {
        create: [
          { name: 'Appointment scheduled', position: 0, probability: 20, externalId: 'appointmentscheduled' },
          { name: 'Qualified to buy', position: 1, probability: 40, externalId: 'qualifiedtobuy' },
          { name: 'Closed won', position: 2, probability: 100, outcome: 'won', externalId: 'closedwon' },
        ],
      },
    },
    include: { stages: { orderBy: { position: 'asc' } } },
  });
  other = await createPipelineFixture('Renewals');
  contactId = (await db.contact.create({ data: { firstName: 'Ada', lastName: 'Lovelace' } })).id;
  companyId = (await db.company.create({ data: { name: 'Acme Corp', domain: 'acme.com' } })).id;
});

// hubspot-v1-notes.md, verbatim; only the record IDs (company, contact, owner) are swapped
const exampleBody = () =>
  JSON.parse(
    `{
      "associations": { "associatedCompanyIds": [8954037], "associatedVids": [27136] },
      "properties": [
        { "name": "dealname",         "value": "Tim's Newer Deal" },
        { "name": "dealstage",        "value": "appointmentscheduled" },
        { "name": "pipeline",         "value": "default" },
        { "name": "hubspot_owner_id", "value": "24" },
        { "name": "closedate",        "value": 1409443200000 },
        { "name": "amount",           "value": "60000" },
        { "name": "dealtype",         "value": "newbusiness" }
      ]
    }`
      .replace('8954037', String(companyId))
      .replace('27136', String(contactId))
      .replace('"24"', `"${owner.user.id}"`),
  );

const bearer = () => ({ authorization: `Bearer ${key}` });
const create = (body: unknown, path = '/api/hubspot/deals/v1/deal/') => call(dealRoute.POST, 'POST', path, { headers: bearer(), body });
const get = (dealId: number, path = `/api/hubspot/deals/v1/deal/${dealId}`) =>
  call(dealIdRoute.GET, 'GET', path, { headers: bearer(), params: { dealId: String(dealId) } });
const put = (dealId: number, body: unknown, path = `/api/hubspot/deals/v1/deal/${dealId}`) =>
  call(dealIdRoute.PUT, 'PUT', path, { headers: bearer(), body, params: { dealId: String(dealId) } });
const property = (value: string) => ({
  value,
  timestamp: expect.any(Number),
  source: 'API',
  sourceId: null,
  versions: [expect.objectContaining({ value, source: 'API', sourceVid: [] })],
});

describe('POST /api/hubspot/deals/v1/deal/', () => {
  let created: { dealId: number };

  it('creates the documented example and answers the documented record: integer dealId, string values with timestamp and source', async () => {
    const answer = await create(exampleBody());
    expect(answer.status).toBe(200);
    expect(answer.headers.get('RateLimit-Remaining')).toMatch(/^\d+$/);
    const body = answer.json;
    expect(Number.isInteger(body.dealId)).toBe(true);
    expect(Number.isInteger(body.portalId)).toBe(true);
    expect(body).toMatchObject({
      isDeleted: false,
      associations: { associatedVids: [contactId], associatedCompanyIds: [companyId], associatedDealIds: [] },
      imports: [],
      stateChanges: [],
    });
    expect(body).not.toHaveProperty('associationCreateFailures');
    expect(body.properties).toEqual({
      dealname: property("Tim's Newer Deal"),
      dealstage: property('appointmentscheduled'),
      pipeline: property(String(defaultPipeline.id)),
      hubspot_owner_id: property(String(owner.user.id)),
      closedate: property('1409443200000'),
      amount: property('60000'),
      dealtype: property('newbusiness'),
    });
    expect(body.properties.dealname.versions[0]).toEqual({
      name: 'dealname',
      value: "Tim's Newer Deal",
      timestamp: body.properties.dealname.timestamp,
      source: 'API',
      sourceVid: [],
    });
    created = body;

    const deal = await db.deal.findUniqueOrThrow({ where: { id: body.dealId } });
    expect(deal).toMatchObject({
      name: "Tim's Newer Deal",
      pipelineId: defaultPipeline.id,
      stageId: defaultPipeline.stages[0]!.id,
      value: 6_000_000n,
      currency: 'USD',
      expectedClose: new Date(1409443200000),
      ownerId: owner.user.id,
      dealType: 'newbusiness',
      contactId,
      companyId,
      status: 'open',
    });
    expect(await db.dealContact.count({ where: { dealId: deal.id, contactId } })).toBe(1);
    expect(await db.dealCompany.count({ where: { dealId: deal.id, companyId } })).toBe(1);
    expect(await db.stageHistory.findMany({ where: { dealId: deal.id }, select: { fromStageId: true, toStageId: true, source: true } })).toEqual([
      { fromStageId: null, toStageId: defaultPipeline.stages[0]!.id, source: 'api' },
    ]);
  });

  it('answers GET with the same record as the create', async () => {
    const answer = await get(created.dealId);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual(created);
  });

  it('authenticates with ?hapikey= as well as Bearer, and answers 401 JSON without a key', async () => {
    const body = {
      properties: [
        { name: 'dealname', value: 'By hapikey' },
        { name: 'dealstage', value: 'qualifiedtobuy' },
      ],
    };
    const byQuery = await call(dealRoute.POST, 'POST', `/api/hubspot/deals/v1/deal/?hapikey=${encodeURIComponent(key)}`, { body });
    expect(byQuery.status).toBe(200);
    expect(byQuery.json.properties.dealstage.value).toBe('qualifiedtobuy');
    const read = await call(dealIdRoute.GET, 'GET', `/api/hubspot/deals/v1/deal/${byQuery.json.dealId}?hapikey=${encodeURIComponent(key)}`, {
      params: { dealId: String(byQuery.json.dealId) },
    });
    expect(read.status).toBe(200);

    const before = await db.deal.count();
    const none = await call(dealRoute.POST, 'POST', '/api/hubspot/deals/v1/deal/', { body });
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({ status: 'error', category: 'INVALID_AUTHENTICATION', correlationId: expect.any(String) });
    expect(none.json.message).toMatch(/Bearer|hapikey/);
    const wrong = await call(dealRoute.POST, 'POST', '/api/hubspot/deals/v1/deal/?hapikey=db_live_wrong', { body });
    expect(wrong.status).toBe(401);
    expect(wrong.json.status).toBe('error');
    const noKeyGet = await call(dealIdRoute.GET, 'GET', `/api/hubspot/deals/v1/deal/${created.dealId}`, { params: { dealId: String(created.dealId) } });
    expect(noKeyGet.status).toBe(401);
    expect(await db.deal.count()).toBe(before);
  });

  it('answers 400 naming an undefined property, and writes nothing; a custom field defined in Dealboard is a property', async () => {
    const before = await db.deal.count();
    const answer = await create({
      properties: [
        { name: 'dealname', value: 'Typo' },
        { name: 'dealstage', value: 'appointmentscheduled' },
        { name: 'dael_priority', value: 'high' },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({
      status: 'error',
      message: 'Property "dael_priority" does not exist',
      category: 'VALIDATION_ERROR',
      validationResults: [{ isValid: false, name: 'dael_priority', error: 'PROPERTY_DOESNT_EXIST', message: 'Property "dael_priority" does not exist' }],
    });
    expect(await db.deal.count()).toBe(before);

    await db.customFieldDefinition.createMany({
      data: [
        { key: 'budget', label: 'Budget', type: 'number' },
        { key: 'signed', label: 'Signed', type: 'boolean' },
        { key: 'kickoff', label: 'Kickoff', type: 'date' },
      ],
    });
    const withCustom = await create({
      properties: [
        { name: 'dealname', value: 'Custom' },
        { name: 'dealstage', value: 'appointmentscheduled' },
        { name: 'budget', value: '12.5' },
        { name: 'signed', value: 'true' },
        { name: 'kickoff', value: 1775001600000 },
      ],
    });
    expect(withCustom.status).toBe(200);
    expect(withCustom.json.properties).toMatchObject({ budget: { value: '12.5' }, signed: { value: 'true' }, kickoff: { value: '1775001600000' } });
    const deal = await db.deal.findUniqueOrThrow({ where: { id: withCustom.json.dealId } });
    expect(deal.customFields).toEqual({ budget: 12.5, signed: true, kickoff: '2026-04-01' });
    const badValue = await create({
      properties: [
        { name: 'dealname', value: 'Bad' },
        { name: 'dealstage', value: 'appointmentscheduled' },
        { name: 'budget', value: 'lots' },
      ],
    });
    expect(badValue.status).toBe(400);
    expect(badValue.json.validationResults).toEqual([{ isValid: false, name: 'budget', error: 'INVALID_PROPERTY_VALUE', message: 'Must be a number' }]);
  });

  it('keeps creating when association IDs are invalid: 200 with associationCreateFailures, the valid ones kept', async () => {
    const body = exampleBody();
    body.associations = { associatedCompanyIds: [companyId, 99999999], associatedVids: [424242, contactId] };
    const answer = await create(body);
    expect(answer.status).toBe(200);
    expect(answer.json.associations).toEqual({ associatedVids: [contactId], associatedCompanyIds: [companyId], associatedDealIds: [] });
    expect(answer.json.associationCreateFailures).toEqual([
      expect.objectContaining({
        objectType: 'CONTACT',
        objectId: 424242,
        failReason: 'OBJECT_NOT_FOUND',
        association: { fromObjectId: answer.json.dealId, toObjectId: 424242, associationType: 'DEAL_TO_CONTACT' },
      }),
      expect.objectContaining({
        objectType: 'COMPANY',
        objectId: 99999999,
        failReason: 'OBJECT_NOT_FOUND',
        association: { fromObjectId: answer.json.dealId, toObjectId: 99999999, associationType: 'DEAL_TO_COMPANY' },
      }),
    ]);
    expect(await db.deal.count({ where: { id: answer.json.dealId } })).toBe(1);
  });

  it('requires dealstage, resolves pipeline and dealstage by external ID then integer ID, and assumes the default pipeline', async () => {
    const missing = await create({ properties: [{ name: 'dealname', value: 'No stage' }] });
    expect(missing.status).toBe(400);
    expect(missing.json.validationResults).toEqual([{ isValid: false, name: 'dealstage', error: 'REQUIRED', message: 'dealstage is required' }]);
    const byInteger = await create({
      properties: [
        { name: 'dealname', value: 'Integer IDs' },
        { name: 'pipeline', value: other.pipeline.id },
        { name: 'dealstage', value: String(other.stages[2]!.id) },
        { name: 'amount', value: 1234.5 },
      ],
    });
    expect(byInteger.status).toBe(200);
    expect(byInteger.json.properties.pipeline.value).toBe(String(other.pipeline.id));
    expect(byInteger.json.properties.dealstage.value).toBe(String(other.stages[2]!.id));
    expect(byInteger.json.properties.amount.value).toBe('1234.5');
    expect(await db.deal.findUnique({ where: { id: byInteger.json.dealId } })).toMatchObject({
      pipelineId: other.pipeline.id,
      stageId: other.stages[2]!.id,
      value: 123_450n,
    });
    // no pipeline: the default one, so a stage of another pipeline is not valid
    const wrongPipeline = await create({
      properties: [
        { name: 'dealname', value: 'Wrong' },
        { name: 'dealstage', value: String(other.stages[0]!.id) },
      ],
    });
    expect(wrongPipeline.status).toBe(400);
    expect(wrongPipeline.json.validationResults[0]).toMatchObject({ name: 'dealstage', error: 'INVALID_OPTION' });
    const badValues = await create({
      properties: [
        { name: 'dealname', value: 'Bad values' },
        { name: 'dealstage', value: 'appointmentscheduled' },
        { name: 'closedate', value: 'next week' },
        { name: 'amount', value: '12.345' },
        { name: 'hubspot_owner_id', value: '999999' },
      ],
    });
    expect(badValues.status).toBe(400);
    expect(badValues.json.validationResults.map((r: { name: string }) => r.name).sort()).toEqual(['amount', 'closedate', 'hubspot_owner_id']);
  });
});

describe('GET, PUT and DELETE /api/hubspot/deals/v1/deal/:dealId', () => {
  let dealId: number;

  beforeAll(async () => {
    dealId = (await create(exampleBody())).json.dealId;
  });

  it('PUT changes only the properties sent; a dealstage change is a stage move with history', async () => {
    const before = await db.deal.findUniqueOrThrow({ where: { id: dealId } });
    const answer = await put(dealId, {
      properties: [
        { name: 'dealstage', value: 'closedwon' },
        { name: 'amount', value: '75000.25' },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.json.properties.dealstage.value).toBe('closedwon');
    expect(answer.json.properties.amount.value).toBe('75000.25');
    expect(answer.json.properties.dealname.value).toBe("Tim's Newer Deal");
    const after = await db.deal.findUniqueOrThrow({ where: { id: dealId } });
    expect(after).toMatchObject({
      stageId: defaultPipeline.stages[2]!.id,
      status: 'won',
      value: 7_500_025n,
      name: before.name,
      ownerId: before.ownerId,
      expectedClose: before.expectedClose,
      dealType: before.dealType,
      contactId: before.contactId,
    });
    const history = await db.stageHistory.findMany({ where: { dealId }, orderBy: { id: 'asc' } });
    expect(history.map((h) => [h.fromStageId, h.toStageId, h.source])).toEqual([
      [null, defaultPipeline.stages[0]!.id, 'api'],
      [defaultPipeline.stages[0]!.id, defaultPipeline.stages[2]!.id, 'api'],
    ]);
    // clearing a property
    const cleared = await put(dealId, {
      properties: [
        { name: 'closedate', value: '' },
        { name: 'hubspot_owner_id', value: '' },
      ],
    });
    expect(cleared.json.properties).not.toHaveProperty('closedate');
    expect(cleared.json.properties).not.toHaveProperty('hubspot_owner_id');
    expect(await db.deal.findUniqueOrThrow({ where: { id: dealId } })).toMatchObject({
      expectedClose: null,
      ownerId: null,
      stageId: defaultPipeline.stages[2]!.id,
    });
    const unknown = await put(dealId, { properties: [{ name: 'nope', value: 'x' }] });
    expect(unknown.status).toBe(400);
    expect(unknown.json.validationResults[0]).toMatchObject({ name: 'nope', error: 'PROPERTY_DOESNT_EXIST' });
  });

  it('answers both trailing-slash spellings directly for POST, GET, PUT and DELETE (never a redirect)', async () => {
    const body = {
      properties: [
        { name: 'dealname', value: 'Slashes' },
        { name: 'dealstage', value: 'appointmentscheduled' },
      ],
    };
    const plain = await create(body, '/api/hubspot/deals/v1/deal');
    const slashed = await create(body, '/api/hubspot/deals/v1/deal/');
    for (const answer of [plain, slashed]) expect(answer.status).toBe(200);
    const id = plain.json.dealId as number;
    expect((await get(id, `/api/hubspot/deals/v1/deal/${id}`)).status).toBe(200);
    expect((await get(id, `/api/hubspot/deals/v1/deal/${id}/`)).status).toBe(200);
    expect((await put(id, { properties: [{ name: 'dealname', value: 'One' }] }, `/api/hubspot/deals/v1/deal/${id}`)).status).toBe(200);
    expect((await put(id, { properties: [{ name: 'dealname', value: 'Two' }] }, `/api/hubspot/deals/v1/deal/${id}/`)).json.properties.dealname.value).toBe(
      'Two',
    );
    const del = (dealId: number, path: string) => call(dealIdRoute.DELETE, 'DELETE', path, { headers: bearer(), params: { dealId: String(dealId) } });
    expect((await del(id, `/api/hubspot/deals/v1/deal/${id}`)).status).toBe(204);
    const other = slashed.json.dealId as number;
    expect((await del(other, `/api/hubspot/deals/v1/deal/${other}/`)).status).toBe(204);
  });

  it('DELETE removes the deal (204), after which it is a 404 with a JSON body; unknown IDs are 404 too', async () => {
    const deleted = await call(dealIdRoute.DELETE, 'DELETE', `/api/hubspot/deals/v1/deal/${dealId}`, { headers: bearer(), params: { dealId: String(dealId) } });
    expect(deleted.status).toBe(204);
    expect(deleted.json).toBeNull();
    expect((await db.deal.findUniqueOrThrow({ where: { id: dealId } })).deletedAt).not.toBeNull();
    for (const answer of [
      await get(dealId),
      await put(dealId, { properties: [{ name: 'dealname', value: 'Ghost' }] }),
      await call(dealIdRoute.DELETE, 'DELETE', `/api/hubspot/deals/v1/deal/${dealId}`, { headers: bearer(), params: { dealId: String(dealId) } }),
      await get(987654321),
      await call(dealIdRoute.GET, 'GET', '/api/hubspot/deals/v1/deal/not-a-number', { headers: bearer(), params: { dealId: 'not-a-number' } }),
    ]) {
      expect(answer.status).toBe(404);
      expect(answer.json).toMatchObject({ status: 'error', category: 'OBJECT_NOT_FOUND', correlationId: expect.any(String) });
      expect(answer.json.message).toMatch(/^Deal .+ does not exist$/);
    }
  });

  it('answers malformed bodies with a 400 in HubSpot’s shape', async () => {
    const id = (
      await create({
        properties: [
          { name: 'dealname', value: 'Shape' },
          { name: 'dealstage', value: 'appointmentscheduled' },
        ],
      })
    ).json.dealId;
    const notJson = await call(dealIdRoute.PUT, 'PUT', `/api/hubspot/deals/v1/deal/${id}`, {
      headers: bearer(),
      rawBody: '{"properties": [',
      params: { dealId: String(id) },
    });
    expect(notJson.status).toBe(400);
    expect(notJson.json).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' });
    const notList = await put(id, { properties: { dealname: 'x' } });
    expect(notList.status).toBe(400);
    expect(notList.json.validationResults[0].name).toBe('properties');
    const tooLarge = await create({ properties: [{ name: 'dealname', value: 'x'.repeat(1_100_000) }] });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json).toMatchObject({ status: 'error', correlationId: expect.any(String) });
  });
});

describe('each create and PUT is one transaction with its association links', () => {
  const links = async (dealId: number) => ({
    contacts: (await db.dealContact.findMany({ where: { dealId }, orderBy: { contactId: 'asc' } })).map((l) => l.contactId),
    companies: (await db.dealCompany.findMany({ where: { dealId }, orderBy: { companyId: 'asc' } })).map((l) => l.companyId),
  });

  it('links each record once however often it is sent, the primary one included, and again on a PUT', async () => {
    const secondContact = (await db.contact.create({ data: { firstName: 'Grace', lastName: 'Hopper' } })).id;
    const secondCompany = (await db.company.create({ data: { name: 'Globex', domain: 'globex.com' } })).id;
    // the primary contact and company are linked by the deal insert; the same IDs again must not collide with those links
    const associations = {
      associatedVids: [contactId, String(contactId), secondContact, secondContact],
      associatedCompanyIds: [companyId, secondCompany, companyId],
    };
    const answer = await create({ ...exampleBody(), associations });
    expect(answer.status).toBe(200);
    expect(answer.json).not.toHaveProperty('associationCreateFailures');
    const dealId = answer.json.dealId as number;
    const expected = { contacts: [contactId, secondContact].sort((a, b) => a - b), companies: [companyId, secondCompany].sort((a, b) => a - b) };
    expect(await links(dealId)).toEqual(expected);
    expect(await db.deal.findUniqueOrThrow({ where: { id: dealId } })).toMatchObject({ contactId, companyId });

    const again = await put(dealId, { properties: [{ name: 'dealname', value: 'Linked again' }], associations });
    expect(again.status).toBe(200);
    expect(again.json).not.toHaveProperty('associationCreateFailures');
    expect(await links(dealId)).toEqual(expected);
  });

  it('writes nothing of a PUT the deal refuses: no other property changes, no history row, no association linked', async () => {
    const dealId = (await create(exampleBody())).json.dealId as number;
    // products added in Dealboard: the amount is now their total, and a PUT may not set it
    const id = toPublicId('deal', dealId);
    const lines = await call(lineItemsRoute.PUT as unknown as Parameters<typeof call>[0], 'PUT', `/api/v1/deals/${id}/line-items`, {
      key,
      params: { id },
      body: { tax_type: 'exclusive', items: [{ name: 'Seat', unit_price: 50000, qty: 2 }] },
    });
    expect(lines.status).toBe(200);
    const newContact = (await db.contact.create({ data: { firstName: 'Late', lastName: 'Comer' } })).id;
    const before = {
      deal: await db.deal.findUniqueOrThrow({ where: { id: dealId } }),
      history: await db.stageHistory.count({ where: { dealId } }),
      links: await links(dealId),
    };

    const answer = await put(dealId, {
      properties: [
        { name: 'dealname', value: 'Renamed' },
        { name: 'dealstage', value: 'qualifiedtobuy' },
        { name: 'amount', value: '999' },
      ],
      associations: { associatedVids: [newContact] },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.validationResults).toEqual([expect.objectContaining({ name: 'amount', isValid: false })]);
    expect(await db.deal.findUniqueOrThrow({ where: { id: dealId } })).toEqual(before.deal);
    expect(await db.stageHistory.count({ where: { dealId } })).toBe(before.history);
    expect(await links(dealId)).toEqual(before.links);
    expect(await db.dealContact.count({ where: { contactId: newContact } })).toBe(0);
  });
});
