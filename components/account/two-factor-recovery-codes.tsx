'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/deal/ui';
import { CheckIcon, WarningIcon } from '@/components/ui/icons';

/** Copies text, saying so; a browser that refuses leaves the text on screen to copy by hand. */
export async function copyText(text: string, what: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    toast.success(`${what} copied`);
    return true;
  } catch {
    toast.error('Copying was not allowed; select the text and copy it yourself.');
    return false;
  }
}

/**
 * Recovery codes, shown once: better-auth keeps them encrypted and never shows them again, so
 * this is the moment to store them.
 */
export function TwoFactorRecoveryCodes({ codes }: { codes: string[] }) {
  const [copied, setCopied] = useState(false);
  const text = codes.join('\n');

  function download() {
    const url = URL.createObjectURL(new Blob([`Dealboard recovery codes (each works once)\n\n${text}\n`], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'dealboard-recovery-codes.txt';
    link.click();
    // the click has started the download; the object URL is no longer needed
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  }

  return (
    <section aria-label="Recovery codes" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="flex items-start gap-1.5 font-medium">
        <WarningIcon className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" />
        Store these recovery codes now, somewhere safe such as a password manager: they are not shown again.
      </p>
      <p className="text-xs text-amber-900">Each code signs you in once instead of a code from the app, if you lose your phone.</p>
      <ul
        data-testid="recovery-codes"
        className="grid grid-cols-2 gap-x-4 gap-y-1 rounded-md border border-amber-200 bg-white px-3 py-2 font-mono text-sm text-slate-900 sm:max-w-sm"
      >
        {codes.map((code) => (
          <li key={code} className="select-all">
            {code}
          </li>
        ))}
      </ul>
      <div className="flex flex-wrap gap-2">
        <Button tone="primary" onClick={() => void copyText(text, 'Recovery codes').then(setCopied)}>
          {copied ? <CheckIcon /> : null}
          {copied ? 'Copied' : 'Copy codes'}
        </Button>
        <Button onClick={download}>Download as text</Button>
      </div>
    </section>
  );
}
