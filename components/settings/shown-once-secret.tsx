'use client';

import { type ReactNode, useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/deal/ui';
import { CheckIcon, WarningIcon } from '@/components/ui/icons';

/**
 * A secret shown once (a new API key, a webhook's signing secret): only its hash or the server's
 * copy is kept, so this is the one chance to copy it.
 */
export function ShownOnceSecret({
  label,
  heading,
  secret,
  inputLabel,
  noun,
  onDone,
}: {
  /** the panel's accessible name */
  label: string;
  heading: ReactNode;
  secret: string;
  inputLabel: string;
  /** what the toasts call it: "Key", "Secret" */
  noun: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
      toast.success(`${noun} copied`);
    } catch {
      toast.error(`Copying was not allowed; select the ${noun.toLowerCase()} and copy it yourself.`);
    }
  };
  return (
    <div role="status" aria-label={label} className="space-y-2 rounded-xl border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 sm:p-4">
      <p className="flex items-start gap-1.5 font-medium">
        <WarningIcon className="mt-0.5 h-4 w-4 shrink-0 text-amber-600" />
        <span>{heading}</span>
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <input
          readOnly
          aria-label={inputLabel}
          value={secret}
          onFocus={(e) => e.target.select()}
          className="min-w-0 flex-1 basis-80 rounded-md border border-amber-300 bg-white px-2.5 py-1.5 font-mono text-xs text-slate-900"
        />
        <Button tone="primary" onClick={() => void copy()}>
          {copied ? <CheckIcon /> : null}
          {copied ? 'Copied' : 'Copy'}
        </Button>
        <Button onClick={onDone}>Done</Button>
      </div>
    </div>
  );
}
