'use server';

import { refresh } from 'next/cache';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import { createApiKeyInput } from '../schemas/api-key';
import { createApiKey } from '../services/api-keys/create-api-key';
import { revokeApiKey } from '../services/api-keys/revoke-api-key';
import { idOf } from './action-input';

// The API keys page's writes: the API's schema parses, one service call each, and the page
// refreshes in the same response.

/** A new key acting as the signed-in user; the answer carries the key itself, shown this once. */
export async function createApiKeyAction(
  name: string,
  scope: string = 'write',
): Promise<ActionResult<{ id: string; name: string; prefix: string; key: string }>> {
  return runAction(async () => {
    const body = createApiKeyInput.parse({ name, scope });
    const ctx = await getBrowserContext();
    const created = await createApiKey({ ctx, input: body });
    refresh();
    return { id: created.id, name: created.name, prefix: created.prefix, key: created.key };
  });
}

/** Revokes a key; every server process refuses it from now on. */
export async function revokeApiKeyAction(apiKeyId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('apiKey', apiKeyId, 'API key');
    const ctx = await getBrowserContext();
    await revokeApiKey({ ctx, input: { apiKeyId: id } });
    refresh();
    return null;
  });
}
