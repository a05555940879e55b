import type { Metadata } from 'next';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { PageHeader } from '@/components/app-shell/page-header';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Settings' };

// /settings – workspace settings; today it shows who the browser acts as
export default async function SettingsPage() {
  const ctx = await getBrowserContext();
  return (
    <>
      <PageHeader title="Settings" />
      <div className="p-6 text-sm text-slate-700">
        <p>
          You are acting as <strong>{ctx.user.name}</strong> ({ctx.user.email}, {ctx.user.role}). Sign-in is not built yet; set{' '}
          <code>DEALBOARD_BROWSER_USER_EMAIL</code> to act as another user.
        </p>
        <p className="mt-2">
          API keys: <code>npm run cli -- api-key create --name &quot;My integration&quot;</code>
        </p>
      </div>
    </>
  );
}
