import 'server-only';
import { db } from '../../db';
import { setChangeActor } from '../../change-record/change-actor';
import { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors';
import { toPublicId } from '../../ids';
import type { UpdateDealBody } from '../../schemas/deal';
import type { ServiceContext } from '../context';
import { UNIQUE_VIOLATION } from './create-deal';
import { assertMayChangeDeal } from './assert-may-change-deal';
import { closedAtFor, lostReasonFor, statusInStage } from '../../deal-lifecycle/stage-rules';
import { findDealView, type DealView } from './deal-view';
import { assertReferencesExist, resolveTargetStage, unprocessable, type DbClient, type TargetStage } from './resolve-deal-references';
import { stageHistoryRow } from './stage-history-row';
import { positionAtEnd } from './stage-positions';
import { dealHasLineItems } from '../line-items/deal-has-line-items';
import { validateDealExtras } from './validate-deal-extras';
import { queryRows } from '../../database/run-sql';
import { sql, tableAs } from '../../database/typed-sql';

const d = tableAs('deals', 'd');
const s = tableAs('stages', 's');

/**
 * Updates the given fields of a deal (PATCH). A new stage or pipeline moves the deal with a
 * stage-history row; a status decides closed_at and keeps loss_reason only with lost. The deal row
 * is locked for the transaction, so concurrent writers queue instead of overwriting each other.
 */
export async function updateDeal({
  ctx,
  input,
  tx: outerTx,
}: {
  ctx: ServiceContext;
  input: {
    dealId: number;
    changes: UpdateDealBody;
    expectedVersion?: number | null;
    /** fields only a sync from another system sets (see createDeal) */
    sync?: { startedAt?: Date | null; externalOwner?: Prisma.InputJsonValue | null };
  };
  /** the caller's transaction, to update the deal together with other writes */
  tx?: DbClient;
}): Promise<DealView> {
  const { changes } = input;
  const client = outerTx ?? db;
  const wantsMove = changes.stage_id !== undefined || changes.pipeline_id !== undefined;
  const target: TargetStage | null = wantsMove ? await resolveTargetStage({ stageId: changes.stage_id, pipelineId: changes.pipeline_id }, client) : null;
  await assertReferencesExist({ contactId: changes.contact_id, companyId: changes.company_id, ownerId: changes.owner_id }, client);
  const now = new Date();
  // inside the caller's transaction (which said who acts: a batch says it once), or one of our own
  const inTransaction = <T>(work: (tx: DbClient) => Promise<T>): Promise<T> =>
    outerTx
      ? work(outerTx)
      : db.$transaction(async (tx) => {
          await setChangeActor(tx, ctx);
          return work(tx);
        });
  try {
    await inTransaction(async (tx) => {
      // The stage is read by subqueries, not a join: a row lock waited for (a concurrent move)
      // re-checks the row as committed, and a join would still hold the old stage row — its
      // condition then fails and the deal would read as missing (a 404 for a live deal).
      const [current] = await queryRows<{
        id: number;
        version: number;
        stageId: number;
        pipelineId: number;
        status: 'open' | 'won' | 'lost' | 'stalled';
        lostReason: string | null;
        closedAt: Date | null;
        value: bigint;
        currency: string;
        customFields: Record<string, unknown>;
        outcome: 'won' | 'lost' | null;
        stageName: string;
        ownerId: number | null;
      }>(
        tx,
        sql`
        SELECT ${d('id')}, ${d('version')}, ${d('owner_id')} AS "ownerId", ${d('stage_id')} AS "stageId", ${d('pipeline_id')} AS "pipelineId", ${d('status')}::text AS status, ${d('lost_reason')} AS "lostReason",
               ${d('closed_at')} AS "closedAt", ${d('value')}, ${d('currency')}, ${d('custom_fields')} AS "customFields",
               (SELECT ${s('outcome')}::text FROM ${s.from} WHERE ${s('id')} = ${d('stage_id')}) AS outcome,
               (SELECT ${s('name')} FROM ${s.from} WHERE ${s('id')} = ${d('stage_id')}) AS "stageName"
        FROM ${d.from}
        WHERE ${d('id')} = ${input.dealId} AND ${d('deleted_at')} IS NULL
        FOR UPDATE`,
      );
      if (!current) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', input.dealId)} exists.`);
      await assertMayChangeDeal(ctx, { ownerId: current.ownerId, ...(changes.owner_id !== undefined ? { newOwnerId: changes.owner_id } : {}) }, tx);
      if (input.expectedVersion != null && input.expectedVersion !== current.version) {
        throw new AppError('precondition_failed', `The deal changed since you read it (now version ${current.version}); read it again and retry.`);
      }
      const changesValue = changes.value !== undefined && BigInt(changes.value) !== BigInt(current.value);
      const changesCurrency = changes.currency !== undefined && changes.currency !== current.currency;
      if ((changesValue || changesCurrency) && (await dealHasLineItems(current.id, tx))) {
        if (changesValue) {
          throw unprocessable(
            'value',
            'This deal has line items: its value is their total. Change the line items (PUT /deals/:id/line-items) instead of value.',
          );
        }
        throw unprocessable('currency', 'This deal has line items priced in its currency; remove them before changing the currency.');
      }
      const moving = target !== null && target.id !== current.stageId;
      const stage = moving ? target : { outcome: current.outcome, name: current.stageName };
      const status = moving
        ? statusInStage(target, changes.status, current.status, current.outcome !== null)
        : statusInStage(stage, changes.status, current.status, false);
      if (changes.loss_reason && status !== 'lost') {
        throw unprocessable('loss_reason', 'A loss reason applies only to a lost deal; send "status": "lost" with it.');
      }
      const extras = await validateDealExtras({
        ctx,
        status,
        lossReason: changes.loss_reason,
        customFields: changes.custom_fields,
        partial: true,
        existingCustomFields: current.customFields ?? {},
        tx,
      });
      const lostReason = lostReasonFor(status, extras.lossReason !== undefined ? extras.lossReason : current.lostReason);
      const data: Prisma.DealUncheckedUpdateInput = {
        version: { increment: 1 },
        status,
        lostReason,
        closedAt: closedAtFor(status, current.status, current.closedAt, now),
        updatedAt: now,
      };
      if (changes.name !== undefined) data.name = changes.name;
      if (changes.contact_id !== undefined) data.contactId = changes.contact_id;
      if (changes.company_id !== undefined) data.companyId = changes.company_id;
      if (changes.value !== undefined) data.value = BigInt(changes.value);
      if (changes.currency !== undefined) data.currency = changes.currency;
      if (changes.expected_close !== undefined) data.expectedClose = changes.expected_close;
      if (changes.owner_id !== undefined) data.ownerId = changes.owner_id;
      if (changes.source !== undefined) data.source = changes.source;
      if (changes.deal_type !== undefined) data.dealType = changes.deal_type;
      if (changes.metadata !== undefined) data.metadata = changes.metadata as Prisma.InputJsonValue;
      if (changes.custom_fields !== undefined) data.customFields = extras.customFields as Prisma.InputJsonValue;
      if (input.sync?.startedAt !== undefined) data.startedAt = input.sync.startedAt;
      if (input.sync?.externalOwner !== undefined) data.externalOwner = input.sync.externalOwner === null ? Prisma.DbNull : input.sync.externalOwner;
      if (changes.external_id !== undefined) {
        data.externalId = changes.external_id;
        data.externalSource = changes.external_id === null ? null : 'api';
      }
      if (moving) {
        data.stageId = target.id;
        data.pipelineId = target.pipelineId;
        data.stageEnteredAt = now;
        data.position = await positionAtEnd(target.id, tx);
      }
      const updated = await tx.deal.update({ where: { id: current.id }, data, select: { value: true, currency: true } });
      if (moving) {
        await tx.stageHistory.create({
          data: stageHistoryRow({
            ctx,
            deal: { id: current.id, stageId: current.stageId, pipelineId: current.pipelineId, value: updated.value, currency: updated.currency },
            toStage: target,
            changedAt: now,
            reason: status === 'lost' ? lostReason : null,
          }),
        });
      }
      if (changes.contact_id)
        await tx.dealContact.upsert({
          where: { dealId_contactId: { dealId: current.id, contactId: changes.contact_id } },
          create: { dealId: current.id, contactId: changes.contact_id },
          update: {},
        });
      if (changes.company_id)
        await tx.dealCompany.upsert({
          where: { dealId_companyId: { dealId: current.id, companyId: changes.company_id } },
          create: { dealId: current.id, companyId: changes.company_id },
          update: {},
        });
    });
  } catch (error) {
    if ((error as { code?: string }).code === UNIQUE_VIOLATION) {
      throw new AppError('conflict', `Another deal already has external_id "${changes.external_id}".`, [
        { path: 'external_id', message: 'Already used by another deal' },
      ]);
    }
    throw error;
  }
  return (await findDealView(input.dealId, client))!;
}
