import type { Metadata } from 'next';
import { ForbiddenNotice } from '@/components/app-shell/forbidden-notice';
import { BackupsManager, type SettingsBackup } from '@/components/settings/backups-manager';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { nextScheduledBackup, scheduleTimeZone } from '@/lib/backups/backup-schedule';
import { getEnv } from '@/lib/env';
import { listBackups } from '@/lib/services/backups/list-backups';
import { isAdmin } from '@/lib/services/permissions';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Backups · Settings' };

// /settings/backups – admins: back up now, the backups kept on the server (download, delete), the schedule
export default async function BackupsSettingsPage() {
  const ctx = await getBrowserContext();
  if (!isAdmin(ctx)) return <ForbiddenNotice>Only admins take and download backups.</ForbiddenNotice>;
  const env = getEnv();
  const backups = await listBackups({ ctx });
  const nextAt = await nextScheduledBackup();
  const rows: SettingsBackup[] = backups.map((backup) => ({
    id: backup.id,
    createdAt: backup.createdAt.toISOString(),
    bytes: backup.bytes,
    takenBy:
      backup.createdBy?.kind === 'user'
        ? backup.createdBy.name
        : backup.createdBy?.kind === 'schedule'
          ? 'Schedule'
          : backup.createdBy?.kind === 'cli'
            ? 'Command line'
            : 'Unknown',
    deals: backup.rowCounts.deals ?? null,
    problem: backup.problem,
  }));
  return (
    <div className="mx-auto max-w-5xl p-4 sm:p-6">
      <BackupsManager
        backups={rows}
        setup={{
          engine: env.database.engine,
          dir: env.backupDir,
          schedule: env.BACKUP_SCHEDULE,
          timeZone: scheduleTimeZone(),
          keep: env.BACKUP_KEEP,
          nextAt: nextAt?.toISOString() ?? null,
        }}
      />
    </div>
  );
}
