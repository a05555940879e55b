import 'server-only';
import { db, type Prisma } from '../../../db';
import { AppError, type ErrorDetail } from '../../../errors';
import type { ConcordBillableInput, ConcordStatus } from '../schemas';
import type { CreateDealBody, UpdateDealBody } from '../../../schemas/deal';
import { lockDeals } from '../../../services/activities/activity-rules';
import type { ServiceContext } from '../../../services/context';
import { assertMayChangeDeal } from '../../../services/deals/assert-may-change-deal';
import { createDeal } from '../../../services/deals/create-deal';
import { statusInStage } from '../../../deal-lifecycle/stage-rules';
import { findLiveStage, type TargetStage } from '../../../services/deals/resolve-deal-references';
import { updateDeal } from '../../../services/deals/update-deal';
import { validateDealExtras } from '../../../services/deals/validate-deal-extras';
import { recordLineItemsReplaced, replaceDealLineItems, type LineItemsBefore } from '../../../services/line-items/replace-deal-line-items';
import { createProduct } from '../../../services/products/create-product';
import { changeDealAssociations } from './change-deal-associations';
import { majorToMinor } from './concord-numbers';
import { planConcordBillable, type BillablePlan } from './plan-concord-billable';
import { setChangeActor } from '../../../change-record/change-actor';

// Concord's deal writes translated into the native services: createDeal / updateDeal for the deal,
// replaceDealLineItems for its products (the amount follows their total), createProduct for products
// named but not in the catalog, changeDealAssociations for contacts and companies. Each request is one
// transaction through every service it calls: it is written whole or not at all. The deal's fields
// are checked first, all at once, so one 422 names every bad field as Concord does.

type Tx = Prisma.TransactionClient;

// a deal with up to 100 products and their catalog entries: room beyond Prisma's 5 s default
const TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: 10_000 };

/** A Concord deal body after parsing (snake_case as in the document; money still major-unit text). */
export interface ConcordDealFields {
  name?: string;
  stage_id?: number;
  pipeline_id?: number;
  amount?: string | null;
  currency?: string;
  expected_close_date?: Date | null;
  user_id?: number | null;
  status?: ConcordStatus;
  lost_reason?: string | null;
  billable?: ConcordBillableInput | null;
  contacts?: number[];
  companies?: number[];
  /** custom field values by key (the body's other keys) */
  custom_fields?: Record<string, unknown>;
}

type Status = 'open' | 'won' | 'lost' | 'stalled';

/** Creates a deal from a Concord body, with its products and associations, in one transaction; answers its ID. */
export async function createConcordDeal({
  ctx,
  input,
}: {
  ctx: ServiceContext;
  input: ConcordDealFields & { name: string; stage_id: number };
}): Promise<number> {
  return db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const problems: ErrorDetail[] = [];
    const currency = input.currency ?? 'USD';
    const stage = await checkStage(tx, input.stage_id, input.pipeline_id, problems);
    await checkReferences(tx, input, problems);
    const amount = convertAmount(input.amount, currency, problems);
    const status = stage ? statusOrProblem(() => statusInStage(stage, input.status, null, false), problems) : undefined;
    if (problems.length > 0) throw invalid(problems);
    // the lost reason applies to a lost deal; Concord ignores it otherwise
    const lossReason = status === 'lost' ? (input.lost_reason ?? undefined) : undefined;
    // the deal's own rules before its products', as Concord answers them
    await validateDealExtras({ ctx, status: status!, lossReason, customFields: input.custom_fields, partial: false, existingCustomFields: {}, tx });
    const plan = input.billable
      ? await planConcordBillable({
          ctx,
          input: { currency, currentTaxType: 'exclusive', existing: [], billable: input.billable, pathPrefix: 'billable.' },
          tx,
        })
      : null;

    await createCatalogProducts(ctx, plan, tx);
    const contacts = [...new Set(input.contacts ?? [])];
    const companies = [...new Set(input.companies ?? [])];
    const body: CreateDealBody = {
      name: input.name,
      pipeline_id: stage!.pipelineId,
      stage_id: stage!.id,
      // with products the amount is their total (Concord: "not applicable when the deal has products")
      value: plan !== null && plan.items.length > 0 ? Number(plan.total) : Number(amount ?? 0n),
      currency,
      status: input.status,
      expected_close: input.expected_close_date,
      owner_id: input.user_id,
      loss_reason: lossReason,
      custom_fields: input.custom_fields,
      // the first contact and company are the deal's primary ones (shown on the board card)
      contact_id: contacts[0],
      company_id: companies[0],
    };
    const dealId = (await createDeal({ ctx, input: body, tx })).id;
    const lines =
      plan && (plan.items.length > 0 || input.billable?.tax_type !== undefined)
        ? await replaceDealLineItems({ ctx, input: { dealId, taxType: plan.taxType, items: plan.items }, tx })
        : null;
    if (contacts.length > 1 || companies.length > 1) {
      await changeDealAssociations({ ctx, input: { dealId, mode: 'attach', contacts: contacts.slice(1), companies: companies.slice(1) }, tx });
    }
    // last: the event takes the change record's lock until commit
    if (lines) await recordLineItemsReplaced(tx, lines.before);
    return dealId;
  }, TRANSACTION_OPTIONS);
}

