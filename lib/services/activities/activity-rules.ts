import 'server-only';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { queryRows } from '../../database/run-sql';
import { sql, sqlBuilder } from '../../database/typed-sql';
import { DONE_IN_FUTURE_MESSAGE, isDoneInFuture } from '../../work/activity-done-rule';

// Rules shared by the activity (and task) services: which rows a client can see, references in a
// body, and keeping a deal's lastActivityAt equal to its latest completed activity.

type Tx = Prisma.TransactionClient;

/** Activities (and tasks) of deleted deals are hidden with their deal. */
export const visibleThroughDeal = { OR: [{ dealId: null }, { deal: { deletedAt: null } }] } satisfies Prisma.ActivityWhereInput & Prisma.TaskWhereInput;

/** 422 unless the user exists (a body reference such as owner_id / assignee_id). */
export async function assertUserExists(client: Tx, userId: number, path: string): Promise<void> {
  const user = await client.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw new AppError('unprocessable', 'No user with this ID exists.', [{ path, message: 'No user with this ID exists' }]);
}

/** 422 unless the (not deleted) deal exists (a body reference such as deal_id). */
export async function assertDealExists(client: Tx, dealId: number, path = 'deal_id'): Promise<void> {
  const deal = await client.deal.findFirst({ where: { id: dealId, deletedAt: null }, select: { id: true } });
  if (!deal) throw unknownDeal(path);
}

export function unknownDeal(path = 'deal_id'): AppError {
  return new AppError('unprocessable', 'No deal with this ID exists.', [{ path, message: 'No deal with this ID exists' }]);
}

/**
 * Locks the (not deleted) deals among `dealIds`, in id order so two writers never wait on each other
 * in a cycle, and answers which exist. A writer holding the lock sees every activity committed
 * before it, so lastActivityAt computed under the lock is never overwritten by a staler value.
 */
export async function lockDeals(tx: Tx, dealIds: readonly number[]): Promise<Set<number>> {
  const locked = new Set<number>();
  for (const dealId of [...new Set(dealIds)].sort((a, b) => a - b)) {
    const rows = await queryRows<{ id: number }>(
      tx,
      sqlBuilder.selectFrom('deals').select('id').where('id', '=', dealId).where('deleted_at', 'is', null).forUpdate(),
    );
    if (rows.length > 0) locked.add(dealId);
  }
  return locked;
}

/**
 * Sets deal.lastActivityAt to the latest occurredAt of its completed activities (null when none).
 * Call inside the transaction that changed the deal's activities, after `lockDeals`. A change bumps
 * the deal's version (its ETag) and updatedAt, since the deal's representation changed.
 */
export async function refreshLastActivityAt(tx: Tx, dealId: number): Promise<void> {
  const aggregate = await tx.activity.aggregate({ where: { dealId, status: 'completed' }, _max: { occurredAt: true } });
  const latest = aggregate._max.occurredAt ?? null;
  const deal = await tx.deal.findUnique({ where: { id: dealId }, select: { lastActivityAt: true } });
  if (!deal) return;
  if ((deal.lastActivityAt?.getTime() ?? null) === (latest?.getTime() ?? null)) return;
  await tx.deal.update({ where: { id: dealId }, data: { lastActivityAt: latest, version: { increment: 1 } } });
}

/** Locks one visible activity row for a change; 404 when it does not exist or its deal is deleted. */
export async function lockActivity(tx: Tx, activityId: number): Promise<LockedActivity> {
  const rows = await queryRows<LockedActivity>(
    tx,
    sqlBuilder
      .selectFrom('activities as a')
      .select(['a.id', 'a.deal_id as dealId', 'a.status', 'a.occurred_at as occurredAt'])
      .where('a.id', '=', activityId)
      // a subquery, not a join: re-checked against the activity's deal as committed after a lock wait
      .where((eb) =>
        eb.or([
          eb('a.deal_id', 'is', null),
          eb.exists(eb.selectFrom('deals as d').select(sql.lit(1).as('one')).whereRef('d.id', '=', 'a.deal_id').where('d.deleted_at', 'is', null)),
        ]),
      )
      .forUpdate(),
  );
  const row = rows[0];
  if (!row) throw activityNotFound();
  return row;
}

interface LockedActivity {
  id: number;
  dealId: number | null;
  status: string;
  occurredAt: Date;
}

/** 422 when the activity would be done (completed) in the future (lib/work/activity-done-rule.ts). */
export function assertNotDoneInFuture(status: string, occurredAt: Date, now = new Date()): void {
  if (isDoneInFuture(status, occurredAt, now)) {
    throw new AppError('unprocessable', DONE_IN_FUTURE_MESSAGE, [{ path: 'occurred_at', message: DONE_IN_FUTURE_MESSAGE }]);
  }
}

export function activityNotFound(): AppError {
  return new AppError('not_found', 'No activity with this ID exists.');
}
