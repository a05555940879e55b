import 'server-only';
import { db } from '../../db';
import { queryRows } from '../../database/run-sql';
import { sql } from '../../database/typed-sql';
import type { ServiceContext } from '../context';

/**
 * How much of the acting user's open work is due today or overdue: their pending tasks and planned
 * activities due before `dueBefore` (the start of their tomorrow), on deals that are not deleted.
 * One statement, since every page of the app shows it in the sidebar.
 */
export async function countDueWork({ ctx, input }: { ctx: ServiceContext; input: { dueBefore: Date } }): Promise<number> {
  const userId = ctx.user.id;
  const visible = (alias: 'x') =>
    sql`(${sql.ref(`${alias}.deal_id`)} is null or exists (select 1 from deals d where d.id = ${sql.ref(`${alias}.deal_id`)} and d.deleted_at is null))`;
  const rows = await queryRows<{ due: number | bigint }>(
    db,
    sql`select
      (select count(*) from tasks x where x.assignee_id = ${userId} and x.status = 'pending' and x.due_at < ${input.dueBefore} and ${visible('x')})
      + (select count(*) from activities x where x.owner_id = ${userId} and x.status = 'planned' and x.occurred_at < ${input.dueBefore} and ${visible('x')})
      as due`,
  );
  return Number(rows[0]?.due ?? 0);
}
