import 'server-only';
import { db } from '../../db';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';
import { lostReasonSql } from '../reports/lost-from-stage-sql';
import type { ServiceContext } from '../context';

const d = tableAs('deals', 'd');

/**
 * The loss reasons lost deals carry (trimmed, as the Lost deals report groups them), most used
 * first: where the workspace allows free text, these include reasons that are not on its list, and
 * the deals table's filter offers them too. At most `limit`.
 */
export async function listLossReasonsInUse({ ctx, input }: { ctx: ServiceContext; input: { limit: number } }): Promise<string[]> {
  void ctx; // every role can read every deal
  const rows = await queryRows<{ reason: string }>(
    db,
    sql`SELECT ${lostReasonSql} AS reason FROM ${d.from}
        WHERE ${d('status')} = 'lost' AND ${d('deleted_at')} IS NULL AND ${lostReasonSql} IS NOT NULL
        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT ${input.limit}`,
  );
  return rows.map((r) => r.reason);
}
