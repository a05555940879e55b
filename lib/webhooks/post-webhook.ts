import 'server-only';
import http from 'node:http';
import https from 'node:https';
import { Webhook } from 'standardwebhooks';
import { getEnv } from '../env';
import { ForbiddenAddressError, guardedLookup } from './resolve-webhook-host';
import { checkWebhookUrl } from './webhook-url-policy';

// One attempt to deliver a webhook: a POST signed per the Standard Webhooks specification
// (webhook-id, webhook-timestamp, webhook-signature: HMAC-SHA256 of "<id>.<timestamp>.<body>" with
// the endpoint's whsec_ secret). node:http rather than fetch: its `lookup` option lets the SSRF
// guard check the very addresses the connection goes to, and it never follows a redirect (a 3xx
// is a failed attempt, not a way around the guard).

export const WEBHOOK_TIMEOUT_MS = 10_000;
const USER_AGENT = 'Dealboard-Webhooks/1.0';

export interface WebhookAttempt {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** why it failed, in words an admin can act on; null when it succeeded */
  error: string | null;
}

export interface WebhookMessage {
  url: string;
  secret: string;
  /** the webhook-id header: the same for every attempt of one message */
  messageId: string;
  body: string;
}

/** POSTs the message once; never throws (a failure is an attempt with its reason). */
export async function postWebhook(message: WebhookMessage, abort: AbortSignal): Promise<WebhookAttempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const check = checkWebhookUrl(message.url, getEnv().WEBHOOKS_ALLOW_PRIVATE);
  if (!check.ok) return { ok: false, statusCode: null, latencyMs: 0, error: check.message };
  const timestamp = new Date();
  const headers = {
    'content-type': 'application/json',
    'user-agent': USER_AGENT,
    'webhook-id': message.messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': new Webhook(message.secret).sign(message.messageId, timestamp, message.body),
  };
  const timeout = AbortSignal.timeout(WEBHOOK_TIMEOUT_MS);
  const signal = AbortSignal.any([abort, timeout]);
  const transport = check.url.protocol === 'https:' ? https : http;
  return new Promise<WebhookAttempt>((resolve) => {
    const request = transport.request(
      check.url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': Buffer.byteLength(message.body) },
        signal,
        // the guard only runs for host names; an IP literal was checked above
        lookup: getEnv().WEBHOOKS_ALLOW_PRIVATE ? undefined : guardedLookup,
      },
      (response) => {
        const statusCode = response.statusCode ?? 0;
        // the answer's body is not used: read and dropped, so the connection can close
        response.resume();
        response.on('end', () => {
          const ok = statusCode >= 200 && statusCode < 300;
          resolve({ ok, statusCode, latencyMs: elapsed(), error: ok ? null : `The receiver answered HTTP ${statusCode}.` });
        });
        response.on('error', () =>
          resolve({ ok: false, statusCode, latencyMs: elapsed(), error: `The receiver answered HTTP ${statusCode}, then the connection broke.` }),
        );
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => {
      resolve({ ok: false, statusCode: null, latencyMs: elapsed(), error: attemptError(error, timeout.aborted) });
    });
    request.end(message.body);
  });
}

function attemptError(error: NodeJS.ErrnoException, timedOut: boolean): string {
  if (timedOut) return `No answer within ${WEBHOOK_TIMEOUT_MS / 1000} seconds.`;
  if (error instanceof ForbiddenAddressError) return error.message;
  if (error.name === 'AbortError') return 'The attempt was stopped (the server shut down).';
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'The connection was refused (ECONNREFUSED).';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `The host name could not be found (${error.code}).`;
    case 'ECONNRESET':
      return 'The receiver closed the connection (ECONNRESET).';
    default:
      return error.code ? `${error.message} (${error.code}).` : error.message;
  }
}
