import { beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiKey } from '../../lib/services/api-keys/authenticate-api-key';
import { createApiKey } from '../../lib/services/api-keys/create-api-key';
import { listApiKeys } from '../../lib/services/api-keys/list-api-keys';
import { revokeApiKey } from '../../lib/services/api-keys/revoke-api-key';
import { db } from '../../lib/db';
import { isAppError } from '../../lib/errors';
import { fromPublicId } from '../../lib/ids';
import type { ServiceContext } from '../../lib/services/context';

// The services behind the API keys pages: who sees which keys and who may revoke them. An admin
// sees and revokes every key; a manager or a rep only their own, and another's key is "not found"
// to them.

let admin: ServiceContext;
let manager: ServiceContext;
let rep: ServiceContext;

async function user(role: 'admin' | 'manager' | 'rep', email: string): Promise<ServiceContext> {
  const row = await db.user.create({ data: { email, name: email, role }, select: { id: true, name: true, email: true, role: true } });
  return { user: row, source: 'ui' };
}

beforeAll(async () => {
  admin = await user('admin', 'keys-admin@keys.test');
  manager = await user('manager', 'keys-manager@keys.test');
  rep = await user('rep', 'keys-rep@keys.test');
});

describe('API key services', () => {
  it('lists every key for an admin and only their own for a manager or a rep, never the key itself', async () => {
    const mine = await createApiKey({ ctx: manager, input: { name: 'Manager tool' } });
    const theirs = await createApiKey({ ctx: rep, input: { name: 'Rep tool' } });
    const forAdmin = await listApiKeys({ ctx: admin });
    const forManager = await listApiKeys({ ctx: manager });
    const forRep = await listApiKeys({ ctx: rep });
    const ids = (keys: { id: number }[]) => keys.map((k) => k.id);
    expect(ids(forAdmin)).toEqual(expect.arrayContaining([fromPublicId('apiKey', mine.id), fromPublicId('apiKey', theirs.id)]));
    expect(forManager.map((k) => k.name)).toEqual(['Manager tool']);
    expect(forRep.map((k) => k.name)).toEqual(['Rep tool']);
    expect(forRep[0]).toMatchObject({
      keyPrefix: theirs.key.slice(0, 10),
      scope: 'write',
      lastUsedAt: null,
      revokedAt: null,
      user: { email: 'keys-rep@keys.test' },
    });
    expect(JSON.stringify(forAdmin)).not.toContain(theirs.key);
    // an admin's own page lists only their own
    expect(await listApiKeys({ ctx: admin, input: { onlyMine: true } })).toEqual([]);
  });

  it("refuses a manager revoking someone else's key; an admin may", async () => {
    const repsKey = await createApiKey({ ctx: rep, input: { name: 'Rep sync' } });
    const repsKeyId = fromPublicId('apiKey', repsKey.id)!;
    const refused = await revokeApiKey({ ctx: manager, input: { apiKeyId: repsKeyId } }).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe('not_found');
    expect(await authenticateApiKey(repsKey.key)).not.toBeNull();
    await revokeApiKey({ ctx: admin, input: { apiKeyId: repsKeyId } });
    expect(await authenticateApiKey(repsKey.key)).toBeNull();
  });

  it("refuses a rep revoking someone else's key (and changes nothing); the owner may revoke", async () => {
    const managersKey = await createApiKey({ ctx: manager, input: { name: 'Not yours' } });
    const managersKeyId = fromPublicId('apiKey', managersKey.id)!;
    const refused = await revokeApiKey({ ctx: rep, input: { apiKeyId: managersKeyId } }).catch((error: unknown) => error);
    expect(isAppError(refused) && refused.code).toBe('not_found');
    expect(await authenticateApiKey(managersKey.key)).not.toBeNull();

    const repsKey = await createApiKey({ ctx: rep, input: { name: 'Mine to revoke' } });
    await revokeApiKey({ ctx: rep, input: { apiKeyId: fromPublicId('apiKey', repsKey.id)! } });
    expect(await authenticateApiKey(repsKey.key)).toBeNull();

    const revoked = await revokeApiKey({ ctx: manager, input: { apiKeyId: managersKeyId } });
    expect(revoked.revokedAt).toBeInstanceOf(Date);
    expect(await authenticateApiKey(managersKey.key)).toBeNull();
    // revoking again keeps the first revocation time
    const again = await revokeApiKey({ ctx: manager, input: { apiKeyId: managersKeyId } });
    expect(again.revokedAt).toEqual(revoked.revokedAt);
  });

  it('records the first use of a key', async () => {
    const created = await createApiKey({ ctx: rep, input: { name: 'Used once' } });
    await authenticateApiKey(created.key);
    const [row] = (await listApiKeys({ ctx: rep })).filter((k) => k.name === 'Used once');
    expect(row!.lastUsedAt).toBeInstanceOf(Date);
  });
});
