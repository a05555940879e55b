import 'server-only';
import { webhookQueue } from '../../webhooks/webhook-queue';

// Imports run in the background on the process's pg-boss instance (the one webhooks use), in a
// queue of their own; lib/imports/start-import-worker.ts works it.

export const IMPORT_QUEUE = 'imports';

export interface ImportJobData {
  importId: number;
}

let created: Promise<void> | null = null;

/** The queue exists (created once per process). */
export async function ensureImportQueue(): Promise<void> {
  created ??= (async () => {
    const boss = await webhookQueue();
    if (!(await boss.getQueue(IMPORT_QUEUE))) {
      // an import resumes from its last committed batch, so a retry after a crash is safe
      await boss.createQueue(IMPORT_QUEUE, { retryLimit: 3, retryDelay: 5, expireInSeconds: 60 * 60, deleteAfterSeconds: 7 * 24 * 60 * 60 });
    }
  })().catch((error: unknown) => {
    created = null;
    throw error;
  });
  return created;
}

export async function enqueueImport(importId: number): Promise<void> {
  await ensureImportQueue();
  const boss = await webhookQueue();
  await boss.send(IMPORT_QUEUE, { importId } satisfies ImportJobData, { singletonKey: `import-${importId}` });
}
