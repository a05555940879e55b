import 'server-only';
import { db } from '../../db';
import type { ApiKeyScope } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';
import { hashApiKeySecret } from './api-key-secret';

// lastUsedAt is informational: refresh it at most once a minute so the hot path stays read-only
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyIdentity {
  apiKeyId: number;
  scope: ApiKeyScope;
  ctx: ServiceContext;
}

/** The key's owner as the acting user, or null for an unknown or revoked key or a deactivated owner. */
export async function authenticateApiKey(secret: string): Promise<ApiKeyIdentity | null> {
  if (!secret || secret.length > 200) return null;
  const record = await db.apiKey.findUnique({
    where: { keyHash: hashApiKeySecret(secret) },
    select: {
      id: true,
      scope: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, name: true, email: true, role: true, deactivatedAt: true } },
    },
  });
  if (!record || record.revokedAt || record.user.deactivatedAt) return null;
  const now = Date.now();
  if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: record.id }, data: { lastUsedAt: new Date(now) } });
  }
  const { deactivatedAt: _active, ...user } = record.user;
  return { apiKeyId: record.id, scope: record.scope, ctx: { user, source: 'api', apiKeyId: record.id } };
}
