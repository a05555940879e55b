import { db } from '../../lib/db';
import type { IdKind } from '../../lib/ids';
import { createPipelineFixture, createUserWithKey } from '../setup/api';
import type { Auth, Pools } from './requests';

// The records the fuzzer's requests name: a small workspace of every kind of record, written
// straight to the database, and the keys of an admin, a manager and a rep (plus an unknown and a
// revoked key).

export async function createFuzzWorkspace(): Promise<{ pools: Pools; keys: Record<Auth, string | null> }> {
  const admin = await createUserWithKey('admin', 'Fuzz Admin');
  const manager = await createUserWithKey('manager', 'Fuzz Manager');
  const rep = await createUserWithKey('rep', 'Fuzz Rep');
  const revoked = await createUserWithKey('manager', 'Fuzz Revoked');
  await db.apiKey.updateMany({ where: { userId: revoked.user.id }, data: { revokedAt: new Date() } });

  const sales = await createPipelineFixture('Fuzz Sales');
  const renewals = await createPipelineFixture('Fuzz Renewals', ['New', 'Negotiation', 'Won', 'Lost']);
  await db.pipeline.update({ where: { id: sales.pipeline.id }, data: { isDefault: true } });
  const stages = [...sales.stages, ...renewals.stages];

  const companies = await Promise.all(
    ['Acme', 'Globex', 'Initech'].map((name, i) => db.company.create({ data: { name, domain: `${name.toLowerCase()}.test`, externalId: `fuzz-co-${i}` } })),
  );
  const contacts = await Promise.all(
    ['Ada', 'Grace', 'Linus'].map((firstName, i) =>
      db.contact.create({
        data: { firstName, lastName: 'Fuzz', email: `${firstName.toLowerCase()}@fuzz.test`, companyId: companies[i]!.id, externalId: `fuzz-ct-${i}` },
      }),
    ),
  );
  const products = await Promise.all(
    ['Seat', 'Support', 'Training'].map((name, i) =>
      db.product.create({ data: { name, sku: `FUZZ-${i}`, unitPrice: BigInt(10_000 * (i + 1)), taxRate: 8.25 } }),
    ),
  );
  const owners = [admin.user.id, manager.user.id, rep.user.id];
  const deals = [];
  for (let i = 0; i < 8; i += 1) {
    const stage = stages[i % stages.length]!;
    const outcome = stage.outcome;
    deals.push(
      await db.deal.create({
        data: {
          name: `Fuzz deal ${i}`,
          pipelineId: stage.pipelineId,
          stageId: stage.id,
          value: BigInt(100_000 * (i + 1)),
          status: outcome === 'won' ? 'won' : outcome === 'lost' ? 'lost' : 'open',
          closedAt: outcome ? new Date() : null,
          ownerId: owners[i % owners.length]!,
          contactId: contacts[i % contacts.length]!.id,
          companyId: companies[i % companies.length]!.id,
          externalSource: 'api',
          externalId: `fuzz-deal-${i}`,
          position: i,
        },
      }),
    );
  }
  for (const deal of deals.slice(0, 3)) {
    await db.stageHistory.create({
      data: { dealId: deal.id, fromStageId: null, toStageId: deal.stageId, toPipelineId: deal.pipelineId, changedById: admin.user.id, value: deal.value },
    });
    await db.dealLineItem.create({
      data: { dealId: deal.id, productId: products[0]!.id, name: 'Seat', unitPrice: 10_000n, quantity: 3, subtotal: 30_000n, total: 30_000n },
    });
    await db.dealContact.create({ data: { dealId: deal.id, contactId: contacts[0]!.id } });
    await db.dealCompany.create({ data: { dealId: deal.id, companyId: companies[0]!.id } });
  }
  const activities = await Promise.all(
    deals.slice(0, 3).map((deal, i) => db.activity.create({ data: { dealId: deal.id, type: 'call', subject: `Call ${i}`, ownerId: admin.user.id } })),
  );
  const tasks = await Promise.all(
    deals
      .slice(0, 3)
      .map((deal, i) => db.task.create({ data: { dealId: deal.id, title: `Follow up ${i}`, assigneeId: rep.user.id, createdById: admin.user.id } })),
  );
  const customFields = [
    await db.customFieldDefinition.create({ data: { key: 'region', label: 'Region', type: 'select', options: ['EMEA', 'AMER', 'APAC'] } }),
    await db.customFieldDefinition.create({ data: { key: 'seats', label: 'Seats', type: 'number', position: 1 } }),
  ];
  const lostReasons = await Promise.all(['Price', 'Timing'].map((label, position) => db.lostReason.create({ data: { label, position } })));

  const pools: Pools = new Map<IdKind, number[]>([
    ['deal', deals.map((d) => d.id)],
    ['pipeline', [sales.pipeline.id, renewals.pipeline.id]],
    ['stage', stages.map((s) => s.id)],
    ['contact', contacts.map((c) => c.id)],
    ['company', companies.map((c) => c.id)],
    ['product', products.map((p) => p.id)],
    ['user', [admin.user.id, manager.user.id, rep.user.id]],
    ['activity', activities.map((a) => a.id)],
    ['task', tasks.map((t) => t.id)],
    ['customField', customFields.map((c) => c.id)],
    ['lostReason', lostReasons.map((l) => l.id)],
  ]);
  return {
    pools,
    keys: {
      admin: admin.key,
      manager: manager.key,
      rep: rep.key,
      none: null,
      'unknown-key': 'db_live_0000000000000000000000000000',
      'revoked-key': revoked.key,
    },
  };
}
