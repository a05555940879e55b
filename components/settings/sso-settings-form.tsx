'use client';

import { useId, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/deal/ui';
import { updateSsoSettingsAction } from '@/lib/actions/security';
import { FieldError, invalidProps, type FieldErrors } from './field-error';
import { useHydrated } from '@/components/ui/use-hydrated';

/** Settings → Security: the email domains whose people get an account (as reps) by signing in with SSO. */
export function SsoSettingsForm({ allowedEmailDomains }: { allowedEmailDomains: string[] }) {
  const hydrated = useHydrated();
  const [text, setText] = useState(allowedEmailDomains.join('\n'));
  const [saved, setSaved] = useState(allowedEmailDomains.join('\n'));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [pending, setPending] = useState(false);
  const fieldId = useId();
  const explanationId = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    const result = await updateSsoSettingsAction({ allowedEmailDomains: text });
    setPending(false);
    if (!result.ok) {
      setErrors(result.fieldErrors);
      if (!result.fieldErrors.allowedEmailDomains) toast.error(result.message);
      return;
    }
    setErrors({});
    const normalized = result.data.allowedEmailDomains.join('\n');
    setText(normalized);
    setSaved(normalized);
    toast.success(result.data.allowedEmailDomains.length ? 'Allowed email domains saved' : 'Nobody new can join by single sign-on now');
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-label="Single sign-on settings" className="space-y-3">
      <div>
        <label htmlFor={fieldId} className="text-sm font-medium text-slate-900">
          Email domains allowed to join by single sign-on
        </label>
        <p id={explanationId} className="mt-1 text-sm text-slate-600">
          One per line or separated by commas, like <code>example.com</code>. Someone without an account whose verified address is at one of these domains gets
          one as a rep the first time they sign in; anyone else needs an invitation. Subdomains are listed separately.
        </p>
        <textarea
          id={fieldId}
          name="allowedEmailDomains"
          rows={3}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setErrors({});
          }}
          className="mt-2 block w-full max-w-md rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm focus:border-blue-500 focus:ring-2 focus:ring-blue-200 focus:outline-none aria-[invalid=true]:border-red-400"
          aria-describedby={explanationId}
          {...invalidProps(`${fieldId}-error`, errors.allowedEmailDomains)}
        />
        <FieldError id={`${fieldId}-error`} messages={errors.allowedEmailDomains} />
      </div>
      <Button type="submit" tone="primary" disabled={!hydrated || pending || text === saved}>
        {pending ? 'Saving…' : 'Save domains'}
      </Button>
    </form>
  );
}
