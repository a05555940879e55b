import 'server-only';
import type { SettingsApiKey } from '@/components/settings/api-keys-manager';
import { toPublicId } from '@/lib/ids';
import type { listApiKeys } from '@/lib/services/api-keys/list-api-keys';

/** The keys as the API keys table shows them, newest first (shared by /account and Settings → API keys). */
export function apiKeyRows(keys: Awaited<ReturnType<typeof listApiKeys>>): SettingsApiKey[] {
  return keys
    .map((key) => ({
      id: toPublicId('apiKey', key.id),
      name: key.name,
      prefix: key.keyPrefix,
      ownerEmail: key.user.email,
      scope: key.scope,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    }))
    .reverse();
}