/**
 * Changes the fields a Concord PUT sends; contacts/companies, when sent, become the deal's complete
 * lists. One transaction, with the deal row locked before it is read: products sent are merged into
 * the lines as they are, and a concurrent change of the deal waits instead of being overwritten.
 */
export async function updateConcordDeal({ ctx, input }: { ctx: ServiceContext; input: { dealId: number; changes: ConcordDealFields } }): Promise<void> {
  const { changes } = input;
  await db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const current = await lockAndReadDeal(ctx, tx, input.dealId);
    const problems: ErrorDetail[] = [];
    let target: TargetStage | null = null;
    if (changes.stage_id !== undefined) target = await checkStage(tx, changes.stage_id, changes.pipeline_id, problems);
    else if (changes.pipeline_id !== undefined && changes.pipeline_id !== current.stage.pipelineId) {
      problems.push({
        path: 'pipeline_id',
        message: 'The :attribute field must be the pipeline of the deal’s stage; send stage_id to move the deal to another pipeline.',
      });
    }
    await checkReferences(tx, changes, problems);
    const currency = changes.currency ?? current.currency;
    const moving = target !== null && target.id !== current.stage.id;
    const status = statusOrProblem(
      () =>
        moving
          ? statusInStage(target!, changes.status, current.status, current.stage.outcome !== null)
          : statusInStage(current.stage, changes.status, current.status, false),
      problems,
    );
    if (problems.length > 0) throw invalid(problems);

    const plan = changes.billable
      ? await planConcordBillable({
          ctx,
          input: { currency, currentTaxType: current.taxType, existing: current.lineItems, billable: changes.billable, pathPrefix: 'billable.' },
          tx,
        })
      : null;
    const hasLinesAfter = plan ? plan.items.length > 0 : current.lineItems.length > 0;
    if (currency !== current.currency && hasLinesAfter) {
      problems.push({
        path: 'currency',
        message: 'The deal has products priced in its currency; remove them (billable.removed_products) before changing the :attribute.',
      });
    }
    // checked even when it does not apply: Concord's amount is "not applicable when the deal has products" (it is their total)
    const sentAmount = changes.amount !== undefined ? convertAmount(changes.amount ?? '0', currency, problems) : undefined;
    const amount = hasLinesAfter ? undefined : sentAmount;
    if (problems.length > 0) throw invalid(problems);
    const lossReason = changes.lost_reason !== undefined && status === 'lost' ? changes.lost_reason : undefined;
    await validateDealExtras({
      ctx,
      status: status!,
      lossReason,
      customFields: changes.custom_fields,
      partial: true,
      existingCustomFields: (current.customFields ?? {}) as Record<string, unknown>,
      tx,
    });

    const dealChanges: UpdateDealBody = {};
    if (changes.name !== undefined) dealChanges.name = changes.name;
    if (changes.stage_id !== undefined) dealChanges.stage_id = changes.stage_id;
    if (amount !== undefined) dealChanges.value = Number(amount);
    if (changes.currency !== undefined) dealChanges.currency = changes.currency;
    if (changes.expected_close_date !== undefined) dealChanges.expected_close = changes.expected_close_date;
    if (changes.user_id !== undefined) dealChanges.owner_id = changes.user_id;
    if (changes.status !== undefined) dealChanges.status = changes.status;
    if (lossReason !== undefined) dealChanges.loss_reason = lossReason;
    if (changes.custom_fields !== undefined && Object.keys(changes.custom_fields).length > 0) dealChanges.custom_fields = changes.custom_fields;

    // products first: removing the last one frees the amount for the update after it
    const linesBefore = plan ? await applyBillablePlan(ctx, { dealId: input.dealId, plan, readVersion: current.version }, tx) : null;
    if (Object.keys(dealChanges).length > 0) await updateDeal({ ctx, input: { dealId: input.dealId, changes: dealChanges }, tx });
    if (changes.contacts !== undefined || changes.companies !== undefined) {
      // contacts and companies only: no activity is locked after the deal (see changeDealAssociations)
      await changeDealAssociations({ ctx, input: { dealId: input.dealId, mode: 'sync', contacts: changes.contacts, companies: changes.companies }, tx });
    }
    // last: the event takes the change record's lock until commit
    if (linesBefore) await recordLineItemsReplaced(tx, linesBefore);
  }, TRANSACTION_OPTIONS);
}

