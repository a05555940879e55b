import 'server-only';
import { db, getDbConnection } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import { queryRows } from '../../database/run-sql';
import { sql, type RawBuilder } from '../../database/typed-sql';

export type ReportTx = Prisma.TransactionClient;

export interface ReportPlanOptions {
  /**
   * false: group sorted rows instead of building hash tables (enable_hashagg off). For statements
   * that group most of a period's history into one group per deal (funnel, time in stage), where the
   * planner prices a hash table of 100,000–300,000 groups below a sort or an ordered index read, but
   * the hash table is what costs (funnel 800 → 450 ms, time in stage 430 → 330 ms, busiest quarter).
   */
  hashAggregate?: boolean;
  /**
   * The planner's price of a random page read for this report (PostgreSQL's default 4 is for
   * spinning disks; 1.1 is the usual value for SSDs and cached data). The funnel reads the per-deal
   * covering index in full, which at 4 the planner wrongly prices above a sequential scan and a sort.
   */
  randomPageCost?: number;
}

/**
 * Runs a report's statements in one read-only REPEATABLE READ transaction, so a report made of
 * several statements sees one state of the database. On PostgreSQL the transaction turns JIT off
 * (compiling a report query costs 30–600 ms, more than running it) and gives its sorts and hashes
 * more memory than the 4 MB default, so sorts of a quarter's history stay in memory. A report runs
 * on at most two processes (the backend and one parallel worker): reports are a manager's occasional
 * question, and the database's other cores belong to the reps' writes. On the 2-core benchmark
 * machine this is also the faster plan: PostgreSQL's default of two workers plus the backend puts
 * three processes on two cores (time in stage, busiest quarter: 430–590 → 280–320 ms).
 */
export async function inReportTransaction<T>(run: (tx: ReportTx) => Promise<T>, options: ReportPlanOptions = {}): Promise<T> {
  const postgres = getDbConnection().engine === 'postgresql';
  return db.$transaction(
    async (tx) => {
      if (postgres) {
        await queryRows(tx, sql`SELECT ${planSettings(options)}, set_config('transaction_read_only', 'on', true)`);
      }
      return run(tx);
    },
    { isolationLevel: 'RepeatableRead', timeout: 120_000, maxWait: 20_000 },
  );
}

/** The session settings a report's statements run with (set_config calls, transaction-local). */
export function planSettings(options: ReportPlanOptions = {}): RawBuilder<unknown> {
  return sql`set_config('jit', 'off', true), set_config('work_mem', '64MB', true),
               set_config('enable_hashagg', ${options.hashAggregate === false ? 'off' : 'on'}, true),
               set_config('random_page_cost', ${String(options.randomPageCost ?? 4)}, true),
               set_config('max_parallel_workers_per_gather', '1', true)`;
}

/** A timestamp parameter for the `timestamp(3)` columns (stored as UTC without a zone). */
export function ts(date: Date): string {
  return date.toISOString();
}
