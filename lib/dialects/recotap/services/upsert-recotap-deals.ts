import 'server-only';
import { db, type Prisma } from '../../../db';
import { AppError } from '../../../errors';
import { fromPublicId } from '../../../ids';
import { majorToMinorUnits, majorUnitsMessage } from '../../../money/major-units';
import type { UpdateDealBody } from '../../../schemas/deal';
import { recotapDealItem, type RecotapDealItem } from '../schemas';
import { zodIssuesToDetails } from '../../../schemas/zod-details';
import type { ServiceContext } from '../../../services/context';
import { listCustomFieldDefinitions } from '../../../services/custom-fields/list-custom-field-definitions';
import { validateCustomFieldValues } from '../../../services/custom-fields/validate-custom-field-values';
import { linkRecordsToDeal } from '../../../services/deal-links/link-records-to-deal';
import { createDeal } from '../../../services/deals/create-deal';
import { updateDeal } from '../../../services/deals/update-deal';
import { createPipeline } from '../../../services/pipelines/create-pipeline';
import { createStage } from '../../../services/stages/create-stage';
import { resolveRecotapAccounts } from './resolve-recotap-accounts';
import { setChangeActor } from '../../../change-record/change-actor';

type Tx = Prisma.TransactionClient;

/** The owner as an external system named it, kept on the deal when it matched no Dealboard user. */
export type ExternalOwner = { name: string | null; email: string | null; id: string | null };

// an item creates at most a pipeline, a stage, 100 companies and their links: room beyond Prisma's 5 s
const TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: 10_000 };

/** Deal.externalSource of deals keyed by Recotap's externalDealId. */
export const RECOTAP_EXTERNAL_SOURCE = 'recotap';
// the native default currency of a new deal (createDeal), named here because amounts depend on it
const DEFAULT_CURRENCY = 'USD';

export type RecotapUpsertResult = { externalDealId: string | null; status: 'upserted' } | { externalDealId: string | null; status: 'failed'; error: string };

/**
 * Creates or updates up to 100 deals keyed by Recotap's externalDealId (Deal.externalSource
 * "recotap"), answering per deal in request order. Each deal is applied in a transaction of its
 * own: one that fails never blocks the others, and leaves nothing behind — neither the deal nor
 * the pipeline, stage or companies its labels and accounts would have created.
 * Writes go through createDeal/updateDeal with source "import", so a stage change leaves a
 * history row marked as an import; an identical second call creates nothing and moves nothing.
 */
export async function upsertRecotapDeals({ ctx, input }: { ctx: ServiceContext; input: { deals: Record<string, unknown>[] } }): Promise<RecotapUpsertResult[]> {
  const importCtx: ServiceContext = { ...ctx, source: 'import' };
  const results: RecotapUpsertResult[] = [];
  // one after another, not in parallel: a later deal may use the pipeline, stage or company an
  // earlier one created, and a repeated externalDealId then updates what the earlier one created
  for (const raw of input.deals) results.push(await upsertOne(importCtx, raw));
  return results;
}

async function upsertOne(ctx: ServiceContext, raw: Record<string, unknown>): Promise<RecotapUpsertResult> {
  const rawId = typeof raw.externalDealId === 'string' && raw.externalDealId.trim() !== '' ? raw.externalDealId.trim() : null;
  const parsed = recotapDealItem.safeParse(raw);
  if (!parsed.success) {
    return {
      externalDealId: rawId,
      status: 'failed',
      error: zodIssuesToDetails(parsed.error.issues)
        .map((d) => d.message)
        .join('; '),
    };
  }
  const item = parsed.data;
  try {
    await applyItemAtomically(ctx, item);
    return { externalDealId: item.externalDealId, status: 'upserted' };
  } catch (error) {
    if (error instanceof AppError) return { externalDealId: item.externalDealId, status: 'failed', error: error.message };
    // our fault, not the client's: log it and report this deal alone as not applied
    console.error(error);
    return { externalDealId: item.externalDealId, status: 'failed', error: 'Something went wrong on our side; this deal was not applied.' };
  }
}

/**
 * A create service's 409 for a key this transaction found free: a concurrent sync created the same
 * deal, pipeline, stage or company between our read and our insert. The attempt is rolled back whole.
 */
class LostRace extends Error {
  constructor(readonly conflict: AppError) {
    super(conflict.message);
  }
}

async function orLostRace<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof AppError && error.code === 'conflict') throw new LostRace(error);
    throw error;
  }
}

/**
 * Applies one item in one transaction; after losing a race to a concurrent sync, once more, against
 * what that sync wrote (a deal it created is then updated, its pipeline, stage or company used).
 */
async function applyItemAtomically(ctx: ServiceContext, item: RecotapDealItem): Promise<void> {
  const attempt = () =>
    db.$transaction(async (tx) => {
      await setChangeActor(tx, ctx);
      await applyItem(ctx, item, tx);
    }, TRANSACTION_OPTIONS);
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof LostRace)) throw error;
  }
  try {
    return await attempt();
  } catch (error) {
    throw error instanceof LostRace ? error.conflict : error;
  }
}

