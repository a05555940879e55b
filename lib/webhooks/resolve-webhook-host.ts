import 'server-only';
import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import { getEnv } from '../env';
import { isForbiddenAddress } from './forbidden-addresses';
import { checkWebhookUrl, privateAddressMessage, type WebhookUrlCheck } from './webhook-url-policy';

// The SSRF guard's server part: a host name is resolved, and every address it resolves to must be
// public. Checked when an endpoint is saved (a clear refusal) and again at every delivery, on the
// very addresses the connection uses (guardedLookup), so a name that later resolves elsewhere (DNS
// rebinding) is refused then.

export class ForbiddenAddressError extends Error {
  override name = 'ForbiddenAddressError';
}

/** The URL's problem, or null when webhooks may be sent to it (resolving its host name). */
export async function webhookUrlProblem(text: string): Promise<string | null> {
  const allowPrivate = getEnv().WEBHOOKS_ALLOW_PRIVATE;
  const check: WebhookUrlCheck = checkWebhookUrl(text, allowPrivate);
  if (!check.ok) return check.message;
  if (check.literal || allowPrivate) return null;
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(check.host, { all: true, verbatim: true });
  } catch {
    return `The host name ${check.host} could not be found.`;
  }
  const forbidden = addresses.find((entry) => isForbiddenAddress(entry.address));
  return forbidden ? privateAddressMessage(forbidden.address, check.host) : null;
}

/** node:http's `lookup`: resolves as usual, then refuses a connection to a forbidden address. */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true, verbatim: true }, (error, addresses) => {
    if (error) {
      callback(error, '', 0);
      return;
    }
    const list = addresses as dns.LookupAddress[];
    const forbidden = list.find((entry) => isForbiddenAddress(entry.address));
    if (forbidden) {
      callback(new ForbiddenAddressError(privateAddressMessage(forbidden.address, hostname)), '', 0);
      return;
    }
    if (options.all) callback(null, list);
    else callback(null, list[0]!.address, list[0]!.family);
  });
};
