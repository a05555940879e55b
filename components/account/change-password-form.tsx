'use client';

import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/deal/ui';
import { TextField } from '@/components/settings/text-field';
import { authClient } from '@/lib/auth/auth-client';
import { PASSWORD_MIN_LENGTH } from '@/lib/schemas/user';

/** Current password, the new one twice; optionally signs every other browser out. */
export function ChangePasswordForm() {
  const [values, setValues] = useState({ current: '', next: '', confirm: '' });
  const [signOutOthers, setSignOutOthers] = useState(true);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, setPending] = useState(false);
  const set = (field: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string[]> = {};
    if (!values.current) problems.current = ['Enter your current password'];
    if (values.next.length < PASSWORD_MIN_LENGTH) problems.next = [`At least ${PASSWORD_MIN_LENGTH} characters`];
    if (values.confirm !== values.next) problems.confirm = ['The two passwords differ'];
    setErrors(problems);
    if (Object.keys(problems).length) return;
    setPending(true);
    const { error } = await authClient.changePassword({ currentPassword: values.current, newPassword: values.next, revokeOtherSessions: signOutOthers });
    setPending(false);
    if (error) {
      if (error.code === 'INVALID_PASSWORD') setErrors({ current: ['This is not your current password'] });
      else toast.error(error.message ?? 'The password could not be changed.');
      return;
    }
    setValues({ current: '', next: '', confirm: '' });
    toast.success(signOutOthers ? 'Password changed; your other browsers are signed out' : 'Password changed');
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label="Change password" className="grid max-w-md gap-3">
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={values.current}
        onValue={set('current')}
        errors={errors.current}
      />
      <TextField label="New password" type="password" autoComplete="new-password" value={values.next} onValue={set('next')} errors={errors.next} />
      <TextField
        label="New password again"
        type="password"
        autoComplete="new-password"
        value={values.confirm}
        onValue={set('confirm')}
        errors={errors.confirm}
      />
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input type="checkbox" checked={signOutOthers} onChange={(e) => setSignOutOthers(e.target.checked)} />
        Sign out my other browsers
      </label>
      <div>
        <Button type="submit" tone="primary" disabled={pending}>
          {pending ? 'Saving…' : 'Change password'}
        </Button>
      </div>
    </form>
  );
}
