import 'server-only';
import { writeAs } from '../../change-record/change-actor';
import type { Prisma } from '../../generated/prisma/client';
import type { UpdateWebhookBody } from '../../schemas/webhook';
import type { ServiceContext } from '../context';
import { assertCanManageWebhooks, assertWebhookUrlAllowed, webhookNotFound } from './webhook-rules';

/**
 * Changes the given fields (admins). `status: 'active'` also resumes an endpoint the system
 * disabled, and forgets why; events from its time off are not sent.
 */
export async function updateWebhookEndpoint({ ctx, input }: { ctx: ServiceContext; input: { endpointId: number; changes: UpdateWebhookBody } }) {
  assertCanManageWebhooks(ctx);
  const { changes } = input;
  if (changes.url !== undefined) await assertWebhookUrlAllowed(changes.url);
  const data: Prisma.WebhookEndpointUpdateInput = {};
  if (changes.url !== undefined) data.url = changes.url;
  if (changes.description !== undefined) data.description = changes.description;
  if (changes.event_types !== undefined) data.eventTypes = changes.event_types;
  if (changes.status !== undefined) {
    data.status = changes.status;
    data.disabledReason = null;
  }
  return writeAs(ctx, async (tx) => {
    const updated = await tx.webhookEndpoint.updateManyAndReturn({ where: { id: input.endpointId }, data });
    if (updated.length === 0) throw webhookNotFound();
    return updated[0]!;
  });
}
