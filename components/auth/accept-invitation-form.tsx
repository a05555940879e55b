'use client';

import { useState, type FormEvent } from 'react';
import { acceptInvitationAction } from '@/lib/actions/invitations';
import { AuthField, FormError, primaryButtonClass } from './auth-field';

/** Name and password for an invited email; signed in on success. */
export function AcceptInvitationForm({ token, defaultName, email }: { token: string; defaultName: string; email: string }) {
  const [name, setName] = useState(defaultName);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await acceptInvitationAction({ token, name, password });
    if (!result.ok) {
      setPending(false);
      setFieldErrors(result.fieldErrors);
      setError(result.fieldErrors.name || result.fieldErrors.password ? null : result.message);
      return;
    }
    window.location.assign('/');
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label="Accept the invitation" className="mt-4 space-y-4">
      <FormError message={error} />
      <input type="email" name="email" autoComplete="username" value={email} readOnly hidden />
      <AuthField label="Your name" name="name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} errors={fieldErrors.name} autoFocus />
      <AuthField
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        errors={fieldErrors.password}
      />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Joining…' : 'Join and sign in'}
      </button>
    </form>
  );
}
