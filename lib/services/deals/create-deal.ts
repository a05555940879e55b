import 'server-only';
import { db, type Prisma } from '../../db';
import { AppError } from '../../errors';
import type { CreateDealBody } from '../../schemas/deal';
import type { ServiceContext } from '../context';
import { ownerForNewDeal } from './assert-may-change-deal';
import { closedAtFor, statusInStage } from '../../deal-lifecycle/stage-rules';
import { queryRows } from '../../database/run-sql';
import { compiledOnce } from '../../database/compiled-once';
import { columnName, sql, tableAs, tableName, type ColumnOf } from '../../database/typed-sql';
import { hotQuery } from '../../database/hot-query';
import { changeActorValue } from '../../change-record/change-actor';
import { dealViewSelect, toDealViews, type DealView } from './deal-view';
import { readHomeCurrency } from '../currency/home-currency';
import { assertReferencesExist, findLiveStage, resolveTargetStage, type DbClient } from './resolve-deal-references';
import { findStageForNewDeal, forgetStageForNewDeal, stillAsRead, type StageForNewDeal } from './stage-for-new-deal';
import { validateDealExtras } from './validate-deal-extras';

export const UNIQUE_VIOLATION = 'P2002';

/** The new deal's view, to answer with (built once: it has no parameters). */
const NEW_DEAL_VIEW = dealViewSelect(sql`new_deal`);

const d = tableAs('deals', 'd');
const n = tableAs('deals', 'n'); // new_deal's rows are the deals table's
const deal = (column: ColumnOf<'deals'>) => columnName('deals', column);
const history = (column: ColumnOf<'stage_history'>) => columnName('stage_history', column);

/**
 * One statement: the deal at the end of its stage (only if the stage and the definitions are still
 * as read), its first history row, its contact and company links, and its view to answer with.
 * Compiled once (its shape never changes): every API create runs it.
 */
const CREATE_DEAL = compiledOnce<{
  name: string;
  pipelineId: number;
  stageId: number;
  contactId: number | null;
  companyId: number | null;
  value: bigint;
  currency: string;
  status: string;
  lostReason: string | null;
  expectedClose: string | null;
  closedAt: string | null;
  ownerId: number | null;
  source: string | null;
  dealType: string | null;
  metadata: string;
  customFields: string;
  externalSource: string | null;
  externalId: string | null;
  startedAt: string | null;
  externalOwner: string | null;
  now: string;
  probability: number;
  outcome: string | null;
  definitionsHash: string | null;
  userId: number;
  changeSource: string;
  changeActor: string;
}>(
  (p) => sql`
      WITH new_deal AS (
        INSERT INTO ${tableName('deals')} (${deal('name')}, ${deal('pipeline_id')}, ${deal('stage_id')}, ${deal('contact_id')}, ${deal('company_id')},
                           ${deal('value')}, ${deal('currency')}, ${deal('status')}, ${deal('lost_reason')}, ${deal('expected_close')},
                           ${deal('closed_at')}, ${deal('owner_id')}, ${deal('source')}, ${deal('deal_type')}, ${deal('metadata')}, ${deal('custom_fields')},
                           ${deal('external_source')}, ${deal('external_id')}, ${deal('position')},
                           ${deal('started_at')}, ${deal('external_owner')}, ${deal('stage_entered_at')}, ${deal('created_at')}, ${deal('updated_at')})
        SELECT ${p.name}, ${p.pipelineId}, ${p.stageId}, ${p.contactId}, ${p.companyId}, ${p.value}, ${p.currency},
                ${p.status}::"DealStatus", ${p.lostReason}, ${p.expectedClose}::timestamp(3),
                ${p.closedAt}::timestamp(3), ${p.ownerId}, ${p.source}, ${p.dealType},
                ${p.metadata}::jsonb, ${p.customFields}::jsonb,
                ${p.externalSource}, ${p.externalId},
                COALESCE((SELECT MAX(${d('position')}) FROM ${d.from} WHERE ${d('stage_id')} = ${p.stageId} AND ${d('deleted_at')} IS NULL), 0) + 1,
                ${p.startedAt}::timestamp(3),
                ${p.externalOwner}::jsonb,
                ${p.now}::timestamp(3), ${p.now}::timestamp(3), ${p.now}::timestamp(3)
        WHERE ${stillAsRead({ id: p.stageId, pipelineId: p.pipelineId, probability: p.probability, outcome: p.outcome }, p.definitionsHash)}
          -- who acts, for the change record's triggers (they run at commit)
          AND set_config('dealboard.actor', ${p.changeActor}, true) IS NOT NULL
        RETURNING *
      ), history AS (
        INSERT INTO ${tableName('stage_history')} (${history('deal_id')}, ${history('from_stage_id')}, ${history('from_pipeline_id')}, ${history('to_stage_id')},
                                   ${history('to_pipeline_id')}, ${history('changed_at')}, ${history('changed_by_id')},
                                   ${history('source')}, ${history('value')}, ${history('currency')}, ${history('probability')})
        SELECT ${n('id')}, NULL, NULL, ${n('stage_id')}, ${n('pipeline_id')}, ${p.now}::timestamp(3), ${p.userId}, ${p.changeSource}::"ChangeSource",
               ${n('value')}, ${n('currency')}, ${p.probability}
        FROM new_deal ${n.alias}
      ), contact_link AS (
        INSERT INTO ${tableName('deal_contacts')} (${columnName('deal_contacts', 'deal_id')}, ${columnName('deal_contacts', 'contact_id')})
        SELECT ${n('id')}, ${n('contact_id')} FROM new_deal ${n.alias} WHERE ${n('contact_id')} IS NOT NULL
      ), company_link AS (
        INSERT INTO ${tableName('deal_companies')} (${columnName('deal_companies', 'deal_id')}, ${columnName('deal_companies', 'company_id')})
        SELECT ${n('id')}, ${n('company_id')} FROM new_deal ${n.alias} WHERE ${n('company_id')} IS NOT NULL
      )
      ${NEW_DEAL_VIEW}`,
);

