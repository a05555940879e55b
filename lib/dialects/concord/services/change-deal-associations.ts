import 'server-only';
import { db } from '../../../db';
import { AppError, type ErrorDetail } from '../../../errors';
import type { Prisma } from '../../../db';
import { lockDeals, refreshLastActivityAt } from '../../../services/activities/activity-rules';
import type { ServiceContext } from '../../../services/context';
import { assertMayChangeDealById } from '../../../services/deals/assert-may-change-deal';
import { queryRows } from '../../../database/run-sql';
import { sql, tableAs, type RawBuilder } from '../../../database/typed-sql';
import { setChangeActor } from '../../../change-record/change-actor';

const a = tableAs('activities', 'a');
const d = tableAs('deals', 'd');

export type AssociationMode = 'attach' | 'detach' | 'sync';

export interface DealAssociationsInput {
  dealId: number;
  mode: AssociationMode;
  /** absent: that kind is not touched (also by sync); sync with [] removes every one of that kind */
  contacts?: number[];
  companies?: number[];
  activities?: number[];
}

type Tx = Prisma.TransactionClient;

/**
 * Attaches, detaches or syncs (makes the associated set exactly the given one) a deal's contacts,
 * companies and activities, all in one transaction. Contacts and companies are links (the deal's
 * primary contact/company is not touched, as with the native unlink); an activity belongs to one
 * deal, so attaching moves it here from any other deal and detaching leaves it without a deal, and
 * every affected deal's lastActivityAt follows (lib/services/activities/activity-rules.ts). Inside
 * the caller's transaction (`tx`), activities are locked before deals: a caller that already holds
 * the deal's lock must not pass activities, or it could wait on an activity writer waiting on it.
 * 404 for an unknown deal; 422 naming each ID that is not a (live) contact, company or activity.
 * Everyone may, on a deal they may change (docs/decisions/003-permissions.md).
 */
export async function changeDealAssociations({
  ctx,
  input,
  tx: outerTx,
}: {
  ctx: ServiceContext;
  input: DealAssociationsInput;
  /** the caller's transaction, to change the associations together with other writes */
  tx?: Prisma.TransactionClient;
}): Promise<void> {
  const work = async (tx: Tx) => {
    const activityIds = unique(input.activities ?? []);
    // activities first, then deals, as the activity services lock: two writers never wait on each other in a cycle
    const activities = await lockActivities(tx, input.dealId, activityIds, input.mode === 'sync' && input.activities !== undefined);
    const affectedDeals = new Set<number>([input.dealId]);
    for (const activity of activities.values()) if (activity.dealId !== null) affectedDeals.add(activity.dealId);
    const locked = await lockDeals(tx, [...affectedDeals]);
    if (!locked.has(input.dealId)) throw new AppError('not_found', `No deal with ID ${input.dealId} exists.`);
    await assertMayChangeDealById(ctx, input.dealId, tx);

    const problems: ErrorDetail[] = [];
    const contacts = await existingIds(tx, 'contacts', input.contacts, problems);
    const companies = await existingIds(tx, 'companies', input.companies, problems);
    (input.activities ?? []).forEach((id, index) => {
      if (!activities.has(id)) problems.push({ path: `activities.${index}`, message: 'The selected :attribute is invalid.' });
    });
    if (problems.length > 0) throw new AppError('unprocessable', 'The associations cannot be changed; nothing was changed.', problems);

    if (contacts) {
      if (input.mode === 'detach') await tx.dealContact.deleteMany({ where: { dealId: input.dealId, contactId: { in: contacts } } });
      if (input.mode === 'sync') await tx.dealContact.deleteMany({ where: { dealId: input.dealId, contactId: { notIn: contacts } } });
      if (input.mode !== 'detach' && contacts.length > 0) {
        await tx.dealContact.createMany({ data: contacts.map((contactId) => ({ dealId: input.dealId, contactId })), skipDuplicates: true });
      }
    }
    if (companies) {
      if (input.mode === 'detach') await tx.dealCompany.deleteMany({ where: { dealId: input.dealId, companyId: { in: companies } } });
      if (input.mode === 'sync') await tx.dealCompany.deleteMany({ where: { dealId: input.dealId, companyId: { notIn: companies } } });
      if (input.mode !== 'detach' && companies.length > 0) {
        await tx.dealCompany.createMany({ data: companies.map((companyId) => ({ dealId: input.dealId, companyId })), skipDuplicates: true });
      }
    }
    if (input.activities !== undefined) {
      const listed = new Set(activityIds);
      const leave = [...activities.values()].filter((a) =>
        input.mode === 'detach' ? listed.has(a.id) && a.dealId === input.dealId : input.mode === 'sync' && !listed.has(a.id) && a.dealId === input.dealId,
      );
      const join = input.mode === 'detach' ? [] : activityIds.filter((id) => activities.get(id)!.dealId !== input.dealId);
      if (leave.length > 0) await tx.activity.updateMany({ where: { id: { in: leave.map((a) => a.id) } }, data: { dealId: null } });
      if (join.length > 0) await tx.activity.updateMany({ where: { id: { in: join } }, data: { dealId: input.dealId } });
      if (leave.length > 0 || join.length > 0) for (const dealId of [...locked].sort((a, b) => a - b)) await refreshLastActivityAt(tx, dealId);
    }
  };
  if (outerTx) await work(outerTx);
  else {
    await db.$transaction(
      async (tx) => {
        await setChangeActor(tx, ctx);
        await work(tx);
      },
      { timeout: 30_000, maxWait: 10_000 },
    );
  }
}

