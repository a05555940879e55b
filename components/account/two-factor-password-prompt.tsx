'use client';

import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/deal/ui';
import { TextField } from '@/components/settings/text-field';

/** What better-auth's client answers when it refuses a request. */
export type AuthRefusal = { code?: string; message?: string; status: number };

/**
 * The password again before the second factor changes (better-auth checks it): someone at an
 * unlocked computer must not be able to turn it off or read fresh recovery codes.
 */
export function TwoFactorPasswordPrompt({
  label,
  explanation,
  submitLabel,
  pendingLabel,
  tone = 'primary',
  submit,
  onCancel,
}: {
  /** the form's accessible name ("Turn on two-factor authentication") */
  label: string;
  explanation: string;
  submitLabel: string;
  pendingLabel: string;
  tone?: 'primary' | 'danger';
  /** the better-auth call; null when it succeeded (the caller moves on) */
  submit: (password: string) => Promise<AuthRefusal | null>;
  onCancel: () => void;
}) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<string[] | undefined>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!password) {
      setErrors(['Enter your password']);
      return;
    }
    setErrors(undefined);
    setPending(true);
    const refusal = await submit(password);
    setPending(false);
    if (!refusal) return;
    if (refusal.code === 'INVALID_PASSWORD') setErrors(['This is not your password']);
    else toast.error(refusal.message ?? 'That did not work; please try again.');
  }

  return (
    <form method="post" onSubmit={onSubmit} noValidate aria-label={label} className="grid max-w-md gap-3">
      <p className="text-sm text-slate-600">{explanation}</p>
      <TextField
        label="Your password"
        type="password"
        autoComplete="current-password"
        value={password}
        onValue={(value) => {
          setPassword(value);
          setErrors(undefined);
        }}
        errors={errors}
        autoFocus
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" tone={tone} disabled={pending}>
          {pending ? pendingLabel : submitLabel}
        </Button>
        <Button onClick={onCancel} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