/**
 * Creates a deal at the end of its stage and writes its first stage-history row (from nothing),
 * in one transaction. Everyone may create deals; the owner defaults to the acting user.
 */
export async function createDeal({
  ctx,
  input,
  externalSource = 'api',
  sync,
  tx,
}: {
  ctx: ServiceContext;
  input: CreateDealBody;
  /** the system `external_id` belongs to (the upsert key is source + ID) */
  externalSource?: string;
  /** fields only a sync from another system sets: when the deal started there, and its owner there when no user matched */
  sync?: { startedAt?: Date | null; externalOwner?: Prisma.InputJsonValue | null };
  /** the caller's transaction, to create the deal together with other writes */
  tx?: DbClient;
}): Promise<DealView> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    // the first attempt may use the stage and definitions kept from an earlier create; any later
    // one reads them afresh
    const fresh = attempt > 0;
    try {
      const deal = await insertDeal({ ctx, input, externalSource, sync, tx, fresh });
      if (deal) return deal;
    } catch (error) {
      // a kept copy out of date can refuse what the current definitions allow (a field no longer
      // required, a new option): an answer that depends on them is given from a fresh read only
      const dependsOnKeptCopy = !tx && !fresh && error instanceof AppError && (error.code === 'validation_failed' || error.code === 'unprocessable');
      if (!dependsOnKeptCopy) throw error;
    }
  }
  throw new AppError('conflict', 'The stage or the custom fields were changing while the deal was being created; retry shortly.');
}

const MAX_ATTEMPTS = 3;