interface ExistingDeal {
  id: number;
  deletedAt: Date | null;
  currency: string;
  pipelineId: number;
  companyId: number | null;
}

/** Every read and write of the item, in the caller's transaction `tx`. */
async function applyItem(ctx: ServiceContext, item: RecotapDealItem, tx: Tx): Promise<void> {
  // —— reads and checks ——
  const existing: ExistingDeal | null = await tx.deal.findFirst({
    where: { externalSource: RECOTAP_EXTERNAL_SOURCE, externalId: item.externalDealId },
    select: { id: true, deletedAt: true, currency: true, pipelineId: true, companyId: true },
  });
  if (existing?.deletedAt) {
    throw new AppError('conflict', `Deal ${item.externalDealId} was deleted in Dealboard; its externalDealId stays reserved.`);
  }
  const owner = await resolveOwner(item, tx);
  const currency = item.dealCurrencyCode ?? existing?.currency ?? DEFAULT_CURRENCY;
  let value: number | undefined;
  if (item.amount !== undefined) {
    const minor = majorToMinorUnits(item.amount, currency);
    if (!minor.ok) throw new AppError('validation_failed', majorUnitsMessage(minor, 'amount', currency));
    value = Number(minor.value);
  }
  const plan = await planTarget(item, existing, tx);
  if (!existing) await assertCreatable(ctx, tx);

  // —— writes: catalog first (pipelines are locked before deals, as everywhere), then the deal ——
  const target = plan ? await applyTarget(ctx, plan, tx) : null;
  const accounts = item.associatedAccounts;
  const companyIds = accounts ? await orLostRace(() => resolveRecotapAccounts({ ctx, input: { accounts }, tx })) : [];
  let dealId: number;
  if (existing) {
    const changes: UpdateDealBody = { name: item.name };
    if (value !== undefined) changes.value = value;
    if (item.dealCurrencyCode !== undefined) changes.currency = item.dealCurrencyCode;
    if (item.closedDate !== undefined) changes.expected_close = item.closedDate;
    if (target) {
      changes.stage_id = target.id;
      changes.pipeline_id = target.pipelineId;
    }
    if (owner) changes.owner_id = owner.ownerId;
    if (existing.companyId === null && companyIds[0] !== undefined) changes.company_id = companyIds[0];
    // undefined leaves a sync field alone; a matched owner (externalOwner null) clears the kept one
    const sync = { startedAt: item.startDate, externalOwner: owner?.externalOwner };
    await updateDeal({ ctx, input: { dealId: existing.id, changes, sync }, tx });
    dealId = existing.id;
  } else {
    if (!target) throw new AppError('internal', 'A new deal needs a stage.');
    const deal = await orLostRace(() =>
      createDeal({
        ctx,
        externalSource: RECOTAP_EXTERNAL_SOURCE,
        input: {
          name: item.name,
          pipeline_id: target.pipelineId,
          stage_id: target.id,
          value,
          currency,
          expected_close: item.closedDate,
          // why: a synced deal belongs to its owner in the source system, never to whoever holds the
          // API key — without a matched owner it is unassigned (createDeal's rule for a sync)
          ...(owner?.ownerId != null ? { owner_id: owner.ownerId } : {}),
          company_id: companyIds[0],
          external_id: item.externalDealId,
        },
        sync: { startedAt: item.startDate ?? null, externalOwner: owner?.externalOwner ?? null },
        tx,
      }),
    );
    dealId = deal.id;
  }
  // a company deleted (by someone else) since we matched it stays unlinked, as the document allows
  if (companyIds.length > 0) await linkRecordsToDeal({ ctx, input: { dealId, companyIds }, tx });
}

/**
 * The deal's owner: the user with ownerEmail (case-insensitive), else the user whose public ID is
 * ownerId; when neither matches, unassigned with the given owner fields kept on the deal.
 * undefined when no owner field was sent (an existing deal keeps its owner).
 */
async function resolveOwner(item: RecotapDealItem, tx: Tx): Promise<{ ownerId: number | null; externalOwner: ExternalOwner | null } | undefined> {
  if (item.ownerEmail === undefined && item.ownerId === undefined && item.ownerName === undefined) return undefined;
  let userId: number | null = null;
  if (item.ownerEmail) {
    const user = await tx.user.findFirst({ where: { email: { equals: item.ownerEmail, mode: 'insensitive' } }, select: { id: true } });
    userId = user?.id ?? null;
  }
  // why only a public user ID: a source system's own rep IDs ("rep-123", "24") must never be taken
  // for Dealboard's integer user IDs, or a deal would land on the wrong person
  const publicUserId = item.ownerId ? fromPublicId('user', item.ownerId) : null;
  if (userId === null && publicUserId !== null) {
    const user = await tx.user.findUnique({ where: { id: publicUserId }, select: { id: true } });
    userId = user?.id ?? null;
  }
  if (userId !== null) return { ownerId: userId, externalOwner: null };
  return { ownerId: null, externalOwner: { name: item.ownerName ?? null, email: item.ownerEmail ?? null, id: item.ownerId ?? null } };
}

