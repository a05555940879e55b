import { resetEnvForTests } from '../../lib/env';

// Webhook settings for tests that deliver: a receiver on 127.0.0.1 is allowed, and retries come
// seconds apart (not the ~24 hours of the defaults) so giving up is reached within a test.
export function configureFastWebhookRetries(retryLimit = 3): void {
  process.env.WEBHOOKS_ALLOW_PRIVATE = 'true';
  process.env.WEBHOOK_RETRY_LIMIT = String(retryLimit);
  process.env.WEBHOOK_RETRY_DELAY_SECONDS = '1';
  process.env.WEBHOOK_RETRY_DELAY_MAX_SECONDS = '2';
  resetEnvForTests();
}

/** Polls `read` until `done` holds for its answer (the delivery log is written by the worker). */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 25_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}; last seen: ${JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? String(v) : v))}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
