import type { ReactNode } from 'react';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { canConfigureWorkspace } from '@/lib/services/permissions';
import { PageHeader } from '@/components/app-shell/page-header';
import { ReadOnlyNotice } from '@/components/settings/read-only-notice';
import { SettingsNav } from '@/components/settings/settings-nav';

export const dynamic = 'force-dynamic';

// /settings/* – the sections' tabs, and for reps a notice that the configuration is read only
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const ctx = await getBrowserContext();
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsNav />
      {canConfigureWorkspace(ctx) ? null : <ReadOnlyNotice userName={ctx.user.name} role={ctx.user.role} />}
      <div data-testid="settings-content" className="min-h-0 flex-1 overflow-auto">
        {children}
      </div>
    </>
  );
}
