import { beforeAll, describe, expect, it } from 'vitest';
import { setChangeActor } from '../../../lib/change-record/change-actor';
import { db } from '../../../lib/db';
import { isAppError } from '../../../lib/errors';
import { createApiKey } from '../../../lib/services/api-keys/create-api-key';
import { revokeApiKey } from '../../../lib/services/api-keys/revoke-api-key';
import type { ServiceContext } from '../../../lib/services/context';
import { fromPublicId } from '../../../lib/ids';
import { bulkDeleteDeals } from '../../../lib/services/deals/bulk-delete-deals';
import { bulkMoveDeals } from '../../../lib/services/deals/bulk-move-deals';
import { bulkUpdateDeals } from '../../../lib/services/deals/bulk-update-deals';
import { closeDeals } from '../../../lib/services/deals/close-deals';
import { createDeal } from '../../../lib/services/deals/create-deal';
import { moveDealToStage } from '../../../lib/services/deals/move-deal-to-stage';
import { updateDeal } from '../../../lib/services/deals/update-deal';
import { acceptInvitation } from '../../../lib/services/invitations/accept-invitation';
import { createInvitation } from '../../../lib/services/invitations/create-invitation';
import { replaceDealLineItems } from '../../../lib/services/line-items/replace-deal-line-items';
import { REQUIRE_TWO_FACTOR_KEY, updateSecuritySettings } from '../../../lib/services/settings/security-settings';
import { createPipelineFixture } from '../../setup/api';
import { eventsOf, eventsOfDeal, eventsSince, lastEventId, type RecordedEvent } from './change-events';

// The browser's door ("ui"). Server actions (lib/actions) run only inside Next, so these tests call
// the services the actions call, with the context getBrowserContext builds: source "ui", no API key.
// Also here: bulk actions, and writes that fail midway or change nothing — they record nothing.

let admin: ServiceContext;
let rep: ServiceContext;
let sales: Awaited<ReturnType<typeof createPipelineFixture>>;
let stage: { qualified: number; contact: number; won: number; lost: number };

async function browserUser(role: 'admin' | 'rep', name: string): Promise<ServiceContext> {
  const user = await db.user.create({
    data: { email: `${name.toLowerCase().replace(' ', '.')}@ui.test`, name, role },
    select: { id: true, name: true, email: true, role: true },
  });
  return { user, source: 'ui' };
}

beforeAll(async () => {
  admin = await browserUser('admin', 'Ada Admin');
  rep = await browserUser('rep', 'Riley Rep');
  sales = await createPipelineFixture('Sales');
  const [qualified, contact, , won, lost] = sales.stages.map((s) => s.id) as [number, number, number, number, number];
  stage = { qualified, contact, won, lost };
});

const newDeal = (name: string) =>
  createDeal({ ctx: admin, input: { name, pipeline_id: sales.pipeline.id, stage_id: stage.qualified, value: 1000, currency: 'USD' } });

function expectActedInBrowser(events: RecordedEvent[], who: ServiceContext) {
  expect(events.length).toBeGreaterThan(0);
  for (const event of events) expect(event).toMatchObject({ actorUserId: who.user.id, actorApiKeyId: null, channel: 'ui' });
}

