import type { Metadata } from 'next';
import { ForbiddenNotice } from '@/components/app-shell/forbidden-notice';
import { DealAccessSettingsForm } from '@/components/settings/deal-access-settings-form';
import { SecuritySettingsForm } from '@/components/settings/security-settings-form';
import { SsoSettingsForm } from '@/components/settings/sso-settings-form';
import { getBrowserContext, readBrowserSession } from '@/lib/auth/get-browser-context';
import { isAdmin } from '@/lib/services/permissions';
import { getEnv } from '@/lib/env';
import { readDealAccessSettings } from '@/lib/services/settings/deal-access-settings';
import { readSecuritySettings } from '@/lib/services/settings/security-settings';
import { readSsoSettings } from '@/lib/services/settings/sso-settings';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Security · Settings' };

// /settings/security – admins: who may change which deals, whether everyone must sign in with a
// second factor, and who may join by single sign-on
export default async function SecuritySettingsPage() {
  const ctx = await getBrowserContext();
  if (!isAdmin(ctx)) return <ForbiddenNotice>Only admins change the security settings.</ForbiddenNotice>;
  const [settings, session, sso, dealAccess] = await Promise.all([readSecuritySettings(), readBrowserSession(), readSsoSettings(), readDealAccessSettings()]);
  const oidc = getEnv().oidc;
  return (
    <div className="mx-auto max-w-5xl space-y-4 p-4 sm:p-6">
      <section aria-labelledby="deal-access-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="deal-access-heading" className="mb-3 text-base font-semibold text-slate-900">
          Deal access
        </h2>
        <DealAccessSettingsForm repsEditOwnDealsOnly={dealAccess.repsEditOwnDealsOnly} />
      </section>
      <section aria-labelledby="security-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="security-heading" className="mb-3 text-base font-semibold text-slate-900">
          Two-factor authentication
        </h2>
        <SecuritySettingsForm requireTwoFactor={settings.requireTwoFactor} ownTwoFactorEnabled={session?.twoFactorEnabled === true} />
      </section>
      <section aria-labelledby="sso-heading" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="sso-heading" className="mb-3 text-base font-semibold text-slate-900">
          Single sign-on
        </h2>
        {oidc ? (
          <p className="mb-3 text-sm text-slate-600">
            People can sign in with <strong>{oidc.name}</strong> (<code className="break-all">{oidc.issuer}</code>). Someone who already has an account is
            joined to it when the provider has verified their email address.
          </p>
        ) : (
          <p role="status" className="mb-3 rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm text-slate-700">
            Single sign-on is not configured: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET on the server to turn it on. The domains below take effect
            then.
          </p>
        )}
        <SsoSettingsForm allowedEmailDomains={sso.allowedEmailDomains} />
      </section>
    </div>
  );
}
