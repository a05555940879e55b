// Next.js calls register() once when a server process starts: here webhooks go to work (the relay
// and the worker, lib/webhooks/start-webhook-delivery.ts) and CSV imports (lib/imports/start-import-worker.ts) in every server process, and scheduled
// backups (lib/backups/backup-schedule.ts) when BACKUP_SCHEDULE is set. Only in the Node.js runtime,
// and never while `next build` collects page data.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startServerWebhooks } = await import('./lib/webhooks/server-webhooks');
  await startServerWebhooks();
  const { startImportWorker } = await import('./lib/imports/start-import-worker');
  await startImportWorker();
  const { startServerBackups } = await import('./lib/backups/server-backups');
  await startServerBackups();
}
