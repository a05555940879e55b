import 'server-only';
import { db } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { writeAs } from '../../change-record/change-actor';

/** The Setting row holding whether a lost deal's reason may be any text (JSON boolean). */
export const ALLOW_FREE_TEXT_KEY = 'lostReasons.allowFreeText';

export interface LostReasonSettings {
  /** true (the default when never set): any text is a valid loss reason; false: only an active lost reason */
  allowFreeText: boolean;
}

/** Reads the setting; absent (or not a boolean) means the default, true. */
export async function readAllowFreeText(client: Prisma.TransactionClient | typeof db = db): Promise<boolean> {
  const row = await client.setting.findUnique({ where: { key: ALLOW_FREE_TEXT_KEY } });
  return typeof row?.value === 'boolean' ? row.value : true;
}

/** The lost-reason settings. Every role may read them. */
export async function getLostReasonSettings({ ctx }: { ctx: ServiceContext }): Promise<LostReasonSettings> {
  void ctx;
  return { allowFreeText: await readAllowFreeText() };
}

/** Changes the lost-reason settings (managers and admins). */
export async function updateLostReasonSettings({ ctx, input }: { ctx: ServiceContext; input: { allowFreeText: boolean } }): Promise<LostReasonSettings> {
  assertCanConfigureWorkspace(ctx);
  await writeAs(ctx, (tx) =>
    tx.setting.upsert({
      where: { key: ALLOW_FREE_TEXT_KEY },
      create: { key: ALLOW_FREE_TEXT_KEY, value: input.allowFreeText },
      update: { value: input.allowFreeText },
    }),
  );
  return { allowFreeText: input.allowFreeText };
}
