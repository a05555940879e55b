'use client';

import Link from 'next/link';
import { useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/deal/ui';
import { updateSecuritySettingsAction } from '@/lib/actions/security';
import { CheckboxSetting } from './checkbox-setting';
import type { FieldErrors } from './field-error';
import { useHydrated } from '@/components/ui/use-hydrated';

/** Settings → Security: whether everyone must sign in with an authenticator app as well. */
export function SecuritySettingsForm({ requireTwoFactor, ownTwoFactorEnabled }: { requireTwoFactor: boolean; ownTwoFactorEnabled: boolean }) {
  const hydrated = useHydrated();
  const [required, setRequired] = useState(requireTwoFactor);
  const [saved, setSaved] = useState(requireTwoFactor);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const result = await updateSecuritySettingsAction({ requireTwoFactor: required });
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      if (!result.fieldErrors.requireTwoFactor) toast.error(result.message);
      return;
    }
    setErrors({});
    // the admin's own second factor comes first now: a full load, as for anyone sent there
    if (result.data.redirectTo) {
      window.location.assign(result.data.redirectTo);
      return;
    }
    setSaved(result.data.requireTwoFactor);
    toast.success(result.data.requireTwoFactor ? 'Two-factor authentication is now required for everyone' : 'Two-factor authentication is now optional');
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Security settings" className="space-y-3">
      <CheckboxSetting
        checked={required}
        onChange={(checked) => {
          setRequired(checked);
          setErrors({});
        }}
        label="Require two-factor authentication for everyone"
        explanation="Everyone then signs in with a code from an authenticator app as well as their password. Someone who has not set one up yet is sent to their account page to do so, and can open nothing else until they have; nobody can turn their own off while this is on. API keys are not affected."
        errors={errors.requireTwoFactor}
      />
      {required && !saved && !ownTwoFactorEnabled ? (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          You have not turned on two-factor authentication yourself: once this is saved, you are asked to set it up on{' '}
          <Link href="/account" className="text-blue-700 underline underline-offset-2 hover:text-blue-900">
            your account
          </Link>{' '}
          before anything else.
        </p>
      ) : null}
      <Button type="submit" tone="primary" disabled={!hydrated || pending || required === saved}>
        {pending ? 'Saving…' : 'Save'}
      </Button>
    </form>
  );
}
