import type { ReactNode } from 'react';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { canConfigureWorkspace, isAdmin } from '@/lib/services/permissions';
import { PageHeader } from '@/components/app-shell/page-header';
import { ForbiddenNotice } from '@/components/app-shell/forbidden-notice';
import { SettingsNav } from '@/components/settings/settings-nav';

export const dynamic = 'force-dynamic';

// /settings/* – the workspace's configuration, for managers and admins; a rep is refused (their own
// password, sessions and API keys are on /account)
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const ctx = await getBrowserContext();
  if (!canConfigureWorkspace(ctx)) {
    return (
      <>
        <PageHeader title="Settings" />
        <ForbiddenNotice>
          Settings are for managers and admins. Your password, where you are signed in and your API keys are on{' '}
          <a href="/account" className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
            your account
          </a>
          .
        </ForbiddenNotice>
      </>
    );
  }
  return (
    <>
      <PageHeader title="Settings" />
      <SettingsNav admin={isAdmin(ctx)} />
      <div data-testid="settings-content" className="min-h-0 flex-1 overflow-auto">
        {children}
      </div>
    </>
  );
}
