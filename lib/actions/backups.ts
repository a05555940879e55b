'use server';

import { refresh } from 'next/cache';
import { getBrowserContext } from '../auth/get-browser-context';
import { createBackup } from '../services/backups/create-backup';
import { removeBackup } from '../services/backups/remove-backup';
import { runAction, type ActionResult } from './run-action';

// Settings → Backups' writes: one service call each, and the page refreshes in the same response.

/** "Back up now": answers once the backup file is written. */
export async function createBackupAction(): Promise<ActionResult<{ id: string; bytes: number }>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const backup = await createBackup({ ctx });
    refresh();
    return { id: backup.id, bytes: backup.bytes };
  });
}

export async function deleteBackupAction(id: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    await removeBackup({ ctx, input: { id: String(id) } });
    refresh();
    return null;
  });
}
