import type { Metadata } from 'next';
import { apiKeyRows } from '@/app/(app)/_lib/api-key-rows';
import { ChangePasswordForm } from '@/components/account/change-password-form';
import { SessionsList } from '@/components/account/sessions-list';
import { TwoFactorSection } from '@/components/account/two-factor-section';
import { PageHeader } from '@/components/app-shell/page-header';
import { ApiKeysManager } from '@/components/settings/api-keys-manager';
import { describeUserAgent } from '@/lib/auth/describe-user-agent';
import { getBrowserContext, readBrowserSession } from '@/lib/auth/get-browser-context';
import { listApiKeys } from '@/lib/services/api-keys/list-api-keys';
import { listUserSessions } from '@/lib/services/sessions/list-user-sessions';
import { readSecuritySettings } from '@/lib/services/settings/security-settings';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your account' };

const sectionClass = 'rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5';

// /account – who I am, my password, my second factor, where I am signed in, my API keys.
// /account?two-factor=required is where a user without a second factor is sent while the
// workspace requires one: the two-factor section then comes first, with a notice.
export default async function AccountPage({ searchParams }: { searchParams: Promise<{ 'two-factor'?: string | string[] }> }) {
  const ctx = await getBrowserContext();
  const session = await readBrowserSession();
  const [sessions, keys, security, params] = await Promise.all([
    listUserSessions({ ctx, input: { currentSessionId: session?.sessionId ?? null } }),
    listApiKeys({ ctx, input: { onlyMine: true } }),
    readSecuritySettings(),
    searchParams,
  ]);
  const twoFactorEnabled = session?.twoFactorEnabled === true;
  const sentHereToSetUp = params['two-factor'] === 'required';
  const twoFactorFirst = !twoFactorEnabled && (sentHereToSetUp || security.requireTwoFactor);
  const twoFactor = (
    <section id="two-factor" aria-labelledby="two-factor-heading" className={sectionClass}>
      <h2 id="two-factor-heading" className="mb-3 text-base font-semibold text-slate-900">
        Two-factor authentication
      </h2>
      <TwoFactorSection enabled={twoFactorEnabled} workspaceRequires={security.requireTwoFactor} sentHereToSetUp={sentHereToSetUp} />
    </section>
  );
  return (
    <>
      <PageHeader title="Your account" />
      <div className="min-h-0 flex-1 overflow-auto">
        <div className="mx-auto max-w-5xl space-y-6 p-4 sm:p-6">
          {twoFactorFirst ? twoFactor : null}
          <section aria-labelledby="profile-heading" className={sectionClass}>
            <h2 id="profile-heading" className="text-base font-semibold text-slate-900">
              Profile
            </h2>
            <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-500">Name</dt>
              <dd className="text-slate-900">{ctx.user.name}</dd>
              <dt className="text-slate-500">Email</dt>
              <dd className="break-all text-slate-900">{ctx.user.email}</dd>
              <dt className="text-slate-500">Role</dt>
              <dd data-testid="account-role" className="capitalize text-slate-900">
                {ctx.user.role}
              </dd>
            </dl>
          </section>
          <section aria-labelledby="password-heading" className={sectionClass}>
            <h2 id="password-heading" className="mb-3 text-base font-semibold text-slate-900">
              Password
            </h2>
            <ChangePasswordForm />
          </section>
          {twoFactorFirst ? null : twoFactor}
          <section aria-labelledby="sessions-heading" className={sectionClass}>
            <h2 id="sessions-heading" className="mb-3 text-base font-semibold text-slate-900">
              Where you are signed in
            </h2>
            <SessionsList
              sessions={sessions.map((s) => ({
                id: s.id,
                device: describeUserAgent(s.userAgent),
                ipAddress: s.ipAddress,
                createdAt: s.createdAt.toISOString(),
                lastActiveAt: s.lastActiveAt.toISOString(),
                current: s.current,
              }))}
            />
          </section>
          <section className={sectionClass}>
            <ApiKeysManager keys={apiKeyRows(keys)} seesEveryonesKeys={false} />
          </section>
        </div>
      </div>
    </>
  );
}
