import 'server-only';
import { errorText } from '../database/connect';
import { startBackupSchedule } from './backup-schedule';

/** Scheduled backups in a Next.js server process (instrumentation.ts): a failure is said, and the app serves on. */
export async function startServerBackups(): Promise<void> {
  try {
    await startBackupSchedule();
  } catch (error) {
    console.error(`Scheduled backups could not start (${errorText(error)}); no scheduled backup is taken by this process until it restarts.`);
  }
}
