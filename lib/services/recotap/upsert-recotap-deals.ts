import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import { fromPublicId } from '../../ids';
import type { UpdateDealBody } from '../../schemas/deal';
import { recotapDealItem, type RecotapDealItem } from '../../schemas/recotap';
import { zodIssuesToDetails } from '../../schemas/zod-details';
import type { ServiceContext } from '../context';
import { listCustomFieldDefinitions } from '../custom-fields/list-custom-field-definitions';
import { validateCustomFieldValues } from '../custom-fields/validate-custom-field-values';
import { linkCompanyToDeal } from '../deal-links/link-company-to-deal';
import { createDeal } from '../deals/create-deal';
import { updateDeal } from '../deals/update-deal';
import { createSyncedPipelines } from './create-synced-pipelines';
import { createSyncedStage } from './create-synced-stage';
import { majorToMinorUnits } from './major-units';
import { resolveRecotapAccounts } from './resolve-recotap-accounts';
import { setDealSyncFields, type ExternalOwner } from './set-deal-sync-fields';

/** Deal.externalSource of deals keyed by Recotap's externalDealId. */
export const RECOTAP_EXTERNAL_SOURCE = 'recotap';
// the native default currency of a new deal (createDeal), named here because amounts depend on it
const DEFAULT_CURRENCY = 'USD';

export type RecotapUpsertResult =
  | { externalDealId: string | null; status: 'upserted' }
  | { externalDealId: string | null; status: 'failed'; error: string };

/**
 * Creates or updates up to 100 deals keyed by Recotap's externalDealId (Deal.externalSource
 * "recotap"), answering per deal in request order. Each deal is applied on its own: one that fails
 * never blocks the others, and a deal that fails is not written (a pipeline, stage or company it
 * created from its labels on the way stays: they are catalog entries a re-sync needs anyway).
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
    return { externalDealId: rawId, status: 'failed', error: zodIssuesToDetails(parsed.error.issues).map((d) => d.message).join('; ') };
  }
  const item = parsed.data;
  try {
    await applyItem(ctx, item, true);
    return { externalDealId: item.externalDealId, status: 'upserted' };
  } catch (error) {
    if (error instanceof AppError) return { externalDealId: item.externalDealId, status: 'failed', error: error.message };
    // our fault, not the client's: log it and report this deal alone as not applied
    console.error(error);
    return { externalDealId: item.externalDealId, status: 'failed', error: 'Something went wrong on our side; this deal was not applied.' };
  }
}

interface ExistingDeal {
  id: number;
  deletedAt: Date | null;
  currency: string;
  pipelineId: number;
  companyId: number | null;
}

async function applyItem(ctx: ServiceContext, item: RecotapDealItem, mayRetry: boolean): Promise<void> {
  // —— reads and checks: nothing is written until the deal is known to be writable ——
  const existing: ExistingDeal | null = await db.deal.findFirst({
    where: { externalSource: RECOTAP_EXTERNAL_SOURCE, externalId: item.externalDealId },
    select: { id: true, deletedAt: true, currency: true, pipelineId: true, companyId: true },
  });
  if (existing?.deletedAt) {
    throw new AppError('conflict', `Deal ${item.externalDealId} was deleted in Dealboard; its externalDealId stays reserved.`);
  }
  const owner = await resolveOwner(item);
  const currency = item.dealCurrencyCode ?? existing?.currency ?? DEFAULT_CURRENCY;
  let value: number | undefined;
  if (item.amount !== undefined) {
    const minor = majorToMinorUnits(item.amount, currency);
    if (!minor.ok) throw new AppError('validation_failed', minor.message);
    value = minor.value;
  }
  const plan = await planTarget(item, existing);
  if (!existing) await assertCreatable(ctx);

  // —— writes ——
  const target = plan ? await applyTarget(ctx, item, existing, plan) : null;
  const companyIds = item.associatedAccounts ? await resolveRecotapAccounts({ ctx, input: { accounts: item.associatedAccounts } }) : [];
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
    await updateDeal({ ctx, input: { dealId: existing.id, changes } });
    dealId = existing.id;
  } else {
    if (!target) throw new AppError('internal', 'A new deal needs a stage.');
    try {
      const deal = await createDeal({
        ctx,
        externalSource: RECOTAP_EXTERNAL_SOURCE,
        input: {
          name: item.name,
          pipeline_id: target.pipelineId,
          stage_id: target.id,
          value,
          currency,
          expected_close: item.closedDate,
          // why: a synced deal belongs to its owner in the source system, never to whoever holds the API key
          owner_id: owner?.ownerId ?? null,
          company_id: companyIds[0],
          external_id: item.externalDealId,
        },
      });
      dealId = deal.id;
    } catch (error) {
      // a concurrent sync created this deal between our read and our insert: apply it as an update
      if (error instanceof AppError && error.code === 'conflict' && mayRetry) return applyItem(ctx, item, false);
      throw error;
    }
  }
  await setDealSyncFields({ ctx, input: { dealId, startedAt: item.startDate, externalOwner: owner?.externalOwner } });
  for (const companyId of companyIds) {
    try {
      await linkCompanyToDeal({ ctx, input: { dealId, companyId } });
    } catch (error) {
      // deleted since we matched it: the account stays unlinked, as the document allows
      if (!(error instanceof AppError && error.code === 'not_found')) throw error;
    }
  }
}

/**
 * The deal's owner: the user with ownerEmail (case-insensitive), else the user whose public ID is
 * ownerId; when neither matches, unassigned with the given owner fields kept on the deal.
 * undefined when no owner field was sent (an existing deal keeps its owner).
 */