/**
 * POST /deals/{id}/billable: adds and updates the products sent, removes removed_products; the amount
 * follows. One transaction, the deal row locked before its lines are read and merged.
 */
export async function saveConcordBillable({ ctx, input }: { ctx: ServiceContext; input: { dealId: number; billable: ConcordBillableInput } }): Promise<void> {
  await db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const current = await lockAndReadDeal(ctx, tx, input.dealId);
    const plan = await planConcordBillable({
      ctx,
      input: { currency: current.currency, currentTaxType: current.taxType, existing: current.lineItems, billable: input.billable, pathPrefix: '' },
      tx,
    });
    // last: the event takes the change record's lock until commit
    await recordLineItemsReplaced(tx, await applyBillablePlan(ctx, { dealId: input.dealId, plan, readVersion: current.version }, tx));
  }, TRANSACTION_OPTIONS);
}

/**
 * Locks the (not deleted) deal's row for the transaction, then reads what a merge starts from: its
 * fields, stage and lines. No one changes the deal until we are done, so the lines we merge into
 * are the lines we replace. 404 for an unknown or deleted deal, 403 for one the user may not change.
 */
async function lockAndReadDeal(ctx: ServiceContext, tx: Tx, dealId: number) {
  const locked = await lockDeals(tx, [dealId]);
  const current = !locked.has(dealId)
    ? null
    : await tx.deal.findFirst({
        where: { id: dealId, deletedAt: null },
        select: {
          id: true,
          version: true,
          status: true,
          currency: true,
          taxType: true,
          customFields: true,
          ownerId: true,
          stage: { select: { id: true, pipelineId: true, name: true, probability: true, outcome: true } },
          lineItems: { orderBy: [{ position: 'asc' }, { id: 'asc' }] },
        },
      });
  if (!current) throw new AppError('not_found', `No deal with ID ${dealId} exists.`);
  await assertMayChangeDeal(ctx, current, tx);
  return current;
}

