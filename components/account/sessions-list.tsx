'use client';

import { useTransition } from 'react';
import { toast } from 'sonner';
import { formatDateTime, useTimeZone } from '@/components/deal/format';
import { Button } from '@/components/deal/ui';
import { revokeOtherSessionsAction, revokeSessionAction } from '@/lib/actions/account';

export interface SessionRow {
  id: number;
  device: string;
  ipAddress: string | null;
  createdAt: string;
  lastActiveAt: string;
  current: boolean;
}

/** Where I am signed in, with "sign out" per browser and "sign out everywhere else". */
export function SessionsList({ sessions }: { sessions: SessionRow[] }) {
  const timeZone = useTimeZone();
  const [pending, startTransition] = useTransition();
  const others = sessions.filter((s) => !s.current).length;

  function run(work: () => Promise<{ ok: boolean; message?: string }>, success: string) {
    startTransition(async () => {
      const result = await work();
      if (result.ok) toast.success(success);
      else toast.error(result.message ?? 'That did not work; please try again.');
    });
  }

  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Signed-in browsers">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
            <div className="min-w-0">
              <p className="truncate font-medium text-slate-800">
                {s.device}
                {s.current ? <span className="ml-2 rounded bg-green-100 px-1.5 py-0.5 text-xs font-medium text-green-800">This browser</span> : null}
              </p>
              <p className="text-xs text-slate-500">
                {s.ipAddress ? `${s.ipAddress} · ` : ''}signed in {formatDateTime(s.createdAt, timeZone)} · last active{' '}
                {formatDateTime(s.lastActiveAt, timeZone)}
              </p>
            </div>
            {s.current ? null : (
              <Button size="sm" disabled={pending} onClick={() => run(() => revokeSessionAction(s.id), 'Signed out of that browser')}>
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
      <Button tone="danger" disabled={pending || others === 0} onClick={() => run(revokeOtherSessionsAction, `Signed out everywhere else`)}>
        Sign out everywhere else{others ? ` (${others})` : ''}
      </Button>
    </div>
  );
}
