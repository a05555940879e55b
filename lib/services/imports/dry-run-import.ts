import 'server-only';
import { setChangeActor } from '../../change-record/change-actor';
import { db } from '../../db';
import { importBatches, type ImportJob, startImportRun } from './process-import-file';
import { type RowOutcome, writeImportBatch } from './write-import-batch';

// A dry run: the whole import, written in one transaction that is then rolled back, so its answer
// is exactly what the import would do to each row (matches, creations, refusals) and nothing
// stays — no record, no change event (they are written at commit), no import.

const DRY_RUN_TIMEOUT_MS = 10 * 60 * 1000;

class RollBack extends Error {
  constructor(readonly outcomes: RowOutcome[]) {
    super('dry run');
  }
}

/** What the import would do to each row; `keep` limits how many outcomes are kept (the counts cover all). */
export async function dryRunImport(
  job: ImportJob,
  keep: number,
): Promise<{ outcomes: RowOutcome[]; counts: Record<RowOutcome['outcome'], number>; totalRows: number }> {
  const counts = { created: 0, updated: 0, skipped: 0, rejected: 0 };
  let totalRows = 0;
  try {
    await db.$transaction(
      async (tx) => {
        await setChangeActor(tx, job.ctx);
        const run = await startImportRun(tx, job);
        const kept: RowOutcome[] = [];
        for await (const batch of importBatches(run, job)) {
          const { outcomes } = await writeImportBatch(tx, run, batch);
          for (const outcome of outcomes) {
            counts[outcome.outcome] += 1;
            totalRows += 1;
            if (kept.length < keep) kept.push(outcome);
          }
        }
        throw new RollBack(kept);
      },
      { timeout: DRY_RUN_TIMEOUT_MS, maxWait: 60_000 },
    );
  } catch (error) {
    if (error instanceof RollBack) return { outcomes: error.outcomes, counts, totalRows };
    throw error;
  }
  throw new Error('A dry run must roll back.');
}