type TargetPlan =
  | { kind: 'stage'; stageId: number; pipelineId: number }
  | { kind: 'newStage'; pipelineId: number; externalId: string; name: string }
  | { kind: 'newPipeline'; externalId: string; name: string; stage: { externalId: string; name: string } };

/**
 * Where the deal goes, read-only. pipelineId/stageId are external IDs (Pipeline.externalId, and
 * Stage.externalId within that pipeline); an unknown one is created from its label, else the deal
 * fails. Without pipelineId: the deal's current pipeline, or the default one for a new deal.
 * Without stageId: an existing deal stays in its stage (unless it changes pipeline), a new one
 * starts in the pipeline's first stage. null: no move.
 */
async function planTarget(item: RecotapDealItem, existing: ExistingDeal | null, tx: Tx): Promise<TargetPlan | null> {
  let pipelineId: number;
  if (item.pipelineId !== undefined) {
    const pipeline = await tx.pipeline.findUnique({ where: { externalId: item.pipelineId }, select: { id: true, deletedAt: true } });
    if (pipeline?.deletedAt) throw new AppError('conflict', `Pipeline ${item.pipelineId} was deleted in Dealboard; its pipelineId stays reserved.`);
    if (!pipeline) {
      if (!item.pipelineLabel) {
        throw new AppError(
          'unprocessable',
          `Unknown pipelineId "${item.pipelineId}": send pipelineLabel to create it, or push it first with POST /deal-stages.`,
        );
      }
      if (!item.stageId || !item.stageLabel) {
        throw new AppError('unprocessable', `Pipeline "${item.pipelineId}" is new: send stageId and stageLabel for the stage this deal is in.`);
      }
      return { kind: 'newPipeline', externalId: item.pipelineId, name: item.pipelineLabel, stage: { externalId: item.stageId, name: item.stageLabel } };
    }
    pipelineId = pipeline.id;
  } else if (existing) {
    pipelineId = existing.pipelineId;
  } else {
    const fallback = await tx.pipeline.findFirst({ where: { isDefault: true, deletedAt: null }, select: { id: true } });
    if (!fallback) throw new AppError('unprocessable', 'There is no default pipeline: send pipelineId (and pipelineLabel to create it).');
    pipelineId = fallback.id;
  }
  const where = item.pipelineId ? ` in pipeline "${item.pipelineId}"` : existing ? ' in the deal’s pipeline' : ' in the default pipeline';
  if (item.stageId !== undefined) {
    const stage = await tx.stage.findUnique({
      where: { pipelineId_externalId: { pipelineId, externalId: item.stageId } },
      select: { id: true, deletedAt: true },
    });
    if (stage?.deletedAt) throw new AppError('conflict', `Stage ${item.stageId}${where} was deleted in Dealboard; its stageId stays reserved.`);
    if (stage) return { kind: 'stage', stageId: stage.id, pipelineId };
    if (!item.stageLabel) throw new AppError('unprocessable', `Unknown stageId "${item.stageId}"${where}: send stageLabel to create it.`);
    return { kind: 'newStage', pipelineId, externalId: item.stageId, name: item.stageLabel };
  }
  if (existing && existing.pipelineId === pipelineId) return null;
  const first = await tx.stage.findFirst({ where: { pipelineId, deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true } });
  if (!first) throw new AppError('unprocessable', `The pipeline has no stages: send stageId and stageLabel.`);
  return { kind: 'stage', stageId: first.id, pipelineId };
}

/**
 * Creates what the plan names (a stage, or a pipeline with its first stage) with the native services
 * and their rules; answers the stage. A 409 here means a concurrent sync created it first.
 */
async function applyTarget(ctx: ServiceContext, plan: TargetPlan, tx: Tx): Promise<{ id: number; pipelineId: number }> {
  switch (plan.kind) {
    case 'stage':
      return { id: plan.stageId, pipelineId: plan.pipelineId };
    case 'newStage': {
      const stage = await orLostRace(() =>
        createStage({ ctx, input: { pipelineId: plan.pipelineId, stage: { name: plan.name, externalId: plan.externalId } }, tx }),
      );
      return { id: stage.id, pipelineId: stage.pipelineId };
    }
    case 'newPipeline': {
      const pipeline = await orLostRace(() =>
        createPipeline({
          ctx,
          input: { name: plan.name, externalId: plan.externalId, stages: [{ name: plan.stage.name, externalId: plan.stage.externalId }] },
          tx,
        }),
      );
      return { id: pipeline.stages[0]!.id, pipelineId: pipeline.id };
    }
  }
}

/** A new deal must satisfy the workspace's required custom fields, which Recotap deals cannot carry. */
async function assertCreatable(ctx: ServiceContext, tx: Tx): Promise<void> {
  const definitions = await listCustomFieldDefinitions({ ctx, tx });
  const { errors } = validateCustomFieldValues(definitions, {}, { partial: false });
  if (errors.length > 0) {
    throw new AppError(
      'validation_failed',
      `${errors.map((e) => e.message).join('; ')}: this workspace requires custom fields a synced deal does not carry.`,
      errors,
    );
  }
}
