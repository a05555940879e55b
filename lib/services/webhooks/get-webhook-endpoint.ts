import 'server-only';
import type { ServiceContext } from '../context';
import { assertCanManageWebhooks, findWebhookEndpoint } from './webhook-rules';

/** One endpoint, or 404. */
export async function getWebhookEndpoint({ ctx, input }: { ctx: ServiceContext; input: { endpointId: number } }) {
  assertCanManageWebhooks(ctx);
  return findWebhookEndpoint(input.endpointId);
}
