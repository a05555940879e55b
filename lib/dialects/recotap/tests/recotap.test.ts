import { beforeAll, describe, expect, it } from 'vitest';
import * as dealStagesRoute from '@/app/api/recotap/v1/deal-stages/route';
import * as dealsRoute from '@/app/api/recotap/v1/deals/route';
import * as lineItemsRoute from '@/app/api/v1/deals/[id]/line-items/route';
import { db } from '@/lib/db';
import { toPublicId } from '@/lib/ids';
import { call, createUserWithKey } from '@/tests/setup/api';

// The Recotap-style sync dialect (/api/recotap/v1): the documents' request examples sent verbatim
// (only base URL and key swapped), their documented answers, and what they leave in the database.

let manager: Awaited<ReturnType<typeof createUserWithKey>>;
let rep: Awaited<ReturnType<typeof createUserWithKey>>;

beforeAll(async () => {
  manager = await createUserWithKey('manager');
  rep = await createUserWithKey('rep');
});

const pushStages = (body: unknown, key = manager.key) => call(dealStagesRoute.POST, 'POST', '/api/recotap/v1/deal-stages', { key, body });
const upsert = (body: unknown, key = manager.key) => call(dealsRoute.POST, 'POST', '/api/recotap/v1/deals', { key, body });
const recotapDeal = (externalId: string) => db.deal.findFirst({ where: { externalSource: 'recotap', externalId } });
/** Products added to a deal in Dealboard (the native PUT /api/v1/deals/:id/line-items). */
const putLineItems = (dealId: number, body: unknown) => {
  const id = toPublicId('deal', dealId);
  return call(lineItemsRoute.PUT as unknown as Parameters<typeof call>[0], 'PUT', `/api/v1/deals/${id}/line-items`, { key: manager.key, params: { id }, body });
};

// recotap-deal-stages.md, verbatim
const DEAL_STAGES_EXAMPLE = JSON.parse(`{
    "pipelines": [
      {
        "pipelineId": "smb-pipeline",
        "pipelineLabel": "SMB Sales",
        "stages": [
          { "stageId": "s1", "stageLabel": "Prospecting"   },
          { "stageId": "s2", "stageLabel": "Proposal Sent" },
          { "stageId": "s3", "stageLabel": "Closed Won"    },
          { "stageId": "s4", "stageLabel": "Closed Lost"   }
        ]
      }
    ]
  }`);

// recotap-deals-upsert.md, verbatim
const DEALS_EXAMPLE = JSON.parse(`{
    "deals": [
      {
        "externalDealId": "deal-001",
        "name": "Acme Corp - Enterprise Plan",
        "amount": 75000,
        "stageId": "stage-3",
        "stageLabel": "Proposal Sent",
        "pipelineId": "smb-pipeline",
        "pipelineLabel": "SMB Sales",
        "startDate": "2026-01-15T00:00:00Z",
        "closedDate": "2026-06-30T00:00:00Z",
        "ownerName": "Jane Smith",
        "ownerEmail": "jane@yourcompany.com",
        "ownerId": "rep-123",
        "dealCurrencyCode": "USD",
        "associatedAccounts": [
          {
            "externalId": "crm-001",
            "domain": "acme.com",
            "name": "Acme Corp"
          }
        ]
      }
    ]
  }`);