/**
 * Adds the plan's new catalog products, then saves the deal's lines, in the caller's transaction.
 * `readVersion`: the deal version the plan was made from; replaceDealLineItems refuses (412) to
 * save over any other, so lines changed since they were read are never overwritten.
 */
async function applyBillablePlan(ctx: ServiceContext, input: { dealId: number; plan: BillablePlan; readVersion: number }, tx: Tx): Promise<LineItemsBefore> {
  const { dealId, plan, readVersion } = input;
  await createCatalogProducts(ctx, plan, tx);
  const replaced = await replaceDealLineItems({ ctx, input: { dealId, taxType: plan.taxType, items: plan.items, expectedVersion: readVersion }, tx });
  // the caller records the change at the end of its transaction
  return replaced.before;
}

/** Creates the catalog products a plan needs (createProduct checks the permission) and links their items. */
async function createCatalogProducts(ctx: ServiceContext, plan: BillablePlan | null, tx: Tx): Promise<void> {
  for (const pending of plan?.newProducts ?? []) {
    const product = await createProduct({ ctx, input: pending.input, tx });
    for (const index of pending.itemIndexes) plan!.items[index]!.product_id = product.id;
  }
}

async function checkStage(tx: Tx, stageId: number, pipelineId: number | undefined, problems: ErrorDetail[]): Promise<TargetStage | null> {
  const stage = await findLiveStage(stageId, tx);
  if (!stage) problems.push({ path: 'stage_id', message: 'The selected :attribute is invalid.' });
  else if (pipelineId !== undefined && pipelineId !== stage.pipelineId) {
    problems.push({ path: 'pipeline_id', message: `The :attribute field must be the stage's pipeline (${stage.pipelineId}).` });
  }
  return stage;
}

/** The owner, contacts and companies must exist (not deleted): 422 naming each bad one. */
async function checkReferences(tx: Tx, input: ConcordDealFields, problems: ErrorDetail[]): Promise<void> {
  const contacts = [...new Set(input.contacts ?? [])];
  const companies = [...new Set(input.companies ?? [])];
  const [owner, liveContacts, liveCompanies] = await Promise.all([
    input.user_id == null ? 1 : tx.user.count({ where: { id: input.user_id } }),
    contacts.length === 0 ? [] : tx.contact.findMany({ where: { id: { in: contacts }, deletedAt: null }, select: { id: true } }),
    companies.length === 0 ? [] : tx.company.findMany({ where: { id: { in: companies }, deletedAt: null }, select: { id: true } }),
  ]);
  if (!owner) problems.push({ path: 'user_id', message: 'The selected :attribute is invalid.' });
  const contactIds = new Set(liveContacts.map((c) => c.id));
  const companyIds = new Set(liveCompanies.map((c) => c.id));
  (input.contacts ?? []).forEach((id, i) => {
    if (!contactIds.has(id)) problems.push({ path: `contacts.${i}`, message: 'The selected :attribute is invalid.' });
  });
  (input.companies ?? []).forEach((id, i) => {
    if (!companyIds.has(id)) problems.push({ path: `companies.${i}`, message: 'The selected :attribute is invalid.' });
  });
}

function convertAmount(amount: string | null | undefined, currency: string, problems: ErrorDetail[]): bigint | undefined {
  if (amount === undefined) return undefined;
  if (amount === null) return 0n;
  const minor = majorToMinor(amount, currency);
  if (!minor.ok) {
    problems.push({ path: 'amount', message: minor.message });
    return undefined;
  }
  return minor.value;
}

/** The status a deal will have (lib/deal-lifecycle/stage-rules.ts), or a problem when its stage decides otherwise. */
function statusOrProblem(decide: () => Status, problems: ErrorDetail[]): Status | undefined {
  try {
    return decide();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    problems.push(...error.details);
    return undefined;
  }
}

function invalid(problems: ErrorDetail[]): AppError {
  return new AppError('unprocessable', 'The deal cannot be saved; nothing was changed.', problems);
}
