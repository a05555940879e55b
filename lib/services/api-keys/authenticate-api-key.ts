import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { hashApiKeySecret } from './api-key-secret';

// lastUsedAt is informational: refresh it at most once a minute so the hot path stays read-only
const LAST_USED_RESOLUTION_MS = 60_000;

export interface ApiKeyIdentity {
  apiKeyId: number;
  ctx: ServiceContext;
}

/** The key's owner as the acting user, or null for an unknown or revoked key. */
export async function authenticateApiKey(secret: string): Promise<ApiKeyIdentity | null> {
  if (!secret || secret.length > 200) return null;
  const record = await db.apiKey.findUnique({
    where: { keyHash: hashApiKeySecret(secret) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      user: { select: { id: true, name: true, email: true, role: true } },
    },
  });
  if (!record || record.revokedAt) return null;
  const now = Date.now();
  if (!record.lastUsedAt || now - record.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: record.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { apiKeyId: record.id, ctx: { user: record.user, source: 'api' } };
}
