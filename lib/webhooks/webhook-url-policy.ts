import { isIP } from 'node:net';
import { isForbiddenAddress } from './forbidden-addresses';

// What a webhook URL may be, before any name is resolved: http or https, no user name or password
// in it, and — unless private addresses are allowed — no IP literal of a private network. Pure.

export const WEBHOOK_URL_MAX_LENGTH = 2_000;

export type WebhookUrlCheck = { ok: true; url: URL; host: string; literal: boolean } | { ok: false; message: string };

/** The host name without IPv6 brackets. */
export function bareHost(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

export function checkWebhookUrl(text: string, allowPrivate: boolean): WebhookUrlCheck {
  if (text.length > WEBHOOK_URL_MAX_LENGTH) return { ok: false, message: `The URL must be at most ${WEBHOOK_URL_MAX_LENGTH} characters.` };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, message: 'Enter a full URL, such as https://example.com/webhooks.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, message: 'Only http and https URLs can receive webhooks.' };
  if (url.username || url.password) return { ok: false, message: 'The URL must not contain a user name or password.' };
  const host = bareHost(url);
  if (host === '') return { ok: false, message: 'The URL has no host.' };
  const literal = isIP(host) !== 0;
  if (literal && !allowPrivate && isForbiddenAddress(host)) return { ok: false, message: privateAddressMessage(host) };
  return { ok: true, url, host, literal };
}

export function privateAddressMessage(address: string, host?: string): string {
  const where = host && host !== address ? `${host} resolves to ${address}, ` : `${address} is `;
  return `${where}a loopback, link-local or private address: webhooks are only sent to public addresses.`;
}
