import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { assertCanManageWebhooks } from './webhook-rules';

/** Every endpoint, oldest first (a workspace has a handful). */
export async function listWebhookEndpoints({ ctx }: { ctx: ServiceContext }) {
  assertCanManageWebhooks(ctx);
  return db.webhookEndpoint.findMany({ orderBy: { id: 'asc' } });
}
