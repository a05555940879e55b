import 'server-only';
import type { Job } from 'pg-boss';
import { errorText } from '../database/connect';
import { ensureImportQueue, IMPORT_QUEUE, type ImportJobData } from '../services/imports/import-queue';
import { runImport } from '../services/imports/run-import';
import { webhookQueue } from '../webhooks/webhook-queue';

// The import worker of a server process (instrumentation.ts starts it beside the webhook worker):
// one import at a time per process, on the shared pg-boss instance. An import interrupted by a
// restart is taken up again by pg-boss's retry and resumes after its last committed batch.

const STATE_KEY = Symbol.for('dealboard.importWorker');
const globalForWorker = globalThis as unknown as Record<symbol, boolean | undefined>;

export async function startImportWorker(): Promise<void> {
  if (globalForWorker[STATE_KEY]) return;
  globalForWorker[STATE_KEY] = true;
  try {
    await ensureImportQueue();
    const boss = await webhookQueue();
    await boss.work<ImportJobData>(IMPORT_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]: Job<ImportJobData>[]) => {
      if (job) await runImport(job.data.importId);
    });
  } catch (error) {
    globalForWorker[STATE_KEY] = false;
    console.error(`The import worker could not start (${errorText(error)}); queued imports wait until it does.`);
  }
}
