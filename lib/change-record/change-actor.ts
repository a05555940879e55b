import 'server-only';
import type { DbClient } from '../services/deals/resolve-deal-references';
import type { ServiceContext } from '../services/context';
import { db } from '../db';
import { queryRows } from '../database/run-sql';
import { sql } from '../database/typed-sql';

// The change record is written by database triggers (see docs/decisions/016-change-record.md);
// they learn who acted from the transaction's "dealboard.actor" setting. Every write sets it first,
// in its own transaction: a write that does not is recorded as the channel "system".

/** The setting's value: '<user id>:<api key id>:<channel>'. */
export function changeActorValue(ctx: ServiceContext): string {
  return `${ctx.user.id}:${ctx.apiKeyId ?? ''}:${ctx.channel ?? ctx.source}`;
}

/** Says who acts for the rest of this transaction; call it first in every writing transaction. */
export async function setChangeActor(tx: DbClient, ctx: ServiceContext): Promise<void> {
  await queryRows(tx, sql`SELECT set_config('dealboard.actor', ${changeActorValue(ctx)}, true)`);
}

/**
 * The same, as an expression for a single statement that writes outside a transaction (the hot
 * path's move and create): any place the statement evaluates it, before its implicit commit, works,
 * since the triggers run at commit.
 */
export function changeActorExpression(ctx: ServiceContext) {
  return sql`set_config('dealboard.actor', ${changeActorValue(ctx)}, true)`;
}

/**
 * Runs a write in a transaction of its own that says who acts: for services whose write is a
 * single statement (which would otherwise commit with no actor). Given the caller's transaction
 * (`callerTx`), the write joins it instead: the caller said who acts when it began it.
 */
export async function writeAs<T>(ctx: ServiceContext, work: (tx: DbClient) => Promise<T>, callerTx?: DbClient): Promise<T> {
  if (callerTx) return work(callerTx);
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    return work(tx);
  });
}
