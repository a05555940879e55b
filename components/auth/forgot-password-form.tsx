'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { authClient } from '@/lib/auth/auth-client';
import { AuthField, FormError, primaryButtonClass } from './auth-field';

/** Asks for a reset link by email; the answer is the same whether or not the account exists. */
export function ForgotPasswordForm() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim()) {
      setError('Enter your email address.');
      return;
    }
    setPending(true);
    setError(null);
    const { error: refusal } = await authClient.requestPasswordReset({ email: email.trim(), redirectTo: '/reset-password' });
    setPending(false);
    if (refusal) setError(refusal.message ?? 'The link could not be sent; please try again.');
    else setSent(true);
  }

  if (sent) {
    return (
      <p role="status" className="mt-3 text-sm text-slate-700">
        If an account uses {email.trim()}, we sent it a link to choose a new password. It works for one hour.
      </p>
    );
  }
  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label="Reset your password" className="mt-4 space-y-4">
      <FormError message={error} />
      <AuthField
        label="Email"
        type="email"
        name="email"
        autoComplete="username"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        errors={undefined}
        autoFocus
      />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Sending…' : 'Email me a reset link'}
      </button>
      <p className="text-center text-sm">
        <Link href="/sign-in" className="text-blue-700 hover:underline">
          Back to sign in
        </Link>
      </p>
    </form>
  );
}