async function resolveOwner(item: RecotapDealItem): Promise<{ ownerId: number | null; externalOwner: ExternalOwner | null } | undefined> {
  if (item.ownerEmail === undefined && item.ownerId === undefined && item.ownerName === undefined) return undefined;
  let userId: number | null = null;
  if (item.ownerEmail) {
    const user = await db.user.findFirst({ where: { email: { equals: item.ownerEmail, mode: 'insensitive' } }, select: { id: true } });
    userId = user?.id ?? null;
  }
  // why only a public user ID: a source system's own rep IDs ("rep-123", "24") must never be taken
  // for Dealboard's integer user IDs, or a deal would land on the wrong person
  const publicUserId = item.ownerId ? fromPublicId('user', item.ownerId) : null;
  if (userId === null && publicUserId !== null) {
    const user = await db.user.findUnique({ where: { id: publicUserId }, select: { id: true } });
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
async function planTarget(item: RecotapDealItem, existing: ExistingDeal | null): Promise<TargetPlan | null> {
  let pipelineId: number;
  if (item.pipelineId !== undefined) {
    const pipeline = await db.pipeline.findUnique({ where: { externalId: item.pipelineId }, select: { id: true, deletedAt: true } });
    if (pipeline?.deletedAt) throw new AppError('conflict', `Pipeline ${item.pipelineId} was deleted in Dealboard; its pipelineId stays reserved.`);
    if (!pipeline) {
      if (!item.pipelineLabel) {
        throw new AppError('unprocessable', `Unknown pipelineId "${item.pipelineId}": send pipelineLabel to create it, or push it first with POST /deal-stages.`);
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
    const fallback = await db.pipeline.findFirst({ where: { isDefault: true, deletedAt: null }, select: { id: true } });
    if (!fallback) throw new AppError('unprocessable', 'There is no default pipeline: send pipelineId (and pipelineLabel to create it).');
    pipelineId = fallback.id;
  }
  const where = item.pipelineId ? ` in pipeline "${item.pipelineId}"` : existing ? ' in the deal’s pipeline' : ' in the default pipeline';
  if (item.stageId !== undefined) {
    const stage = await db.stage.findUnique({ where: { pipelineId_externalId: { pipelineId, externalId: item.stageId } }, select: { id: true, deletedAt: true } });
    if (stage?.deletedAt) throw new AppError('conflict', `Stage ${item.stageId}${where} was deleted in Dealboard; its stageId stays reserved.`);
    if (stage) return { kind: 'stage', stageId: stage.id, pipelineId };
    if (!item.stageLabel) throw new AppError('unprocessable', `Unknown stageId "${item.stageId}"${where}: send stageLabel to create it.`);
    return { kind: 'newStage', pipelineId, externalId: item.stageId, name: item.stageLabel };
  }
  if (existing && existing.pipelineId === pipelineId) return null;
  const first = await db.stage.findFirst({ where: { pipelineId, deletedAt: null }, orderBy: [{ position: 'asc' }, { id: 'asc' }], select: { id: true } });
  if (!first) throw new AppError('unprocessable', `The pipeline has no stages: send stageId and stageLabel.`);
  return { kind: 'stage', stageId: first.id, pipelineId };
}

/** Creates what the plan names (a stage, or a pipeline with its first stage); answers the stage. */
async function applyTarget(ctx: ServiceContext, item: RecotapDealItem, existing: ExistingDeal | null, plan: TargetPlan): Promise<{ id: number; pipelineId: number }> {
  switch (plan.kind) {
    case 'stage':
      return { id: plan.stageId, pipelineId: plan.pipelineId };
    case 'newStage':
      return createSyncedStage({ ctx, input: { pipelineId: plan.pipelineId, externalId: plan.externalId, name: plan.name } });
    case 'newPipeline':
      try {
        const [created] = await createSyncedPipelines({ ctx, input: { pipelines: [{ externalId: plan.externalId, name: plan.name, stages: [plan.stage] }] } });
        return { id: created!.stageIds[0]!, pipelineId: created!.id };
      } catch (error) {
        // a concurrent sync created this pipeline first: plan again against it
        if (!(error instanceof AppError && error.code === 'conflict')) throw error;
        const again = await planTarget(item, existing);
        if (!again || again.kind === 'newPipeline') throw error;
        return applyTarget(ctx, item, existing, again);
      }
  }
}

/** A new deal must satisfy the workspace's required custom fields, which Recotap deals cannot carry. */
async function assertCreatable(ctx: ServiceContext): Promise<void> {
  const definitions = await listCustomFieldDefinitions({ ctx });
  const { errors } = validateCustomFieldValues(definitions, {}, { partial: false });
  if (errors.length > 0) {
    throw new AppError('validation_failed', `${errors.map((e) => e.message).join('; ')}: this workspace requires custom fields a synced deal does not carry.`, errors);
  }
}
