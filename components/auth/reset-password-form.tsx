'use client';

import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/auth/auth-client';
import { PASSWORD_MIN_LENGTH } from '@/lib/schemas/user';
import { AuthField, FormError, primaryButtonClass } from './auth-field';

/** The new password for a reset link; every session of the account is signed out by the reset. */
export function ResetPasswordForm({ token }: { token: string }) {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string[]> = {};
    if (password.length < PASSWORD_MIN_LENGTH) problems.password = [`At least ${PASSWORD_MIN_LENGTH} characters`];
    if (confirm !== password) problems.confirm = ['The two passwords differ'];
    setFieldErrors(problems);
    if (Object.keys(problems).length) return;
    setPending(true);
    setError(null);
    const { error: refusal } = await authClient.resetPassword({ newPassword: password, token });
    if (refusal) {
      setPending(false);
      setError(refusal.message ?? 'The password could not be changed; ask for a new link.');
      return;
    }
    window.location.assign('/sign-in');
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label="Choose a new password" className="mt-4 space-y-4">
      <FormError message={error} />
      <AuthField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={fieldErrors.password}
        autoFocus
      />
      <AuthField
        label="New password again"
        type="password"
        autoComplete="new-password"
        value={confirm}
        onChange={(e) => setConfirm(e.target.value)}
        errors={fieldErrors.confirm}
      />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Saving…' : 'Set new password'}
      </button>
    </form>
  );
}