describe('POST /api/recotap/v1/deal-stages', () => {
  it('creates the documented example, keeping the IDs as external IDs, and answers the documented data', async () => {
    const answer = await pushStages(DEAL_STAGES_EXAMPLE);
    expect(answer.status).toBe(201);
    expect(answer.json).toEqual({
      statusCode: 201,
      message: 'Success',
      data: { results: [{ pipelineId: 'smb-pipeline', status: 'created' }], summary: { total: 1, created: 1 } },
    });
    expect(answer.headers.get('RateLimit-Limit')).toMatch(/^\d+$/);
    const pipeline = await db.pipeline.findUniqueOrThrow({ where: { externalId: 'smb-pipeline' }, include: { stages: { orderBy: { position: 'asc' } } } });
    expect(pipeline.name).toBe('SMB Sales');
    expect(pipeline.isDefault).toBe(true); // the first pipeline of the workspace
    expect(pipeline.stages.map((s) => [s.externalId, s.name, s.position])).toEqual([
      ['s1', 'Prospecting', 0],
      ['s2', 'Proposal Sent', 1],
      ['s3', 'Closed Won', 2],
      ['s4', 'Closed Lost', 3],
    ]);
  });

  it('rejects the whole request with 409 naming every existing pipelineId, and creates nothing', async () => {
    await pushStages({ pipelines: [{ pipelineId: 'ent-pipeline', pipelineLabel: 'Enterprise', stages: [{ stageId: 'e1', stageLabel: 'Discovery' }] }] });
    const pipelinesBefore = await db.pipeline.count();
    const stagesBefore = await db.stage.count();
    const answer = await pushStages({
      pipelines: [
        { pipelineId: 'smb-pipeline', pipelineLabel: 'SMB again', stages: [{ stageId: 'x1', stageLabel: 'X' }] },
        { pipelineId: 'brand-new', pipelineLabel: 'Would be new', stages: [{ stageId: 'n1', stageLabel: 'New' }] },
        { pipelineId: 'ent-pipeline', pipelineLabel: 'Enterprise again', stages: [{ stageId: 'x2', stageLabel: 'Y' }] },
      ],
    });
    expect(answer.status).toBe(409);
    expect(answer.json).toMatchObject({
      statusCode: 409,
      path: '/api/recotap/v1/deal-stages',
      message: 'Conflict',
      customMessage: 'Pipeline(s) already exist: smb-pipeline, ent-pipeline',
      data: null,
    });
    expect(Date.parse(answer.json.timestamp)).not.toBeNaN();
    expect(await db.pipeline.count()).toBe(pipelinesBefore);
    expect(await db.stage.count()).toBe(stagesBefore);
    expect(await db.pipeline.findUnique({ where: { externalId: 'brand-new' } })).toBeNull();
  });

  it('refuses a body that is not the documented shape (400 naming each bad property), and reps (403)', async () => {
    const tooMany = await pushStages({
      pipelines: Array.from({ length: 21 }, (_, i) => ({ pipelineId: `p-${i}`, pipelineLabel: `P ${i}`, stages: [{ stageId: 's', stageLabel: 'S' }] })),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.customMessage).toBe('pipelines must contain no more than 20 elements');
    const noStages = await pushStages({ pipelines: [{ pipelineId: 'empty', pipelineLabel: 'Empty', stages: [] }] });
    expect(noStages.status).toBe(400);
    expect(noStages.json.data).toEqual([{ property: 'pipelines.0.stages', constraints: { too_small: 'stages must contain at least 1 elements' } }]);
    const twice = await pushStages({
      pipelines: [
        {
          pipelineId: 'dup',
          pipelineLabel: 'D',
          stages: [
            { stageId: 'a', stageLabel: 'A' },
            { stageId: 'a', stageLabel: 'B' },
          ],
        },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.json.customMessage).toContain('stageId "a" appears more than once');
    const forbidden = await pushStages(
      { pipelines: [{ pipelineId: 'reps-pipeline', pipelineLabel: 'R', stages: [{ stageId: 'a', stageLabel: 'A' }] }] },
      rep.key,
    );
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.customMessage).toMatch(/managers and admins/);
    expect(await db.pipeline.count({ where: { externalId: { in: ['empty', 'dup', 'reps-pipeline', 'p-0'] } } })).toBe(0);
  });
});

describe('POST /api/recotap/v1/deals', () => {
  it('upserts the documented example: exact amount, new stage from its label, owner by email, account created and linked', async () => {
    const jane = await db.user.create({ data: { email: 'jane@yourcompany.com', name: 'Jane Smith', role: 'rep' } });
    const answer = await upsert(DEALS_EXAMPLE);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      statusCode: 200,
      message: 'Success',
      data: { results: [{ externalDealId: 'deal-001', status: 'upserted' }], summary: { total: 1, upserted: 1, failed: 0 } },
    });
    const deal = await recotapDeal('deal-001');
    const stage = await db.stage.findFirstOrThrow({ where: { externalId: 'stage-3', pipeline: { externalId: 'smb-pipeline' } } });
    expect(stage.name).toBe('Proposal Sent');
    expect(deal).toMatchObject({
      name: 'Acme Corp - Enterprise Plan',
      value: 7_500_000n,
      currency: 'USD',
      stageId: stage.id,
      pipelineId: stage.pipelineId,
      ownerId: jane.id,
      externalOwner: null,
      startedAt: new Date('2026-01-15T00:00:00Z'),
      expectedClose: new Date('2026-06-30T00:00:00Z'),
    });
    const company = await db.company.findUniqueOrThrow({ where: { externalId: 'crm-001' } });
    expect(company).toMatchObject({ name: 'Acme Corp', domain: 'acme.com' });
    expect(deal!.companyId).toBe(company.id);
    expect(await db.dealCompany.count({ where: { dealId: deal!.id, companyId: company.id } })).toBe(1);
    const history = await db.stageHistory.findMany({ where: { dealId: deal!.id } });
    expect(history.map((h) => [h.toStageId, h.source])).toEqual([[stage.id, 'import']]);
  });

  it('is idempotent: the same call again creates nothing and writes no history', async () => {
    const counts = async () => ({
      deals: await db.deal.count(),
      history: await db.stageHistory.count(),
      stages: await db.stage.count(),
      pipelines: await db.pipeline.count(),
      companies: await db.company.count(),
      links: await db.dealCompany.count(),
    });
    const before = await counts();
    const again = await upsert(DEALS_EXAMPLE);
    expect(again.json.data).toEqual({ results: [{ externalDealId: 'deal-001', status: 'upserted' }], summary: { total: 1, upserted: 1, failed: 0 } });
    expect(await counts()).toEqual(before);
  });

  it('moves a known deal to another stage with an import history row, and updates only what is sent', async () => {
    const answer = await upsert({
      deals: [{ externalDealId: 'deal-001', name: 'Acme Corp - Enterprise Plan', pipelineId: 'smb-pipeline', stageId: 's3', amount: 80000.5 }],
    });
    expect(answer.json.data.summary).toEqual({ total: 1, upserted: 1, failed: 0 });
    const deal = await recotapDeal('deal-001');
    const won = await db.stage.findFirstOrThrow({ where: { externalId: 's3', pipeline: { externalId: 'smb-pipeline' } } });
    expect(deal).toMatchObject({
      stageId: won.id,
      value: 8_000_050n,
      startedAt: new Date('2026-01-15T00:00:00Z'),
      expectedClose: new Date('2026-06-30T00:00:00Z'),
    });
    const history = await db.stageHistory.findMany({ where: { dealId: deal!.id }, orderBy: { id: 'asc' } });
    expect(history).toHaveLength(2);
    expect(history[1]).toMatchObject({ toStageId: won.id, source: 'import' });
  });

  it('refuses 101 deals with a 400 and writes nothing', async () => {
    const before = await db.deal.count();
    const deals = Array.from({ length: 101 }, (_, i) => ({ externalDealId: `bulk-${i}`, name: `Bulk ${i}`, pipelineId: 'smb-pipeline', stageId: 's1' }));
    const answer = await upsert({ deals });
    expect(answer.status).toBe(400);
    expect(answer.json).toMatchObject({ statusCode: 400, message: 'Bad Request', customMessage: 'deals must contain no more than 100 elements' });
    expect(answer.json.data).toEqual([{ property: 'deals', constraints: { too_big: 'deals must contain no more than 100 elements' } }]);
    expect(await db.deal.count()).toBe(before);
    // and 100 are fine
    const hundred = await upsert({ deals: deals.slice(0, 100) });
    expect(hundred.json.data.summary).toEqual({ total: 100, upserted: 100, failed: 0 });
  });

  it('refuses other bodies that are not the documented shape, writing nothing', async () => {
    const before = await db.deal.count();
    for (const body of [{ deals: [] }, { deals: 'x' }, {}, { deals: [{ externalDealId: 'shape-1', name: 'x' }], extra: 1 }, { deals: ['not an object'] }]) {
      const answer = await upsert(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(typeof answer.json.customMessage).toBe('string');
    }
    const notJson = await call(dealsRoute.POST, 'POST', '/api/recotap/v1/deals', { key: manager.key, rawBody: '{"deals": [' });
    expect(notJson.status).toBe(400);
    expect(notJson.json.customMessage).toBe('The request body is not valid JSON.');
    const tooLarge = await call(dealsRoute.POST, 'POST', '/api/recotap/v1/deals', {
      key: manager.key,
      rawBody: JSON.stringify({ deals: [{ externalDealId: 'big', name: 'x'.repeat(1_100_000) }] }),
    });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.json).toMatchObject({ statusCode: 413, message: 'Payload Too Large', data: null });
    expect(await db.deal.count()).toBe(before);
  });

  it('fails only the deal with an invalid ownerEmail; the others are applied', async () => {
    const answer = await upsert({
      deals: [
        { externalDealId: 'own-1', name: 'Good one', pipelineId: 'smb-pipeline', stageId: 's1', ownerEmail: 'jane@yourcompany.com' },
        { externalDealId: 'own-2', name: 'Bad email', pipelineId: 'smb-pipeline', stageId: 's1', ownerEmail: 'not-an-email' },
        {
          externalDealId: 'own-3',
          name: 'Unknown owner',
          pipelineId: 'smb-pipeline',
          stageId: 's1',
          ownerEmail: 'ghost@elsewhere.test',
          ownerName: 'Ghost',
          ownerId: 'rep-9',
        },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.json.data.results).toEqual([
      { externalDealId: 'own-1', status: 'upserted' },
      { externalDealId: 'own-2', status: 'failed', error: 'ownerEmail must be an email' },
      { externalDealId: 'own-3', status: 'upserted' },
    ]);
    expect(answer.json.data.summary).toEqual({ total: 3, upserted: 2, failed: 1 });
    expect(await recotapDeal('own-2')).toBeNull();
    const jane = await db.user.findUniqueOrThrow({ where: { email: 'jane@yourcompany.com' } });
    expect(await recotapDeal('own-1')).toMatchObject({ ownerId: jane.id, externalOwner: null });
    // an owner that matches no user: unassigned, the given owner fields kept on the deal
    expect(await recotapDeal('own-3')).toMatchObject({ ownerId: null, externalOwner: { name: 'Ghost', email: 'ghost@elsewhere.test', id: 'rep-9' } });
  });

  it('creates an unknown stage from its label; without a label only that deal fails', async () => {
    const answer = await upsert({
      deals: [
        { externalDealId: 'stg-1', name: 'Labelled', pipelineId: 'smb-pipeline', stageId: 'negotiation', stageLabel: 'Negotiation' },
        { externalDealId: 'stg-2', name: 'Unlabelled', pipelineId: 'smb-pipeline', stageId: 'mystery' },
        { externalDealId: 'stg-3', name: 'Same new stage', pipelineId: 'smb-pipeline', stageId: 'negotiation', stageLabel: 'Negotiation' },
        { externalDealId: 'stg-4', name: 'New pipeline', pipelineId: 'partner-pipeline', pipelineLabel: 'Partners', stageId: 'p1', stageLabel: 'Referred' },
        { externalDealId: 'stg-5', name: 'Unknown pipeline', pipelineId: 'nowhere', stageId: 'p1', stageLabel: 'Referred' },
      ],
    });
    const [labelled, unlabelled, same, newPipeline, unknownPipeline] = answer.json.data.results;
    expect(labelled).toEqual({ externalDealId: 'stg-1', status: 'upserted' });
    expect(unlabelled).toMatchObject({ externalDealId: 'stg-2', status: 'failed' });
    expect(unlabelled.error).toBe('Unknown stageId "mystery" in pipeline "smb-pipeline": send stageLabel to create it.');
    expect(same.status).toBe('upserted');
    expect(newPipeline.status).toBe('upserted');
    expect(unknownPipeline.status).toBe('failed');
    expect(unknownPipeline.error).toMatch(/Unknown pipelineId "nowhere": send pipelineLabel/);
    const negotiation = await db.stage.findMany({ where: { externalId: 'negotiation' } });
    expect(negotiation).toHaveLength(1);
    expect(negotiation[0]).toMatchObject({ name: 'Negotiation', position: 5 });
    expect((await recotapDeal('stg-1'))!.stageId).toBe(negotiation[0]!.id);
    expect((await recotapDeal('stg-3'))!.stageId).toBe(negotiation[0]!.id);
    expect(await recotapDeal('stg-2')).toBeNull();
    expect(await db.stage.count({ where: { externalId: 'mystery' } })).toBe(0);
    const partners = await db.pipeline.findUniqueOrThrow({ where: { externalId: 'partner-pipeline' }, include: { stages: true } });
    expect(partners).toMatchObject({ name: 'Partners', isDefault: false });
    expect(partners.stages.map((s) => [s.externalId, s.name])).toEqual([['p1', 'Referred']]);
  });

  it('keeps amounts exact in the currency’s minor units, and fails an amount the currency cannot hold', async () => {
    const answer = await upsert({
      deals: [
        { externalDealId: 'amt-1', name: 'Euros', stageId: 's1', amount: 1234.56, dealCurrencyCode: 'eur' },
        { externalDealId: 'amt-2', name: 'Yen', stageId: 's1', amount: 1500, dealCurrencyCode: 'JPY' },
        { externalDealId: 'amt-3', name: 'Dinar', stageId: 's1', amount: 0.001, dealCurrencyCode: 'KWD' },
        { externalDealId: 'amt-4', name: 'Sub-cent', stageId: 's1', amount: 10.005, dealCurrencyCode: 'USD' },
        { externalDealId: 'amt-5', name: 'Float trap', stageId: 's1', amount: 0.29, dealCurrencyCode: 'USD' },
        { externalDealId: 'amt-6', name: 'Bad date', stageId: 's1', startDate: '15/01/2026' },
      ],
    });
    const results = answer.json.data.results;
    expect(results.map((r: { status: string }) => r.status)).toEqual(['upserted', 'upserted', 'upserted', 'failed', 'upserted', 'failed']);
    expect(results[3].error).toBe('amount 10.005 has more decimal places than USD allows (2)');
    expect(results[5].error).toBe('startDate must be a valid ISO 8601 date string');
    expect(await recotapDeal('amt-1')).toMatchObject({ value: 123_456n, currency: 'EUR' });
    expect(await recotapDeal('amt-2')).toMatchObject({ value: 1500n, currency: 'JPY' });
    expect(await recotapDeal('amt-3')).toMatchObject({ value: 1n, currency: 'KWD' });
    expect(await recotapDeal('amt-5')).toMatchObject({ value: 29n });
    // without pipelineId a new deal goes to the default pipeline (stage s1 of it)
    expect((await recotapDeal('amt-1'))!.pipelineId).toBe((await db.pipeline.findUniqueOrThrow({ where: { externalId: 'smb-pipeline' } })).id);
  });

  it('links accounts by external ID, then by domain, and leaves an unmatched nameless account unlinked', async () => {
    const existing = await db.company.create({ data: { name: 'Globex', domain: 'globex.com' } });
    const before = await db.company.count();
    const answer = await upsert({
      deals: [
        {
          externalDealId: 'acc-1',
          name: 'Accounts',
          stageId: 's1',
          associatedAccounts: [{ externalId: 'crm-001', name: 'Renamed Acme' }, { domain: 'https://www.GLOBEX.com/about' }, { domain: 'nobody.example' }],
        },
      ],
    });
    expect(answer.json.data.results[0].status).toBe('upserted');
    expect(await db.company.count()).toBe(before);
    const deal = await recotapDeal('acc-1');
    const acme = await db.company.findUniqueOrThrow({ where: { externalId: 'crm-001' } });
    expect(acme.name).toBe('Acme Corp');
    expect(deal!.companyId).toBe(acme.id);
    const linked = await db.dealCompany.findMany({ where: { dealId: deal!.id }, orderBy: { companyId: 'asc' } });
    expect(linked.map((l) => l.companyId).sort()).toEqual([acme.id, existing.id].sort());
  });

  it('lets a rep sync deals into known stages, but not create stages', async () => {
    const answer = await upsert(
      {
        deals: [
          { externalDealId: 'rep-1', name: 'Known stage', pipelineId: 'smb-pipeline', stageId: 's2' },
          { externalDealId: 'rep-2', name: 'New stage', pipelineId: 'smb-pipeline', stageId: 'rep-stage', stageLabel: 'Rep stage' },
        ],
      },
      rep.key,
    );
    expect(answer.json.data.results[0]).toEqual({ externalDealId: 'rep-1', status: 'upserted' });
    expect(answer.json.data.results[1]).toMatchObject({ status: 'failed', error: expect.stringMatching(/managers and admins/) });
    expect(await db.stage.count({ where: { externalId: 'rep-stage' } })).toBe(0);
    // a synced deal without owner fields is unassigned, never the key's user
    expect(await recotapDeal('rep-1')).toMatchObject({ ownerId: null, externalOwner: null });
    // native public user IDs resolve as ownerId
    const owned = await upsert({ deals: [{ externalDealId: 'rep-1', name: 'Known stage', ownerId: rep.publicId }] });
    expect(owned.json.data.results[0].status).toBe('upserted');
    expect(await recotapDeal('rep-1')).toMatchObject({ ownerId: rep.user.id, externalOwner: null });
    expect(toPublicId('user', rep.user.id)).toBe(rep.publicId);
  });

  it('answers 401 in Recotap’s shape without a key or with an unknown one', async () => {
    const none = await call(dealsRoute.POST, 'POST', '/api/recotap/v1/deals', { body: DEALS_EXAMPLE });
    expect(none.status).toBe(401);
    expect(none.json).toMatchObject({
      statusCode: 401,
      message: 'Unauthorized',
      customMessage: 'X-Api-Key header is required',
      data: null,
      path: '/api/recotap/v1/deals',
    });
    const wrong = await call(dealStagesRoute.POST, 'POST', '/api/recotap/v1/deal-stages', { key: 'db_live_nope', body: DEAL_STAGES_EXAMPLE });
    expect(wrong.status).toBe(401);
    expect(wrong.json.customMessage).toBe('Invalid API key');
  });
});

describe('POST /api/recotap/v1/deals: each deal is one transaction', () => {
  it('leaves nothing of a deal refused after its stage and company were created, and applies the next deal', async () => {
    const synced = await upsert({
      deals: [{ externalDealId: 'atomic-1', name: 'Atomic', pipelineId: 'smb-pipeline', stageId: 's1', amount: 100, startDate: '2026-02-01T00:00:00Z' }],
    });
    expect(synced.json.data.results[0].status).toBe('upserted');
    const dealId = (await recotapDeal('atomic-1'))!.id;
    // products added in Dealboard: from now on the deal's value is their total (120.00)
    const lines = await putLineItems(dealId, { tax_type: 'exclusive', items: [{ name: 'Seat', unit_price: 12000, qty: 1 }] });
    expect(lines.status).toBe(200);
    const before = {
      deal: await db.deal.findUniqueOrThrow({ where: { id: dealId } }),
      history: await db.stageHistory.count({ where: { dealId } }),
      stages: await db.stage.count(),
      companies: await db.company.count(),
    };

    const answer = await upsert({
      deals: [
        {
          // a new stage from its label, a new owner, a new account, a new start date: written before the deal, which refuses the amount
          externalDealId: 'atomic-1',
          name: 'Atomic renamed',
          pipelineId: 'smb-pipeline',
          stageId: 'atomic-stage',
          stageLabel: 'Atomic stage',
          amount: 250,
          startDate: '2026-03-01T00:00:00Z',
          ownerName: 'Nobody Known',
          associatedAccounts: [{ externalId: 'atomic-co', name: 'Atomic Co', domain: 'atomic.example' }],
        },
        {
          externalDealId: 'atomic-2',
          name: 'Independent',
          pipelineId: 'smb-pipeline',
          stageId: 'atomic-stage-2',
          stageLabel: 'Second atomic stage',
          associatedAccounts: [{ externalId: 'atomic-co-2', name: 'Atomic Co 2' }],
        },
      ],
    });
    expect(answer.status).toBe(200);
    expect(answer.json.data.results).toEqual([
      { externalDealId: 'atomic-1', status: 'failed', error: expect.stringMatching(/has line items: its value is their total/) },
      { externalDealId: 'atomic-2', status: 'upserted' },
    ]);
    expect(answer.json.data.summary).toEqual({ total: 2, upserted: 1, failed: 1 });
    // the refused deal is exactly as it was: not moved, not renamed, no new start date or owner, no history row
    expect(await db.deal.findUniqueOrThrow({ where: { id: dealId } })).toEqual(before.deal);
    expect(await db.stageHistory.count({ where: { dealId } })).toBe(before.history);
    // and what its labels and accounts created on the way was rolled back with it
    expect(await db.stage.count({ where: { externalId: 'atomic-stage' } })).toBe(0);
    expect(await db.company.count({ where: { externalId: 'atomic-co' } })).toBe(0);
    expect(await db.company.count({ where: { domain: 'atomic.example' } })).toBe(0);
    // the next deal was applied in full
    expect(await db.stage.count()).toBe(before.stages + 1);
    expect(await db.company.count()).toBe(before.companies + 1);
    const independent = (await recotapDeal('atomic-2'))!;
    const stage = await db.stage.findFirstOrThrow({ where: { externalId: 'atomic-stage-2', pipeline: { externalId: 'smb-pipeline' } } });
    const company = await db.company.findUniqueOrThrow({ where: { externalId: 'atomic-co-2' } });
    expect(independent).toMatchObject({ stageId: stage.id, companyId: company.id });
    expect(await db.dealCompany.count({ where: { dealId: independent.id, companyId: company.id } })).toBe(1);
  });

  it('applies the same new deal sent by concurrent syncs once: one deal, pipeline, stage, company and link', async () => {
    const item = {
      externalDealId: 'race-1',
      name: 'Raced',
      pipelineId: 'race-pipeline',
      pipelineLabel: 'Race',
      stageId: 'r1',
      stageLabel: 'Start',
      startDate: '2026-04-01T00:00:00Z',
      associatedAccounts: [{ externalId: 'race-co', name: 'Race Co' }],
    };
    const answers = await Promise.all(Array.from({ length: 4 }, () => upsert({ deals: [item] })));
    for (const answer of answers) expect(answer.json.data.results).toEqual([{ externalDealId: 'race-1', status: 'upserted' }]);
    const deals = await db.deal.findMany({ where: { externalSource: 'recotap', externalId: 'race-1' } });
    expect(deals).toHaveLength(1);
    const pipeline = await db.pipeline.findUniqueOrThrow({ where: { externalId: 'race-pipeline' }, include: { stages: true } });
    expect(pipeline.stages.map((s) => s.externalId)).toEqual(['r1']);
    const companies = await db.company.findMany({ where: { externalId: 'race-co' } });
    expect(companies).toHaveLength(1);
    expect(deals[0]).toMatchObject({
      pipelineId: pipeline.id,
      stageId: pipeline.stages[0]!.id,
      companyId: companies[0]!.id,
      startedAt: new Date('2026-04-01T00:00:00Z'),
    });
    expect(await db.dealCompany.count({ where: { dealId: deals[0]!.id } })).toBe(1);
    // created once, never moved by the others
    expect(await db.stageHistory.count({ where: { dealId: deals[0]!.id } })).toBe(1);
  });
});
