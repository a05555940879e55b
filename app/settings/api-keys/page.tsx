import type { Metadata } from 'next';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { toPublicId } from '@/lib/ids';
import { listApiKeys } from '@/lib/services/api-keys/list-api-keys';
import { canConfigureWorkspace } from '@/lib/services/permissions';
import { ApiKeysManager } from '@/components/settings/api-keys-manager';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API keys · Settings' };

// /settings/api-keys – create, list and revoke the keys external tools use for the REST API
export default async function ApiKeysSettingsPage() {
  const ctx = await getBrowserContext();
  const keys = await listApiKeys({ ctx });
  return (
    <div className="mx-auto max-w-5xl p-4 sm:p-6">
      <ApiKeysManager
        keys={keys
          .map((key) => ({
            id: toPublicId('apiKey', key.id),
            name: key.name,
            prefix: key.keyPrefix,
            ownerEmail: key.user.email,
            createdAt: key.createdAt.toISOString(),
            lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
            revokedAt: key.revokedAt?.toISOString() ?? null,
          }))
          .reverse()}
        seesEveryonesKeys={canConfigureWorkspace(ctx)}
      />
    </div>
  );
}
