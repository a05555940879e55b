'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useId, useState } from 'react';
import { toast } from 'sonner';
import { Button, Spinner } from '@/components/deal/ui';
import { useHydrated } from '@/components/ui/use-hydrated';
import { CheckIcon, WarningIcon } from '@/components/ui/icons';
import { authClient } from '@/lib/auth/auth-client';
import { TwoFactorPasswordPrompt } from './two-factor-password-prompt';
import { TwoFactorRecoveryCodes } from './two-factor-recovery-codes';
import { TwoFactorSetup, type TwoFactorEnrollment } from './two-factor-setup';

type Step =
  | { kind: 'idle' }
  | { kind: 'enable-password' }
  | { kind: 'enroll'; enrollment: TwoFactorEnrollment }
  | { kind: 'renew-password' }
  | { kind: 'renewed'; codes: string[] }
  | { kind: 'disable-password' }
  /** turned on or off: the page renders again with the new state */
  | { kind: 'saved'; enabled: boolean };

/**
 * The account's second factor: an authenticator app (TOTP) with recovery codes. Off: turn it on
 * (password → QR code, key and recovery codes → a first code). On: new recovery codes, or turn it
 * off — not while the workspace requires it.
 */
export function TwoFactorSection({
  enabled: enabledOnServer,
  workspaceRequires,
  sentHereToSetUp,
}: {
  enabled: boolean;
  /** an admin requires a second factor of everyone (Settings → Security) */
  workspaceRequires: boolean;
  /** the user was sent here because the workspace requires one (/account?two-factor=required) */
  sentHereToSetUp: boolean;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [step, setStep] = useState<Step>({ kind: 'idle' });
  const lockedOnId = useId();
  const idle = () => setStep({ kind: 'idle' });
  // once the page has rendered again with the change, the section is back at rest (state
  // adjusted while rendering, React's pattern for following a prop)
  if (step.kind === 'saved' && step.enabled === enabledOnServer) setStep({ kind: 'idle' });
  const refreshing = step.kind === 'saved';
  const enabled = step.kind === 'saved' ? step.enabled : enabledOnServer;

  // better-auth replaced the session cookie with one that knows the change: the server
  // components render again (the status shows the new state meanwhile)
  function afterChange(nowEnabled: boolean) {
    toast.success(nowEnabled ? 'Two-factor authentication is on' : 'Two-factor authentication is off');
    setStep({ kind: 'saved', enabled: nowEnabled });
    router.refresh();
  }

  const status = enabled ? (
    <p className="text-sm text-slate-700">
      <span
        data-testid="two-factor-status"
        className="mr-2 inline-flex items-center gap-1 rounded-full bg-green-100 px-2 py-0.5 align-middle text-xs font-medium text-green-800"
      >
        <CheckIcon className="h-3.5 w-3.5" />
        On
      </span>
      Signing in asks for a code from your authenticator app after your password.
    </p>
  ) : (
    <p className="text-sm text-slate-700">
      <span data-testid="two-factor-status" className="mr-2 inline-block rounded-full bg-slate-100 px-2 py-0.5 align-middle text-xs font-medium text-slate-700">
        Off
      </span>
      Add a code from an authenticator app on your phone to your password, so that a stolen password alone does not get anyone in.
    </p>
  );

  return (
    <div className="space-y-4">
      {!enabled && (workspaceRequires || sentHereToSetUp) ? (
        <div role="alert" data-testid="two-factor-required" className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 sm:p-4">
          <p className="flex items-start gap-1.5 font-semibold">
            <WarningIcon className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" />
            Your workspace requires two-factor authentication
          </p>
          <p className="mt-1">
            An admin requires everyone to sign in with a code from an authenticator app as well as their password. Turn it on below to go on using Dealboard;
            until then, only this page opens.
          </p>
        </div>
      ) : null}
      {enabled && sentHereToSetUp ? (
        <p role="status" className="rounded-lg border border-green-200 bg-green-50 p-3 text-sm text-green-900">
          Two-factor authentication is on: you can use Dealboard again.{' '}
          <Link href="/" className="font-medium text-blue-700 underline underline-offset-2 hover:text-blue-900">
            Continue to your pipelines
          </Link>
        </p>
      ) : null}
      {status}

      {refreshing ? (
        <p role="status" className="flex items-center gap-2 text-sm text-slate-600">
          <Spinner />
          Updating…
        </p>
      ) : null}
      {!enabled && step.kind === 'idle' ? (
        <Button tone="primary" disabled={!hydrated} onClick={() => setStep({ kind: 'enable-password' })}>
          Turn on
        </Button>
      ) : null}
      {step.kind === 'enable-password' ? (
        <TwoFactorPasswordPrompt
          label="Turn on two-factor authentication"
          explanation="Enter your password to set up an authenticator app."
          submitLabel="Continue"
          pendingLabel="Checking…"
          onCancel={idle}
          submit={async (password) => {
            const { data, error } = await authClient.twoFactor.enable({ password });
            if (error) return error;
            if (data.method !== 'totp') return { status: 500, message: 'The authenticator app could not be set up; please try again.' };
            setStep({ kind: 'enroll', enrollment: { totpURI: data.totpURI, backupCodes: data.backupCodes } });
            return null;
          }}
        />
      ) : null}
      {step.kind === 'enroll' ? <TwoFactorSetup enrollment={step.enrollment} onCancel={idle} onEnabled={() => afterChange(true)} /> : null}

      {enabled && step.kind === 'idle' ? (
        <div className="space-y-2">
          <div className="flex flex-wrap gap-2">
            <Button disabled={!hydrated} onClick={() => setStep({ kind: 'renew-password' })}>
              New recovery codes
            </Button>
            <Button
              tone="danger"
              disabled={!hydrated || workspaceRequires}
              aria-describedby={workspaceRequires ? lockedOnId : undefined}
              onClick={() => setStep({ kind: 'disable-password' })}
            >
              Turn off
            </Button>
          </div>
          {workspaceRequires ? (
            <p id={lockedOnId} className="text-xs text-slate-600">
              Your workspace requires two-factor authentication, so it cannot be turned off. An admin can change that under Settings → Security.
            </p>
          ) : null}
        </div>
      ) : null}
      {step.kind === 'renew-password' ? (
        <TwoFactorPasswordPrompt
          label="New recovery codes"
          explanation="Enter your password for ten new recovery codes. The codes you have now stop working."
          submitLabel="Make new codes"
          pendingLabel="Making codes…"
          onCancel={idle}
          submit={async (password) => {
            const { data, error } = await authClient.twoFactor.generateBackupCodes({ password });
            if (error) return error;
            setStep({ kind: 'renewed', codes: data.backupCodes });
            return null;
          }}
        />
      ) : null}
      {step.kind === 'renewed' ? (
        <div className="space-y-2">
          <TwoFactorRecoveryCodes codes={step.codes} />
          <Button onClick={idle}>Done</Button>
        </div>
      ) : null}
      {step.kind === 'disable-password' ? (
        <TwoFactorPasswordPrompt
          label="Turn off two-factor authentication"
          explanation="Enter your password to turn two-factor authentication off. Signing in then takes your password only; your recovery codes stop working."
          submitLabel="Turn off"
          pendingLabel="Turning off…"
          tone="danger"
          onCancel={idle}
          submit={async (password) => {
            const { error } = await authClient.twoFactor.disable({ password });
            if (error) return error;
            afterChange(false);
            return null;
          }}
        />
      ) : null}
    </div>
  );
}
