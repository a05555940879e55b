import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { AppError } from '../../lib/errors';
import { toPublicId } from '../../lib/ids';
import { quickAddDeal } from '../../lib/services/board/quick-add-deal';
import type { ServiceContext } from '../../lib/services/context';
import { createCustomField } from '../../lib/services/custom-fields/create-custom-field';
import { getNewDealFormData } from '../../lib/services/deals/get-new-deal-form-data';
import { updateDealAccessSettings } from '../../lib/services/settings/deal-access-settings';
import { createPipelineFixture } from '../setup/api';

// The "New deal" form's choices (pipelines and stages, the owners the viewer may pick, every custom
// field) and the board's quick-add with the workspace's required custom fields.

let admin: ServiceContext;
let manager: ServiceContext;
let rep: ServiceContext;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;

async function browserUser(role: 'admin' | 'manager' | 'rep', name: string): Promise<ServiceContext> {
  const user = await db.user.create({
    data: { email: `${name.toLowerCase().replace(' ', '.')}@new-deal.test`, name, role },
    select: { id: true, name: true, email: true, role: true },
  });
  return { user, source: 'ui' };
}

beforeAll(async () => {
  admin = await browserUser('admin', 'Ada Admin');
  manager = await browserUser('manager', 'Maya Manager');
  rep = await browserUser('rep', 'Riley Rep');
  sales = await createPipelineFixture('Sales');
  await createCustomField({ ctx: manager, input: { key: 'region', label: 'Region', type: 'select', options: ['EMEA', 'APAC'], required: true } });
  await createCustomField({ ctx: manager, input: { key: 'seats', label: 'Seats', type: 'number' } });
});

describe('getNewDealFormData', () => {
  it('offers the pipelines with their stages, every user as owner, and every custom field', async () => {
    const data = await getNewDealFormData({ ctx: manager });
    const pipeline = data.pipelines.find((p) => p.id === toPublicId('pipeline', sales.pipeline.id));
    expect(pipeline?.stages.map((s) => [s.name, s.outcome])).toEqual([
      ['Qualified', null],
      ['Contact Made', null],
      ['Proposal Sent', null],
      ['Won', 'won'],
      ['Lost', 'lost'],
    ]);
    expect(data.me).toBe(toPublicId('user', manager.user.id));
    expect(data.owners.map((o) => o.name)).toEqual(expect.arrayContaining(['Ada Admin', 'Maya Manager', 'Riley Rep']));
    expect(data.customFields).toEqual([
      { key: 'region', label: 'Region', type: 'select', options: ['EMEA', 'APAC'], required: true },
      { key: 'seats', label: 'Seats', type: 'number', options: [], required: false },
    ]);
    expect(data.defaultCurrency).toBe('USD');
  });

  it('offers a rep only themselves as owner while reps keep the deals they create', async () => {
    expect((await getNewDealFormData({ ctx: rep })).owners.length).toBeGreaterThan(1);
    await updateDealAccessSettings({ ctx: admin, input: { repsEditOwnDealsOnly: true } });
    try {
      expect((await getNewDealFormData({ ctx: rep })).owners).toEqual([{ id: toPublicId('user', rep.user.id), name: 'Riley Rep' }]);
      // managers still hand deals to anyone
      expect((await getNewDealFormData({ ctx: manager })).owners.length).toBeGreaterThan(1);
    } finally {
      await updateDealAccessSettings({ ctx: admin, input: { repsEditOwnDealsOnly: false } });
    }
  });
});

describe('quickAddDeal with a required custom field', () => {
  it('is refused by the field when the value is missing', async () => {
    const stageId = sales.stages[0]!.id;
    const refusal = await quickAddDeal({ ctx: rep, input: { stageId, name: 'No region', value: 0, currency: 'USD' } }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).details).toEqual([{ path: 'custom_fields.region', message: 'Region is required' }]);
    expect(await db.deal.count({ where: { name: 'No region' } })).toBe(0);
  });

  it('creates the deal at the top of its column with the value given', async () => {
    const stageId = sales.stages[0]!.id;
    await quickAddDeal({ ctx: rep, input: { stageId, name: 'Older', value: 0, currency: 'USD', customFields: { region: 'APAC' } } });
    const added = await quickAddDeal({ ctx: rep, input: { stageId, name: 'With region', value: 120_000, currency: 'EUR', customFields: { region: 'EMEA' } } });
    expect(added).toMatchObject({ name: 'With region', stageId, value: 120_000n, currency: 'EUR', ownerId: rep.user.id, customFields: { region: 'EMEA' } });
    const column = await db.deal.findMany({ where: { stageId, deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { name: true } });
    expect(column[0]?.name).toBe('With region');
  });
});
