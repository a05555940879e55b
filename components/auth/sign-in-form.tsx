'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/auth/auth-client';
import { SSO_PROVIDER_ID } from '@/lib/auth/sso-provider';
import { AuthField, FormError, primaryButtonClass } from './auth-field';
import { TwoFactorStep } from './two-factor-step';

/**
 * Email and password, then a code for a user with an authenticator app; on success the browser
 * goes to the page the visitor first asked for. With single sign-on configured, a button sends
 * the visitor to the workspace's OpenID Connect provider instead.
 */
export function SignInForm({
  returnTo,
  singleSignOnName = null,
  initialError = null,
}: {
  returnTo: string;
  /** the provider's label ("Sign in with …"), when single sign-on is configured */
  singleSignOnName?: string | null;
  /** why the last single sign-on failed, in words */
  initialError?: string | null;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(initialError);
  const [redirecting, setRedirecting] = useState(false);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);
  const [askCode, setAskCode] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string[]> = {};
    if (!email.trim()) missing.email = ['Enter your email address'];
    if (!password) missing.password = ['Enter your password'];
    setFieldErrors(missing);
    setError(null);
    if (Object.keys(missing).length) return;
    setPending(true);
    const { data, error: refusal } = await authClient.signIn.email({ email: email.trim(), password });
    if (refusal) {
      setPending(false);
      setError(
        refusal.status === 401
          ? 'Wrong email or password.'
          : refusal.status === 429 || refusal.status === 403
            ? (refusal.message ?? 'Signing in is refused for now.')
            : 'Signing in failed; please try again.',
      );
      return;
    }
    // the password was right; better-auth holds the session back until the second factor
    if (data && 'twoFactorRedirect' in data && data.twoFactorRedirect) {
      setPending(false);
      setPassword('');
      setAskCode(true);
      return;
    }
    // a full load: every server component renders for the signed-in user
    window.location.assign(returnTo);
  }

  async function onSingleSignOn() {
    setError(null);
    setRedirecting(true);
    // better-auth answers the provider's address and the browser goes there; back at
    // /api/auth/callback/oidc it lands on returnTo, or on this page with ?error=<code>
    const { error: refusal } = await authClient.signIn.social({
      provider: SSO_PROVIDER_ID,
      callbackURL: returnTo,
      errorCallbackURL: returnTo === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(returnTo)}`,
    });
    if (refusal) {
      setRedirecting(false);
      setError('Single sign-on is not available right now; please try again or sign in with your password.');
    }
  }

  if (askCode) {
    return (
      <TwoFactorStep
        returnTo={returnTo}
        onRestart={(reason) => {
          setAskCode(false);
          setError(reason);
        }}
      />
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label="Sign in" className="mt-4 space-y-4">
      <FormError message={error} />
      <AuthField
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={fieldErrors.email}
        autoFocus
      />
      <AuthField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={fieldErrors.password}
      />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
      {singleSignOnName ? (
        <>
          <p className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200" />
            or
            <span className="h-px flex-1 bg-slate-200" />
          </p>
          <button
            type="button"
            onClick={onSingleSignOn}
            disabled={redirecting}
            className="w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus:ring-2 focus:ring-blue-300 focus:outline-none disabled:opacity-60"
          >
            {redirecting ? 'Redirecting…' : `Sign in with ${singleSignOnName}`}
          </button>
        </>
      ) : null}
      <p className="text-center text-sm">
        <Link href="/forgot-password" className="text-blue-700 hover:underline">
          Forgot your password?
        </Link>
      </p>
    </form>
  );
}
