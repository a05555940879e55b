import 'server-only';
import { writeAs } from '../../change-record/change-actor';
import type { ServiceContext } from '../context';
import { assertCanManageWebhooks, webhookNotFound } from './webhook-rules';

/**
 * Deletes an endpoint and its delivery log (admins). Its jobs still queued find no delivery and
 * end without sending.
 */
export async function deleteWebhookEndpoint({ ctx, input }: { ctx: ServiceContext; input: { endpointId: number } }): Promise<void> {
  assertCanManageWebhooks(ctx);
  await writeAs(ctx, async (tx) => {
    const deleted = await tx.webhookEndpoint.deleteMany({ where: { id: input.endpointId } });
    if (deleted.count === 0) throw webhookNotFound();
  });
}
