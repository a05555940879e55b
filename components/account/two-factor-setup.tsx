'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/deal/ui';
import { TextField } from '@/components/settings/text-field';
import { authClient } from '@/lib/auth/auth-client';
import { TwoFactorRecoveryCodes, copyText } from './two-factor-recovery-codes';

export interface TwoFactorEnrollment {
  /** otpauth://totp/Dealboard:<email>?secret=…, what the QR code holds */
  totpURI: string;
  backupCodes: string[];
}

/** "JBSWY3DPEHPK3PXP" → "JBSW Y3DP EHPK 3PXP": easier to type into an app by hand. */
function groupsOfFour(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/** The QR code of the otpauth URI as an SVG data URL (drawn in the browser: the secret stays off the server's logs). */
function useQrCode(text: string): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // loaded on demand: only this step needs the QR encoder
    void import('qrcode')
      .then((qrcode) => qrcode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 }))
      .then((svg) => {
        if (current) setUrl(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
      })
      .catch(() => {
        if (current) setUrl(null);
      });
    return () => {
      current = false;
    };
  }, [text]);
  return url;
}

/**
 * Turning on an authenticator app, after the password: scan the QR code (or type the secret),
 * store the recovery codes, then type a first code — better-auth switches the factor on only
 * then, so an app set up wrongly cannot lock anyone out.
 */
export function TwoFactorSetup({ enrollment, onEnabled, onCancel }: { enrollment: TwoFactorEnrollment; onEnabled: () => void; onCancel: () => void }) {
  const secret = new URL(enrollment.totpURI).searchParams.get('secret') ?? '';
  const qrCode = useQrCode(enrollment.totpURI);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<string[] | undefined>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const digits = code.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setErrors(['Enter the 6 digits the app shows']);
      return;
    }
    setErrors(undefined);
    setPending(true);
    const { error } = await authClient.twoFactor.verifyTotp({ code: digits });
    setPending(false);
    if (!error) {
      onEnabled();
      return;
    }
    if (error.code === 'INVALID_CODE') setErrors(['That code is not right. Check the app (codes change every 30 seconds) and try again.']);
    else toast.error(error.message ?? 'Two-factor authentication could not be turned on; please try again.');
  }

  return (
    <div className="space-y-5">
      <div className="grid gap-5 md:grid-cols-2">
        <section aria-labelledby="two-factor-scan-heading" className="min-w-0 space-y-2">
          <h3 id="two-factor-scan-heading" className="text-sm font-semibold text-slate-900">
            1. Add Dealboard to your authenticator app
          </h3>
          <p className="text-sm text-slate-600">Scan this QR code with an app such as Google Authenticator, Microsoft Authenticator, 1Password or Aegis.</p>
          <div className="flex h-52 w-52 items-center justify-center rounded-lg border border-slate-200 bg-white p-1">
            {qrCode ? (
              // biome-ignore lint/performance/noImgElement: a data: URL drawn in the browser; there is nothing for next/image to optimise
              <img src={qrCode} alt="QR code to scan with your authenticator app" width={200} height={200} className="h-full w-full" />
            ) : (
              <span className="text-xs text-slate-500">Drawing the QR code…</span>
            )}
          </div>
          <a href={enrollment.totpURI} className="inline-block text-sm text-blue-700 underline underline-offset-2 hover:text-blue-900 md:hidden">
            On this phone? Open it in your authenticator app
          </a>
          <div>
            <p className="text-xs text-slate-600">Cannot scan it? Type this key into the app instead (time-based, 6 digits):</p>
            <div className="mt-1 flex flex-wrap items-center gap-2">
              <code
                data-testid="two-factor-secret"
                className="rounded-md border border-slate-200 bg-slate-50 px-2 py-1 font-mono text-sm text-slate-900 select-all"
              >
                {groupsOfFour(secret)}
              </code>
              <Button size="sm" onClick={() => void copyText(secret, 'Key')}>
                Copy key
              </Button>
            </div>
          </div>
        </section>
        <section aria-labelledby="two-factor-codes-heading" className="min-w-0 space-y-2">
          <h3 id="two-factor-codes-heading" className="text-sm font-semibold text-slate-900">
            2. Store your recovery codes
          </h3>
          <TwoFactorRecoveryCodes codes={enrollment.backupCodes} />
        </section>
      </div>
      <form method="post" onSubmit={onSubmit} noValidate aria-label="Confirm the authenticator app" className="space-y-2 border-t border-slate-100 pt-4">
        <h3 className="text-sm font-semibold text-slate-900">3. Enter the code the app shows</h3>
        <TextField
          label="6-digit code"
          className="max-w-xs"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={9}
          value={code}
          onValue={(value) => {
            setCode(value);
            setErrors(undefined);
          }}
          errors={errors}
        />
        {errors ? null : <p className="text-xs text-slate-500">Two-factor authentication is on once this code is accepted; until then nothing changes.</p>}
        <div className="flex flex-wrap gap-2">
          <Button type="submit" tone="primary" disabled={pending}>
            {pending ? 'Checking…' : 'Turn on'}
          </Button>
          <Button onClick={onCancel} disabled={pending}>
            Cancel
          </Button>
        </div>
      </form>
    </div>
  );
}
