import 'server-only';
import { db, getDbConnection } from '../../db';
import type { Prisma } from '../../generated/prisma/client';

export type ReportTx = Prisma.TransactionClient;

export interface ReportPlanOptions {
  /**
   * Group rows as they stream in index order rather than in a hash table (enable_hashagg off). For a
   * statement that groups most of a pipeline's history per deal (the funnel): the planner prices the
   * hash aggregate of 100,000 deals with a dozen aggregates each below a full read of the per-deal
   * covering index, but the hash table is what costs (measured 800 ms against 360 ms).
   */
  groupInIndexOrder?: boolean;
}

/**
 * Runs a report's statements in one read-only REPEATABLE READ transaction, so a report made of
 * several statements sees one state of the database. On PostgreSQL the transaction turns JIT off
 * (compiling a report query costs 30–600 ms, more than running it) and gives its sorts and hashes
 * more memory than the 4 MB default, so sorts of a quarter's history stay in memory.
 */
export async function inReportTransaction<T>(run: (tx: ReportTx) => Promise<T>, options: ReportPlanOptions = {}): Promise<T> {
  const postgres = getDbConnection().engine === 'postgresql';
  return db.$transaction(
    async (tx) => {
      if (postgres) {
        await tx.$queryRaw`SELECT set_config('jit', 'off', true), set_config('work_mem', '64MB', true), set_config('transaction_read_only', 'on', true),
                                  set_config('enable_hashagg', ${options.groupInIndexOrder ? 'off' : 'on'}, true)`;
      }
      return run(tx);
    },
    { isolationLevel: 'RepeatableRead', timeout: 120_000, maxWait: 20_000 },
  );
}

/** A timestamp parameter for the `timestamp(3)` columns (stored as UTC without a zone). */
export function ts(date: Date): string {
  return date.toISOString();
}
