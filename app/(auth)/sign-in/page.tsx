import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { FirstAdminForm } from '@/components/auth/first-admin-form';
import { SignInForm } from '@/components/auth/sign-in-form';
import { readBrowserSession } from '@/lib/auth/get-browser-context';
import { signInErrorMessage } from '@/lib/auth/sign-in-errors';
import { safeReturnPath } from '@/lib/auth/sign-in-path';
import { getEnv } from '@/lib/env';
import { getSignInPageState } from '@/lib/services/auth/get-sign-in-page-state';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@/lib/demo/demo-accounts';

export const metadata: Metadata = { title: 'Sign in' };

// /sign-in?next=/deals – sign in and go back to the page asked for; on an empty workspace, create
// the first admin instead. A single sign-on that failed comes back with ?error=<code>.
export default async function SignInPage({ searchParams }: { searchParams: Promise<{ next?: string | string[]; error?: string | string[] }> }) {
  const { next, error } = await searchParams;
  const returnTo = safeReturnPath(typeof next === 'string' ? next : null);
  if (await readBrowserSession()) redirect(returnTo);
  const state = await getSignInPageState();
  if (state.empty) {
    return (
      <>
        <h1 className="text-lg font-semibold text-slate-900">Create the first account</h1>
        <p className="mt-1 text-sm text-slate-600">This workspace has no users yet. The account you create now is its admin: you can invite your team next.</p>
        <FirstAdminForm />
      </>
    );
  }
  return (
    <>
      <h1 className="text-lg font-semibold text-slate-900">Sign in</h1>
      {state.demo ? (
        <div data-testid="demo-accounts" className="mt-3 rounded-md border border-blue-200 bg-blue-50 p-3 text-xs text-blue-900">
          <p className="font-medium">This is the demo workspace.</p>
          <p className="mt-1">
            Sign in as{' '}
            {DEMO_ACCOUNTS.map((email, i) => (
              <span key={email}>
                {i > 0 ? (i === DEMO_ACCOUNTS.length - 1 ? ' or ' : ', ') : ''}
                <code className="break-all">{email}</code>
              </span>
            ))}{' '}
            with the password <code>{DEMO_PASSWORD}</code>.
          </p>
        </div>
      ) : null}
      <SignInForm
        returnTo={returnTo}
        singleSignOnName={getEnv().oidc?.name ?? null}
        initialError={signInErrorMessage(typeof error === 'string' ? error : null)}
      />
    </>
  );
}