function unique(ids: number[]): number[] {
  return [...new Set(ids)];
}

/**
 * Locks the listed activities (and, for a sync, the deal's current ones) in id order; answers the
 * visible ones (an activity of a deleted deal is hidden with it) with the deal each is on.
 */
async function lockActivities(tx: Tx, dealId: number, ids: number[], withCurrent: boolean): Promise<Map<number, { id: number; dealId: number | null }>> {
  const rows: { id: number; dealId: number | null }[] = [];
  if (ids.length > 0 || withCurrent) {
    const which: RawBuilder<unknown>[] = [];
    if (ids.length > 0) which.push(sql`${a('id')} IN (${sql.join(ids)})`);
    if (withCurrent) which.push(sql`${a('deal_id')} = ${dealId}`);
    rows.push(
      ...(await queryRows<{ id: number; dealId: number | null }>(
        tx,
        sql`
        SELECT ${a('id')}, ${a('deal_id')} AS "dealId"
        FROM ${a.from}
        WHERE (${sql.join(which, sql` OR `)})
          -- a subquery, not a join: re-checked against the activity's deal as committed after a lock wait
          AND (${a('deal_id')} IS NULL OR EXISTS (SELECT 1 FROM ${d.from} WHERE ${d('id')} = ${a('deal_id')} AND ${d('deleted_at')} IS NULL))
        ORDER BY ${a('id')}
        FOR UPDATE`,
      )),
    );
  }
  return new Map(rows.map((row) => [row.id, row]));
}

/** The distinct IDs of a list when every one is a live record of its kind (else a problem per bad index); undefined when not sent. */
async function existingIds(tx: Tx, kind: 'contacts' | 'companies', ids: number[] | undefined, problems: ErrorDetail[]): Promise<number[] | undefined> {
  if (ids === undefined) return undefined;
  const distinct = unique(ids);
  const found =
    distinct.length === 0
      ? []
      : kind === 'contacts'
        ? await tx.contact.findMany({ where: { id: { in: distinct }, deletedAt: null }, select: { id: true } })
        : await tx.company.findMany({ where: { id: { in: distinct }, deletedAt: null }, select: { id: true } });
  const live = new Set(found.map((row) => row.id));
  ids.forEach((id, index) => {
    if (!live.has(id)) problems.push({ path: `${kind}.${index}`, message: 'The selected :attribute is invalid.' });
  });
  return distinct;
}
