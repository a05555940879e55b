import 'server-only';
import { setChangeActor } from '../../change-record/change-actor';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import type { DbClient } from '../deals/resolve-deal-references';
import { importFile } from './import-file';
import { importBatches, type ImportJob, startImportRun } from './process-import-file';
import { saveBatchOutcomes } from './save-batch-outcomes';
import { type BatchRow, type ImportRun, type RowOutcome, writeImportBatch } from './write-import-batch';

// The background half of an import (the worker calls it with the job's import id): the file is
// read from the import's row and written batch by batch, each batch one transaction that also
// records its rows' outcomes and the progress, so a restart resumes after the last committed batch.

const BATCH_TIMEOUT_MS = 5 * 60 * 1000;

/** Runs a queued (or interrupted) import to the end. Does nothing for an import that is finished. */
export async function runImport(importId: number): Promise<void> {
  const found = await db.import.findUnique({
    where: { id: importId },
    select: {
      status: true,
      entity: true,
      onMatch: true,
      mapping: true,
      lastRow: true,
      createdBy: { select: { id: true, name: true, email: true, role: true } },
    },
  });
  if (!found || (found.status !== 'queued' && found.status !== 'running')) return;
  if (!found.createdBy) {
    await db.import.updateMany({
      where: { id: importId },
      data: { status: 'failed', error: 'The user who started the import no longer exists.', finishedAt: new Date() },
    });
    return;
  }
  const ctx: ServiceContext = { user: found.createdBy, source: 'import', channel: 'import' };
  const job: ImportJob = {
    ctx,
    entity: found.entity,
    onMatch: found.onMatch === 'skip' ? 'skip' : 'update',
    mapping: found.mapping as Record<string, string>,
    file: importFile(db, importId),
  };
  await db.import.updateMany({ where: { id: importId }, data: { status: 'running' } });
  try {
    const run = await startImportRun(db, job);
    // the next batch is read (parsed, checked) while the current one is written
    const batches = importBatches(run, job, { afterRow: found.lastRow });
    let next = batches.next();
    for (;;) {
      const current = await next;
      if (current.done) break;
      next = batches.next();
      await writeBatchOrEachRow(run, importId, current.value);
    }
    await db.import.updateMany({ where: { id: importId }, data: { status: 'done', finishedAt: new Date() } });
  } catch (error) {
    console.error(`Import ${importId} failed:`, error);
    const message =
      error instanceof Error && 'code' in error && (error as { code: unknown }).code === 'unprocessable'
        ? error.message
        : 'The import stopped on an unexpected error; rows already imported stay.';
    await db.import.updateMany({ where: { id: importId }, data: { status: 'failed', error: message, finishedAt: new Date() } });
  }
}

function inTransaction<T>(ctx: ServiceContext, work: (tx: DbClient) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      await setChangeActor(tx, ctx);
      return work(tx);
    },
    { timeout: BATCH_TIMEOUT_MS, maxWait: 60_000 },
  );
}

/**
 * A batch in one transaction; should the database refuse it as a whole (a row breaking a rule the
 * reading did not foresee), each row is tried in a transaction of its own, so that one row is
 * rejected and the others are written.
 */
async function writeBatchOrEachRow(run: ImportRun, importId: number, batch: BatchRow[]): Promise<void> {
  const seen = new Map(run.seen);
  try {
    await inTransaction(run.ctx, async (tx) => {
      const { outcomes, changes } = await writeImportBatch(tx, run, batch);
      await saveBatchOutcomes(tx, importId, outcomes, changes);
    });
    return;
  } catch (error) {
    if (batch.length === 1) throw error;
    run.seen = seen;
  }
  for (const row of batch) {
    const rowSeen = new Map(run.seen);
    try {
      await inTransaction(run.ctx, async (tx) => {
        const { outcomes, changes } = await writeImportBatch(tx, run, [row]);
        await saveBatchOutcomes(tx, importId, outcomes, changes);
      });
    } catch (error) {
      run.seen = rowSeen;
      const reason = `The database refused this row: ${error instanceof Error ? error.message.split('\n').at(-1) : String(error)}`;
      const rejected: RowOutcome = { rowNumber: row.rowNumber, outcome: 'rejected', recordId: null, reason, cells: row.cells };
      await inTransaction(run.ctx, (tx) => saveBatchOutcomes(tx, importId, [rejected], []));
    }
  }
}