/** One attempt: null when the stage or the definitions changed between the read and the insert. */
async function insertDeal({
  ctx,
  input,
  externalSource,
  sync,
  tx,
  fresh,
}: {
  ctx: ServiceContext;
  input: CreateDealBody;
  externalSource: string;
  fresh: boolean;
  sync?: { startedAt?: Date | null; externalOwner?: Prisma.InputJsonValue | null };
  tx?: DbClient;
}): Promise<DealView | null> {
  const client = tx ?? db;
  // outside a transaction the stage comes with the custom field definitions, kept from an earlier
  // create when there is one (the insert re-checks both: stage-for-new-deal.ts)
  const findStage = tx ? findLiveStage : (stageId: number) => findStageForNewDeal(stageId, { fresh });
  const stage = await resolveTargetStage({ stageId: input.stage_id, pipelineId: input.pipeline_id }, client, findStage);
  // a sync without an owner leaves the deal unassigned rather than giving it to the key's user
  const ownerId = await ownerForNewDeal(ctx, input.owner_id === undefined ? (sync ? null : ctx.user.id) : input.owner_id, input.owner_id !== undefined, client);
  // the acting user exists (they were just authenticated): only other references need a look
  if (input.contact_id || input.company_id || (ownerId !== null && ownerId !== ctx.user.id)) {
    await assertReferencesExist({ contactId: input.contact_id, companyId: input.company_id, ownerId }, client);
  }
  const status = statusInStage(stage, input.status, null, false);
  const known = 'definitionsHash' in stage ? (stage as StageForNewDeal) : undefined;
  const extras = await validateDealExtras({
    ctx,
    status,
    lossReason: input.loss_reason,
    customFields: input.custom_fields,
    partial: false,
    existingCustomFields: {},
    tx,
    definitions: known?.definitions,
  });
  const now = new Date().toISOString();
  const value = BigInt(input.value ?? 0);
  const contactId = input.contact_id ?? null;
  const companyId = input.company_id ?? null;
  const closedAt = closedAtFor(status, null, null, new Date(now));
  try {
    // one statement: the deal at the end of its stage (only if the stage and the definitions are
    // still as read), its first history row, its contact and company links, and its view to answer with
    const statement = CREATE_DEAL({
      name: input.name,
      pipelineId: stage.pipelineId,
      stageId: stage.id,
      contactId,
      companyId,
      value,
      // an explicit currency always wins; else the workspace's home currency
      currency: input.currency ?? (await readHomeCurrency(client)),
      status,
      lostReason: status === 'lost' ? (extras.lossReason ?? null) : null,
      expectedClose: input.expected_close?.toISOString() ?? null,
      closedAt: closedAt?.toISOString() ?? null,
      ownerId,
      source: input.source ?? null,
      dealType: input.deal_type ?? null,
      metadata: JSON.stringify(input.metadata ?? {}),
      customFields: JSON.stringify(extras.customFields),
      externalSource: input.external_id ? externalSource : null,
      externalId: input.external_id ?? null,
      startedAt: sync?.startedAt?.toISOString() ?? null,
      externalOwner: sync?.externalOwner === undefined || sync.externalOwner === null ? null : JSON.stringify(sync.externalOwner),
      now,
      probability: stage.probability,
      outcome: stage.outcome,
      definitionsHash: known?.definitionsHash ?? null,
      userId: ctx.user.id,
      changeSource: ctx.source,
      changeActor: changeActorValue(ctx),
    });
    // alone, the hot path (a prepared statement on PostgreSQL); in the caller's transaction, its client
    const rows = tx ? await queryRows<DealView>(tx, statement) : await hotQuery<DealView>(statement);
    if (rows.length === 0) {
      forgetStageForNewDeal(stage.id);
      return null;
    }
    return toDealViews(rows)[0]!;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', `A deal with external_id "${input.external_id}" already exists; update it, or use POST /deals/upsert.`, [
        { path: 'external_id', message: 'Already used by another deal' },
      ]);
    }
    throw error;
  }
}

/** A unique-constraint violation, from a Prisma model query (P2002) or a raw statement (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { kind?: string } } }; message?: string };
  if (e?.code === UNIQUE_VIOLATION) return true;
  if (e?.meta?.code === '23505' || e?.meta?.driverAdapterError?.cause?.kind === 'UniqueConstraintViolation') return true;
  return typeof e?.message === 'string' && /23505|unique constraint/i.test(e.message);
}
