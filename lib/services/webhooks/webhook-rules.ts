import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { WebhookEndpoint } from '../../generated/prisma/client';
import { webhookUrlProblem } from '../../webhooks/resolve-webhook-host';
import type { ServiceContext } from '../context';
import { assertAdmin } from '../permissions';

// Rules every webhook service shares: admins only, what a URL may point at, the secret's form.

export function assertCanManageWebhooks(ctx: ServiceContext): void {
  assertAdmin(ctx, 'manage webhooks');
}

/** A signing secret in the Standard Webhooks form: whsec_ and the base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** 422 on `url` when webhooks may not be sent there (scheme, private address, unknown host). */
export async function assertWebhookUrlAllowed(url: string): Promise<void> {
  const problem = await webhookUrlProblem(url);
  if (problem) throw new AppError('unprocessable', problem, [{ path: 'url', message: problem }]);
}

export function webhookNotFound(): AppError {
  return new AppError('not_found', 'No webhook endpoint with this ID exists.');
}

export async function findWebhookEndpoint(endpointId: number): Promise<WebhookEndpoint> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId } });
  if (!endpoint) throw webhookNotFound();
  return endpoint;
}

/** Test events and replays go only to an active endpoint: a paused or disabled one would skip them. */
export function assertEndpointActive(endpoint: WebhookEndpoint): void {
  if (endpoint.status === 'active') return;
  throw new AppError(
    'conflict',
    endpoint.status === 'paused' ? 'This endpoint is paused: resume it to send to it.' : 'This endpoint is disabled: resume it to send to it again.',
  );
}
