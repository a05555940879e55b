import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as exportRoute from '../../app/api/v1/deals/export/route';
import * as dealsRoute from '../../app/api/v1/deals/route';
import * as importsRoute from '../../app/api/v1/imports/route';
import * as importRoute from '../../app/api/v1/imports/[id]/route';
import { db } from '../../lib/db';
import { fromPublicId, toPublicId } from '../../lib/ids';
import { runImport } from '../../lib/services/imports/run-import';
import { stopWebhookQueue } from '../../lib/webhooks/webhook-queue';
import { call, createPipelineFixture, createUserWithKey } from '../setup/api';

// Moving a team's deals out and back in: the deals of a pipeline exported as CSV, every deal,
// contact and company then removed (an empty workspace, its pipelines and people kept), and the file
// imported with no mapping. The same deals come back: names, stages, statuses, exact values in their
// currencies, loss reasons, owners, contacts, companies, close dates and custom fields.

let admin: Awaited<ReturnType<typeof createUserWithKey>>;
let owner: Awaited<ReturnType<typeof createUserWithKey>>;
let pipeline: Awaited<ReturnType<typeof createPipelineFixture>>;

beforeAll(async () => {
  admin = await createUserWithKey('admin', 'Ada Admin');
  owner = await createUserWithKey('rep', 'Olga Owner');
  pipeline = await createPipelineFixture('Round trip');
  await db.customFieldDefinition.create({ data: { key: 'region', label: 'Region', type: 'text' } });
});

afterAll(async () => {
  await stopWebhookQueue();
});

/** What a user compares after the round trip: everything but the IDs. */
async function dealsOfPipeline() {
  const deals = await db.deal.findMany({
    where: { pipelineId: pipeline.pipeline.id, deletedAt: null },
    include: { stage: true, owner: true, contact: true, company: true },
    orderBy: { name: 'asc' },
  });
  return deals.map((d) => ({
    name: d.name,
    stage: d.stage.name,
    status: d.status,
    value: d.value,
    currency: d.currency,
    lostReason: d.lostReason,
    owner: d.owner?.email ?? null,
    contact: d.contact ? { name: `${d.contact.firstName} ${d.contact.lastName}`.trim(), email: d.contact.email } : null,
    company: d.company ? { name: d.company.name, domain: d.company.domain } : null,
    expectedClose: d.expectedClose?.toISOString().slice(0, 10) ?? null,
    region: (d.customFields as Record<string, unknown>).region ?? null,
  }));
}

describe('export, then import into an empty workspace', () => {
  it('brings back the same deals, values and stages', async () => {
    const acme = await db.company.create({ data: { name: 'Acme GmbH', domain: 'acme.example' } });
    const globex = await db.company.create({ data: { name: 'Globex', domain: 'globex.example' } });
    const jana = await db.contact.create({ data: { firstName: 'Jana', lastName: 'Nováková', email: 'jana@acme.example', companyId: acme.id } });
    const [qualified, contactMade, proposal, won, lost] = pipeline.stageIds;
    const deals = [
      {
        name: 'Acme renewal',
        stage_id: proposal,
        value: 1_250_050,
        currency: 'EUR',
        contact_id: toPublicId('contact', jana.id),
        company_id: toPublicId('company', acme.id),
      },
      { name: 'Globex "big" expansion, phase 2', stage_id: qualified, value: 800_000, currency: 'USD', company_id: toPublicId('company', globex.id) },
      { name: 'Tokyo office', stage_id: contactMade, value: 1_500_000, currency: 'JPY', expected_close: '2027-02-15T00:00:00Z' },
      { name: 'Manama pilot', stage_id: qualified, value: 12_345, currency: 'BHD', custom_fields: { region: 'Gulf' } },
      { name: 'Initech licences', stage_id: won, value: 300_000, currency: 'USD', status: 'won' },
      { name: 'Umbrella pilot', stage_id: lost, value: 45_075, currency: 'GBP', status: 'lost', loss_reason: 'Price too high' },
      { name: '=cmd() looks like a formula', stage_id: qualified, value: 0, currency: 'USD' },
    ];
    for (const deal of deals) {
      const answer = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
        key: admin.key,
        body: { pipeline_id: pipeline.pipelineId, owner_id: owner.publicId, ...deal },
      });
      expect(answer.status, JSON.stringify(answer.json)).toBe(201);
    }
    const before = await dealsOfPipeline();
    expect(before).toHaveLength(deals.length);

    const exported = await exportRoute.GET(
      new Request(`http://dealboard.test/api/v1/deals/export?pipeline_id=${pipeline.pipelineId}`, { headers: { 'x-api-key': admin.key } }),
      { params: Promise.resolve({}) },
    );
    expect(exported.status).toBe(200);
    const file = Buffer.from(await exported.arrayBuffer());

    // an empty workspace: no deal, contact or company left (pipelines, users and fields stay)
    await db.deal.deleteMany({});
    await db.contact.deleteMany({});
    await db.company.deleteMany({});

    const data = new FormData();
    data.set('file', new File([new Uint8Array(file)], 'deals.csv', { type: 'text/csv' }));
    data.set('entity', 'deals');
    const posted = await importsRoute.POST(
      new Request('http://dealboard.test/api/v1/imports', { method: 'POST', headers: { 'x-api-key': admin.key }, body: data }),
      { params: Promise.resolve({}) },
    );
    const answer = await posted.json();
    expect(posted.status, JSON.stringify(answer)).toBe(202);
    await runImport(fromPublicId('import', answer.data.id)!);
    const done = await call(importRoute.GET, 'GET', `/api/v1/imports/${answer.data.id}`, { key: admin.key, params: { id: answer.data.id } });
    expect(done.json.data, JSON.stringify(done.json.data.rows)).toMatchObject({ status: 'done', created: deals.length, rejected: 0 });

    expect(await dealsOfPipeline()).toEqual(before);
  });
});
