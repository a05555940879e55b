import 'server-only';
import { errorText } from '../database/connect';
import { startWebhookDelivery, stopWebhookDelivery } from './start-webhook-delivery';

// Webhooks in a Next.js server process (instrumentation.ts): started at boot, stopped when the
// process is told to end. Next exits soon after its own clean-up, so stopping is best effort: an
// attempt cut short is found expired by pg-boss (after a minute) and made again — deliveries are
// at least once, and the receiver tells a repeat by its webhook-id.

export async function startServerWebhooks(): Promise<void> {
  try {
    await startWebhookDelivery();
  } catch (error) {
    // the app serves without webhooks rather than not at all; the relay catches up once restarted
    console.error(`Webhooks could not start (${errorText(error)}); no webhook is sent by this process until it restarts.`);
    return;
  }
  const stop = () => {
    void stopWebhookDelivery().catch(() => {});
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