describe('the browser door records who acted', () => {
  it('the board and the deal page: create, move, edit, line items', async () => {
    const deal = await newDeal('Board deal');
    await moveDealToStage({ ctx: rep, input: { dealId: deal.id, stageId: stage.contact } });
    await updateDeal({ ctx: rep, input: { dealId: deal.id, changes: { name: 'Board deal, edited' } } });
    await replaceDealLineItems({
      ctx: rep,
      input: { dealId: deal.id, taxType: 'exclusive', items: [{ name: 'Seat', unit_price: 700, qty: 1, discount_type: 'percent', discount_total: 0 }] },
    });

    const events = await eventsOfDeal(deal.id);
    // the lines' event is the replace's last statement, and the triggers write theirs at commit: the
    // lines come before the deal's new value
    expect(events.map((event) => event.type)).toEqual(['deal.created', 'deal.stage_changed', 'deal.updated', 'line_items.replaced', 'deal.updated']);
    expectActedInBrowser(events.slice(0, 1), admin);
    expectActedInBrowser(events.slice(1), rep);
    expect(events[2]!.changes).toEqual({ name: { from: 'Board deal', to: 'Board deal, edited' } });
    expect(events[4]!.changes).toEqual({ value: { from: 1000, to: 700 } });
  });

  it('bulk actions: one event per deal changed, none for a deal already as asked', async () => {
    const [a, b, c] = [await newDeal('Bulk A'), await newDeal('Bulk B'), await newDeal('Bulk C')];
    await moveDealToStage({ ctx: admin, input: { dealId: c.id, stageId: stage.contact } });
    const before = await lastEventId();
    await bulkMoveDeals({ ctx: rep, input: { dealIds: [a.id, b.id, c.id], stageId: stage.contact } });
    await bulkUpdateDeals({ ctx: rep, input: { dealIds: [a.id, b.id], ownerId: rep.user.id } });
    await closeDeals({ ctx: rep, input: { dealIds: [a.id, b.id], outcome: 'won' } });
    await bulkDeleteDeals({ ctx: rep, input: { dealIds: [a.id, b.id] } });

    const events = await eventsSince(before);
    expectActedInBrowser(events, rep);
    const typesOf = (dealId: number) => events.filter((event) => event.dealId === dealId).map((event) => event.type);
    expect(typesOf(a.id)).toEqual(['deal.stage_changed', 'deal.updated', 'deal.won', 'deal.deleted']);
    expect(typesOf(b.id)).toEqual(['deal.stage_changed', 'deal.updated', 'deal.won', 'deal.deleted']);
    // C was in the stage already: the batch left it as it was, and recorded nothing for it
    expect(typesOf(c.id)).toEqual([]);
    const ownerChange = events.find((event) => event.dealId === a.id && event.type === 'deal.updated')!;
    expect(ownerChange.changes).toEqual({ owner_id: { from: admin.user.id, to: rep.user.id } });
  });

  it('a transaction that fails midway records nothing, though its first writes were made', async () => {
    const [a, b] = [await newDeal('Midway A'), await newDeal('Midway B')];
    const before = await lastEventId();
    // as a bulk action does: one transaction, who acts said once, deal by deal; B is refused (a loss
    // reason on an open deal) after A was written
    const failed = await db
      .$transaction(async (tx) => {
        await setChangeActor(tx, rep);
        await updateDeal({ ctx: rep, input: { dealId: a.id, changes: { name: 'Midway A, renamed' } }, tx });
        await updateDeal({ ctx: rep, input: { dealId: b.id, changes: { loss_reason: 'Price' } }, tx });
      })
      .then(
        () => null,
        (error: unknown) => error,
      );
    expect(isAppError(failed)).toBe(true);
    expect(await db.deal.findUniqueOrThrow({ where: { id: a.id }, select: { name: true } })).toEqual({ name: 'Midway A' });
    expect(await eventsSince(before)).toEqual([]);
  });

  it('a bulk action refused for one deal records nothing', async () => {
    const a = await newDeal('Refused A');
    const gone = await newDeal('Refused gone');
    await bulkDeleteDeals({ ctx: admin, input: { dealIds: [gone.id] } });
    const before = await lastEventId();
    const refused = await bulkMoveDeals({ ctx: rep, input: { dealIds: [a.id, gone.id], stageId: stage.contact } }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(isAppError(refused)).toBe(true);
    expect(await eventsSince(before)).toEqual([]);
  });

  it('API keys, settings and an accepted invitation', async () => {
    const created = await createApiKey({ ctx: rep, input: { name: 'Zapier' } });
    const keyId = fromPublicId('apiKey', created.id)!;
    await revokeApiKey({ ctx: admin, input: { apiKeyId: keyId } });
    await updateSecuritySettings({ ctx: admin, input: { requireTwoFactor: false } });
    // the same value again changes nothing
    await updateSecuritySettings({ ctx: admin, input: { requireTwoFactor: false } });
    const invitation = await createInvitation({ ctx: admin, input: { email: 'new.person@ui.test', role: 'manager' } });
    const token = invitation.link.split('/').at(-1)!;
    const joined = await acceptInvitation({ input: { token, name: 'New Person', password: 'a-long-password' } });

    const keyEvents = await eventsOf('api_key', keyId);
    expect(keyEvents.map((event) => event.type)).toEqual(['api_key.created', 'api_key.updated']);
    expectActedInBrowser(keyEvents.slice(0, 1), rep);
    expectActedInBrowser(keyEvents.slice(1), admin);
    expect(keyEvents[1]!.changes).toEqual({ revoked_at: { from: null, to: expect.any(String) } });
    // the key's hash is never copied into the record
    for (const event of keyEvents) expect(event.record).not.toHaveProperty('key_hash');
    const settingEvents = await eventsOf('setting', REQUIRE_TWO_FACTOR_KEY);
    expect(settingEvents.map((event) => event.type)).toEqual(['setting.updated']);
    expectActedInBrowser(settingEvents, admin);
    // the person who accepted is the one who acted
    const joinedEvents = await eventsOf('user', joined.id);
    expect(joinedEvents.map((event) => event.type)).toEqual(['user.created']);
    expectActedInBrowser(joinedEvents, { user: joined, source: 'ui' });
  });
});
