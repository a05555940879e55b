import type { Metadata } from 'next';
import { ForbiddenNotice } from '@/components/app-shell/forbidden-notice';
import { ImportManager } from '@/components/settings/import-manager';
import { serializeImport } from '@/lib/api/serializers/import';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { listImports } from '@/lib/services/imports/list-imports';
import { canImportRecords } from '@/lib/services/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Import · Settings' };

// /settings/import – managers and admins: import deals, contacts and companies from CSV, and the recent imports
export default async function ImportSettingsPage() {
  const ctx = await getBrowserContext();
  if (!canImportRecords(ctx)) return <ForbiddenNotice>Only managers and admins import records.</ForbiddenNotice>;
  const recent = await listImports({ ctx, input: { limit: 20 } });
  return (
    <div className="mx-auto max-w-5xl p-4 sm:p-6">
      <ImportManager recent={recent.map((view) => serializeImport(view))} />
    </div>
  );
}
