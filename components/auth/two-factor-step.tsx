'use client';

import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/auth/auth-client';
import { AuthField, FormError, primaryButtonClass } from './auth-field';

const linkButtonClass = 'text-sm text-blue-700 hover:underline focus:underline focus:outline-none';

/**
 * The sign-in's second step for a user with an authenticator app: better-auth answered the
 * password with a short-lived two-factor cookie (no session yet); a code from the app, or one of
 * the recovery codes, turns it into a session. A wrong code is said by the field; a challenge
 * that expired or saw too many wrong codes sends the user back to the password.
 */
export function TwoFactorStep({ returnTo, onRestart }: { returnTo: string; onRestart: (reason: string | null) => void }) {
  const [mode, setMode] = useState<'app' | 'recovery'>('app');
  const [code, setCode] = useState('');
  const [fieldErrors, setFieldErrors] = useState<string[] | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  function switchTo(next: 'app' | 'recovery') {
    setMode(next);
    setCode('');
    setFieldErrors(undefined);
    setError(null);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const typed = mode === 'app' ? code.replace(/\s+/g, '') : code.trim();
    if (mode === 'app' && !/^\d{6}$/.test(typed)) {
      setFieldErrors(['Enter the 6 digits your authenticator app shows']);
      return;
    }
    if (mode === 'recovery' && !typed) {
      setFieldErrors(['Enter one of your recovery codes']);
      return;
    }
    setFieldErrors(undefined);
    setPending(true);
    const { error: refusal } =
      mode === 'app' ? await authClient.twoFactor.verifyTotp({ code: typed }) : await authClient.twoFactor.verifyBackupCode({ code: typed });
    if (!refusal) {
      // a full load: every server component renders for the signed-in user
      window.location.assign(returnTo);
      return;
    }
    setPending(false);
    switch (refusal.code) {
      case 'INVALID_CODE':
        setFieldErrors(['That code is not right. Codes change every 30 seconds: try the one the app shows now.']);
        return;
      case 'INVALID_BACKUP_CODE':
        setFieldErrors(['That recovery code is not right, or it was used before.']);
        return;
      case 'INVALID_TWO_FACTOR_COOKIE':
        onRestart('This sign-in has expired. Enter your password again.');
        return;
      case 'TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE':
        onRestart('Too many wrong codes. Enter your password again.');
        return;
      default:
        setError(
          refusal.status === 429 || refusal.status === 403 ? (refusal.message ?? 'Signing in is refused for now.') : 'Signing in failed; please try again.',
        );
    }
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label="Two-factor code" className="mt-4 space-y-4">
      <FormError message={error} />
      {mode === 'app' ? (
        <>
          <p className="text-sm text-slate-700">Enter the 6-digit code from your authenticator app.</p>
          <AuthField
            key="app"
            label="Code"
            name="code"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={9}
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setFieldErrors(undefined);
            }}
            errors={fieldErrors}
            autoFocus
          />
        </>
      ) : (
        <>
          <p className="text-sm text-slate-700">Enter one of the recovery codes you stored when you set up the app. Each code works once.</p>
          <AuthField
            key="recovery"
            label="Recovery code"
            name="recovery-code"
            autoComplete="off"
            autoCapitalize="none"
            autoCorrect="off"
            spellCheck={false}
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setFieldErrors(undefined);
            }}
            errors={fieldErrors}
            autoFocus
          />
        </>
      )}
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Checking…' : 'Verify and sign in'}
      </button>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <button type="button" className={linkButtonClass} onClick={() => switchTo(mode === 'app' ? 'recovery' : 'app')}>
          {mode === 'app' ? 'Use a recovery code instead' : 'Use your authenticator app instead'}
        </button>
        <button type="button" className={linkButtonClass} onClick={() => onRestart(null)}>
          Start over
        </button>
      </div>
    </form>
  );
}
