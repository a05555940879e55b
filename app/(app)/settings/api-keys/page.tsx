import type { Metadata } from 'next';
import { apiKeyRows } from '@/app/(app)/_lib/api-key-rows';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { listApiKeys } from '@/lib/services/api-keys/list-api-keys';
import { isAdmin } from '@/lib/services/permissions';
import { ApiKeysManager } from '@/components/settings/api-keys-manager';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'API keys · Settings' };

// /settings/api-keys – create, list and revoke the keys external tools use for the REST API
export default async function ApiKeysSettingsPage() {
  const ctx = await getBrowserContext();
  const keys = await listApiKeys({ ctx });
  return (
    <div className="mx-auto max-w-5xl p-4 sm:p-6">
      <ApiKeysManager keys={apiKeyRows(keys)} seesEveryonesKeys={isAdmin(ctx)} />
    </div>
  );
}
