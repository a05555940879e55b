import type { Metadata } from 'next';
import { webhookRow } from '@/app/(app)/_lib/webhook-rows';
import { ForbiddenNotice } from '@/components/app-shell/forbidden-notice';
import { WebhooksManager } from '@/components/settings/webhooks-manager';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAdmin } from '@/lib/services/permissions';
import { listWebhookDeliveries } from '@/lib/services/webhooks/list-webhook-deliveries';
import { listWebhookEndpoints } from '@/lib/services/webhooks/list-webhook-endpoints';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Webhooks · Settings' };

const LOG_ROWS = 20;

// /settings/webhooks – admins: endpoints that receive change events, and each one's delivery log
export default async function WebhooksSettingsPage() {
  const ctx = await getBrowserContext();
  if (!isAdmin(ctx)) return <ForbiddenNotice>Only admins manage webhooks.</ForbiddenNotice>;
  const endpoints = await listWebhookEndpoints({ ctx });
  const rows = await Promise.all(
    endpoints.map(async (endpoint) => {
      const log = await listWebhookDeliveries({ ctx, input: { endpointId: endpoint.id, query: { limit: LOG_ROWS } } });
      return webhookRow(endpoint, log.rows);
    }),
  );
  return (
    <div className="mx-auto max-w-5xl p-4 sm:p-6">
      <WebhooksManager webhooks={rows} />
    </div>
  );
}
