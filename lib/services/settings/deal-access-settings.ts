import 'server-only';
import { z } from 'zod';
import { DEFAULT_DEAL_ACCESS, type DealAccessSettings } from '../../access/deal-access';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import type { DbClient } from '../deals/resolve-deal-references';
import { assertAdmin } from '../permissions';
import { writeAs } from '../../change-record/change-actor';

/** The Setting row holding "reps edit only their own deals" (JSON boolean). */
export const REPS_EDIT_OWN_DEALS_ONLY_KEY = 'deals.repsEditOwnDealsOnly';

export const dealAccessSettingsInput = z.object({
  repsEditOwnDealsOnly: z.boolean({ error: 'Choose whether reps edit only their own deals' }),
});

/**
 * The workspace's deal access settings. Read uncached, in the writer's transaction when given: a
 * rep's write is checked against the setting as it is now on every process (one primary-key
 * lookup, and only for reps — managers and admins never need it).
 */
export async function readDealAccessSettings(client: DbClient = db): Promise<DealAccessSettings> {
  const row = await client.setting.findUnique({ where: { key: REPS_EDIT_OWN_DEALS_ONLY_KEY }, select: { value: true } });
  return row ? { repsEditOwnDealsOnly: row.value === true } : DEFAULT_DEAL_ACCESS;
}

/** Admins: whether reps edit, move and delete only the deals they own. */
export async function updateDealAccessSettings({ ctx, input }: { ctx: ServiceContext; input: DealAccessSettings }): Promise<DealAccessSettings> {
  assertAdmin(ctx, 'change who may edit deals');
  const { repsEditOwnDealsOnly } = dealAccessSettingsInput.parse(input);
  await writeAs(ctx, (tx) =>
    tx.setting.upsert({
      where: { key: REPS_EDIT_OWN_DEALS_ONLY_KEY },
      create: { key: REPS_EDIT_OWN_DEALS_ONLY_KEY, value: repsEditOwnDealsOnly },
      update: { value: repsEditOwnDealsOnly },
    }),
  );
  return { repsEditOwnDealsOnly };
}
