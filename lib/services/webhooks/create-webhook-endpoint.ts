import 'server-only';
import { writeAs } from '../../change-record/change-actor';
import type { CreateWebhookBody } from '../../schemas/webhook';
import type { ServiceContext } from '../context';
import { assertCanManageWebhooks, assertWebhookUrlAllowed, newWebhookSecret } from './webhook-rules';

/** Adds an endpoint (admins); the answer carries its signing secret, the one time it is shown. */
export async function createWebhookEndpoint({ ctx, input }: { ctx: ServiceContext; input: CreateWebhookBody }) {
  assertCanManageWebhooks(ctx);
  await assertWebhookUrlAllowed(input.url);
  const secret = newWebhookSecret();
  const endpoint = await writeAs(ctx, (tx) =>
    tx.webhookEndpoint.create({
      data: {
        url: input.url,
        description: input.description ?? null,
        eventTypes: input.event_types,
        status: input.status ?? 'active',
        secret,
        createdById: ctx.user.id,
      },
    }),
  );
  return { endpoint, secret };
}
