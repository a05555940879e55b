'use client';

import { useState } from 'react';
import { toast } from 'sonner';
import { createBackupAction, deleteBackupAction } from '@/lib/actions/backups';
import { formatDateTime, useTimeZone } from '@/components/deal/format';
import { Button, EmptyState, Spinner } from '@/components/deal/ui';
import { XCircleIcon } from '@/components/ui/icons';
import { ActionDialog } from '@/components/ui/modal-dialog';
import { useConfirmDelete } from './use-confirm-delete';
import { useHydrated } from '@/components/ui/use-hydrated';

export interface SettingsBackup {
  id: string;
  createdAt: string;
  bytes: number;
  /** "Ada Admin", "Schedule", "Command line" */
  takenBy: string;
  deals: number | null;
  problem: string | null;
}

export interface BackupsSetup {
  engine: 'embedded' | 'postgresql';
  dir: string;
  schedule: string | null;
  timeZone: string;
  keep: number;
  nextAt: string | null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GB`;
}

/** Settings → Backups: "Back up now", the backups kept in BACKUP_DIR (download, delete), and the schedule. */
export function BackupsManager({ backups, setup }: { backups: SettingsBackup[]; setup: BackupsSetup }) {
  const timeZone = useTimeZone();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const removal = useConfirmDelete(
    (backup: SettingsBackup) => deleteBackupAction(backup.id),
    (backup) => `Backup of ${formatDateTime(backup.createdAt, timeZone)} deleted`,
  );

  const backUpNow = async () => {
    setPending(true);
    const result = await createBackupAction();
    setPending(false);
    if (!result.ok) {
      toast.error(result.message);
      return;
    }
    toast.success(`Backup written (${formatBytes(result.data.bytes)})`);
  };

  return (
    <section aria-labelledby="backups-heading" className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="max-w-3xl">
          <h2 id="backups-heading" className="text-base font-semibold text-slate-900">
            Backups
          </h2>
          <p className="text-sm text-slate-600">
            A backup is one file holding the whole database, taken while Dealboard keeps serving, with a checksum that is verified before a restore. Download it
            and keep a copy away from this server. To restore one, stop the server and run{' '}
            <code className="rounded bg-slate-100 px-1 text-xs">npm run cli -- restore &lt;file&gt;</code>.
          </p>
        </div>
        <Button tone="primary" disabled={!hydrated || pending} onClick={() => void backUpNow()}>
          {pending ? <Spinner /> : null}
          {pending ? 'Backing up…' : 'Back up now'}
        </Button>
      </div>

      <dl className="grid gap-x-6 gap-y-1 rounded-xl border border-slate-200 bg-slate-50 p-3 text-sm sm:grid-cols-[auto_1fr] sm:p-4">
        <dt className="text-slate-500">Database</dt>
        <dd className="text-slate-800">
          {setup.engine === 'embedded' ? 'Embedded (PGlite): an image of its data directory' : 'PostgreSQL: a pg_dump archive'}
        </dd>
        <dt className="text-slate-500">Kept in</dt>
        <dd className="break-all font-mono text-xs text-slate-800">{setup.dir}</dd>
        <dt className="text-slate-500">Schedule</dt>
        <dd className="text-slate-800">
          {setup.schedule ? (
            <>
              <code className="text-xs">{setup.schedule}</code> ({setup.timeZone}), keeping the last {setup.keep} scheduled backups
              {setup.nextAt ? <>; next {formatDateTime(setup.nextAt, timeZone)}</> : null}
            </>
          ) : (
            <>None: set BACKUP_SCHEDULE (e.g. “0 2 * * *” for daily at 02:00) and restart the server.</>
          )}
        </dd>
      </dl>

      {backups.length === 0 ? (
        <EmptyState icon={<XCircleIcon className="h-8 w-8" />} title="No backups yet">
          Back up now, or set a schedule.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm">
          <table aria-label="Backups" className="w-full min-w-[640px] text-left text-sm">
            <thead className="bg-slate-50 text-[11px] font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-3 py-2 sm:px-4">Taken</th>
                <th className="px-3 py-2">By</th>
                <th className="px-3 py-2">Size</th>
                <th className="px-3 py-2">Deals</th>
                <th className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {backups.map((backup) => (
                <tr key={backup.id} aria-label={`Backup ${backup.id}`} className="text-slate-700">
                  <td className="whitespace-nowrap px-3 py-2 sm:px-4">
                    <span className="block font-medium text-slate-900">{formatDateTime(backup.createdAt, timeZone)}</span>
                    <span className="block font-mono text-xs text-slate-500">{backup.id}</span>
                    {backup.problem ? <span className="block text-xs text-rose-700">{backup.problem}</span> : null}
                  </td>
                  <td className="px-3 py-2">{backup.takenBy}</td>
                  <td className="whitespace-nowrap px-3 py-2">{formatBytes(backup.bytes)}</td>
                  <td className="px-3 py-2">{backup.deals ?? '—'}</td>
                  <td className="whitespace-nowrap px-3 py-2 text-right">
                    <a
                      href={`/settings/backups/${backup.id}/download`}
                      download
                      aria-label={`Download backup ${backup.id}`}
                      className="inline-flex h-7 items-center rounded-md px-2 text-xs font-medium text-blue-700 hover:bg-slate-100"
                    >
                      Download
                    </a>
                    <Button
                      size="sm"
                      tone="ghost"
                      className="hover:text-rose-700"
                      aria-label={`Delete backup ${backup.id}`}
                      disabled={!hydrated}
                      onClick={() => removal.ask(backup)}
                    >
                      Delete
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ActionDialog tone="danger" {...removal.dialog} title="Delete this backup?" submitLabel="Delete backup">
        <p>
          The file <span className="break-all font-mono text-xs">{removal.target?.id}</span> is deleted from the server. Copies you downloaded are not affected.
        </p>
      </ActionDialog>
    </section>
  );
}
