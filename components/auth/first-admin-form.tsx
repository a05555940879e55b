'use client';

import { useState, type FormEvent } from 'react';
import { createFirstAdminAction } from '@/lib/actions/auth';
import { AuthField, FormError, primaryButtonClass } from './auth-field';

/** First run: name, email and password of the workspace's admin, signed in on success. */
export function FirstAdminForm() {
  const [values, setValues] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);
  const set = (field: keyof typeof values) => (e: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: e.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await createFirstAdminAction(values);
    if (!result.ok) {
      setPending(false);
      setFieldErrors(result.fieldErrors);
      setError(Object.keys(result.fieldErrors).some((f) => f in values) ? null : result.message);
      return;
    }
    window.location.assign('/');
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label="Create the first account" className="mt-4 space-y-4">
      <FormError message={error} />
      <AuthField label="Your name" name="name" autoComplete="name" value={values.name} onChange={set('name')} errors={fieldErrors.name} autoFocus />
      <AuthField label="Email" type="email" name="email" autoComplete="username" value={values.email} onChange={set('email')} errors={fieldErrors.email} />
      <AuthField
        label="Password"
        type="password"
        name="password"
        autoComplete="new-password"
        value={values.password}
        onChange={set('password')}
        errors={fieldErrors.password}
      />
      <button type="submit" disabled={pending} className={primaryButtonClass}>
        {pending ? 'Creating…' : 'Create admin account'}
      </button>
    </form>
  );
}
