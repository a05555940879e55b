'use server';

import { refresh } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import { AppError, isAppError } from '../errors';
import { fromPublicId, toPublicId, type IdKind } from '../ids';
import { createActivityBody, updateActivityBody } from '../schemas/activity';
import { listCompaniesQuery } from '../schemas/company';
import { acceptedText } from '../schemas/common';
import { listContactsQuery } from '../schemas/contact';
import { createDealBody, moveDealBody, updateDealBody } from '../schemas/deal';
import { newDealBodyFromForm, newDealFormInput, type NewDealFormData, type NewDealFormInput } from '../schemas/new-deal-form';
import { zodIssuesToDetails } from '../schemas/zod-details';
import { replaceLineItemsBody } from '../schemas/line-item';
import { createTaskBody, updateTaskBody } from '../schemas/task';
import { createActivity } from '../services/activities/create-activity';
import { deleteActivity } from '../services/activities/delete-activity';
import { updateActivity } from '../services/activities/update-activity';
import { listCompanies } from '../services/companies/list-companies';
import { listContacts } from '../services/contacts/list-contacts';
import { linkCompanyToDeal } from '../services/deal-links/link-company-to-deal';
import { linkContactToDeal } from '../services/deal-links/link-contact-to-deal';
import { unlinkCompanyFromDeal } from '../services/deal-links/unlink-company-from-deal';
import { unlinkContactFromDeal } from '../services/deal-links/unlink-contact-from-deal';
import { createDealAtTopOfStage } from '../services/board/quick-add-deal';
import { deleteDeal } from '../services/deals/delete-deal';
import { getNewDealFormData } from '../services/deals/get-new-deal-form-data';
import { listCustomFieldDefinitions } from '../services/custom-fields/list-custom-field-definitions';
import { validateCustomFieldValues, type CustomFieldType } from '../services/custom-fields/validate-custom-field-values';
import { getDealBasics } from '../services/deals/get-deal-overview';
import { moveDealToStage } from '../services/deals/move-deal-to-stage';
import { closeDeals } from '../services/deals/close-deals';
import { updateDeal } from '../services/deals/update-deal';
import { replaceDealLineItems } from '../services/line-items/replace-deal-line-items';
import { deleteTask } from '../services/tasks/delete-task';
import { updateTask } from '../services/tasks/update-task';
import { createTask } from '../services/tasks/create-task';
import { parseMajorAmount } from '../money/amount-input';
import type { SearchHit } from './search-hit';

// The deal workspace's writes. Each action is thin: parse its input with the API's own zod schemas
// (lib/schemas), act as the browser's user, call the services, refresh the page in the same
// response (refresh()), and answer the deal's version after the write, so the next write can send
// it as expectedVersion. runAction turns refusals into { ok: false, message, fieldErrors }; a
// version conflict (412) comes back with fieldErrors.version, so the page can offer a reload.

type Versioned = { version: number };

const STALE_MESSAGE = 'This deal changed since you opened it — reload to see the latest version, then make your change again.';

const versionSchema = z.number({ error: 'Reload the page and try again' }).int().positive();

function idOf(kind: IdKind, publicId: unknown, what: string): number {
  const id = typeof publicId === 'string' ? fromPublicId(kind, publicId) : null;
  if (id === null) throw new AppError('not_found', `No such ${what}.`);
  return id;
}

/** A 412 from a service, reworded for a person and marked (fieldErrors.version) for the page. */
async function guardStale<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error) && error.code === 'precondition_failed') {
      throw new AppError('precondition_failed', STALE_MESSAGE, [{ path: 'version', message: STALE_MESSAGE }]);
    }
    throw error;
  }
}

async function versionAfterWrite(dealId: number): Promise<Versioned> {
  const ctx = await getBrowserContext();
  const { version } = await getDealBasics({ ctx, input: { dealId } });
  refresh();
  return { version };
}

/** The fields the inline editors send: updateDealBody's, except `value`, typed in major units ("12,500.50"). */
export type DealFieldChanges = Omit<z.input<typeof updateDealBody>, 'value'> & { value?: string };

/** Any inline field of the deal (name, value, currency, expected close, owner, contact, company, source, status, custom fields). */
export async function updateDealFieldsAction(dealId: string, expectedVersion: number, fields: DealFieldChanges): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const version = versionSchema.parse(expectedVersion);
    const ctx = await getBrowserContext();
    const { value, ...rest } = (fields ?? {}) as DealFieldChanges;
    const changes: Record<string, unknown> = { ...rest };
    if (value !== undefined) {
      const basics = await getDealBasics({ ctx, input: { dealId: id } });
      const currency = typeof rest.currency === 'string' && /^[A-Za-z]{3}$/.test(rest.currency) ? rest.currency : basics.currency;
      const amount = parseMajorAmount(String(value), currency, { blank: null });
      if (!amount.ok) throw new AppError('validation_failed', amount.message, [{ path: 'value', message: amount.message }]);
      if (amount.value === null)
        throw new AppError('validation_failed', 'Enter the deal value', [{ path: 'value', message: 'Enter the deal value, such as 12500' }]);
      changes.value = Number(amount.value);
    }
    const body = updateDealBody.parse(changes);
    const deal = await guardStale(updateDeal({ ctx, input: { dealId: id, changes: body, expectedVersion: version } }));
    refresh();
    return { version: deal.version };
  });
}

/** The stage picker: a move with its stage-history row (source ui). */
export async function moveDealToStageAction(dealId: string, expectedVersion: number, stageId: string, reason?: string): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const version = versionSchema.parse(expectedVersion);
    const move = moveDealBody.parse({ stage_id: stageId, ...(reason?.trim() ? { reason } : {}) });
    const ctx = await getBrowserContext();
    const deal = await guardStale(moveDealToStage({ ctx, input: { dealId: id, stageId: move.stage_id, reason: move.reason, expectedVersion: version } }));
    refresh();
    return { version: deal.version };
  });
}

/**
 * Won / Lost, as on the board: into the pipeline's won (lost) stage when it has one — a stage move
 * with its history row — else the status where the deal is. Lost needs a reason whenever one can be
 * given: one of the active lost reasons, or any text when the workspace allows free text.
 */
export async function closeDealAction(
  dealId: string,
  expectedVersion: number,
  input: { outcome: 'won' | 'lost'; lossReason?: string | null },
): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const version = versionSchema.parse(expectedVersion);
    const { outcome, lossReason } = z
      .strictObject({
        outcome: z.enum(['won', 'lost']),
        lossReason: acceptedText(z.string().max(500, 'A loss reason must be at most 500 characters'), 'A loss reason').nullable().optional(),
      })
      .parse(input);
    const ctx = await getBrowserContext();
    const [deal] = await guardStale(
      closeDeals({ ctx, input: { dealIds: [id], outcome, lossReason, expectedVersion: version, lossReasonField: 'loss_reason' } }),
    );
    refresh();
    return { version: deal!.version };
  });
}

/**
 * Reopens a won or lost deal: back to `stageId` (the stage it came from) when it sits in an outcome
 * stage — a move with its history row — else status open where it is.
 */
export async function reopenDealAction(dealId: string, expectedVersion: number, stageId: string | null): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const version = versionSchema.parse(expectedVersion);
    const ctx = await getBrowserContext();
    if (stageId) {
      const move = moveDealBody.parse({ stage_id: stageId, reason: 'Reopened' });
      const deal = await guardStale(moveDealToStage({ ctx, input: { dealId: id, stageId: move.stage_id, reason: move.reason, expectedVersion: version } }));
      refresh();
      return { version: deal.version };
    }
    const deal = await guardStale(updateDeal({ ctx, input: { dealId: id, changes: updateDealBody.parse({ status: 'open' }), expectedVersion: version } }));
    refresh();
    return { version: deal.version };
  });
}

/** Saves the line items editor: the whole list replaces the deal's (PUT /deals/:id/line-items semantics). */
export async function replaceLineItemsAction(
  dealId: string,
  expectedVersion: number,
  body: z.input<typeof replaceLineItemsBody>,
): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const version = versionSchema.parse(expectedVersion);
    const input = replaceLineItemsBody.parse(body);
    const ctx = await getBrowserContext();
    // replaceDealLineItems takes no expected version: check it here (see the report; the check
    // belongs inside the service's transaction)
    const basics = await getDealBasics({ ctx, input: { dealId: id } });
    if (basics.version !== version) throw new AppError('precondition_failed', STALE_MESSAGE, [{ path: 'version', message: STALE_MESSAGE }]);
    await replaceDealLineItems({ ctx, input: { dealId: id, taxType: input.tax_type, items: input.items } });
    return versionAfterWrite(id);
  });
}

/** Logs a call, meeting, email or note on the deal. */
export async function createActivityAction(dealId: string, body: Omit<z.input<typeof createActivityBody>, 'deal_id'>): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const input = createActivityBody.parse({ ...body, deal_id: dealId });
    const ctx = await getBrowserContext();
    await createActivity({ ctx, input });
    return versionAfterWrite(id);
  });
}

/** Marks a planned activity done (or cancelled, or planned again). */
export async function setActivityStatusAction(
  dealId: string,
  activityId: string,
  status: 'planned' | 'completed' | 'cancelled',
): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const changes = updateActivityBody.parse({ status });
    const ctx = await getBrowserContext();
    await updateActivity({ ctx, input: { activityId: idOf('activity', activityId, 'activity'), changes } });
    return versionAfterWrite(id);
  });
}

/** Edits, reschedules or marks done an activity of the deal. */
export async function updateActivityAction(
  dealId: string,
  activityId: string,
  changes: Omit<z.input<typeof updateActivityBody>, 'deal_id'>,
): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const input = updateActivityBody.parse(changes);
    const ctx = await getBrowserContext();
    await updateActivity({ ctx, input: { activityId: idOf('activity', activityId, 'activity'), changes: input } });
    return versionAfterWrite(id);
  });
}

export async function deleteActivityAction(dealId: string, activityId: string): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const ctx = await getBrowserContext();
    await deleteActivity({ ctx, input: { activityId: idOf('activity', activityId, 'activity') } });
    return versionAfterWrite(id);
  });
}

/** Adds a task to the deal (assigned to the acting user unless assignee_id says otherwise). */
export async function createTaskAction(dealId: string, body: Omit<z.input<typeof createTaskBody>, 'deal_id'>): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const input = createTaskBody.parse({ ...body, deal_id: dealId });
    const ctx = await getBrowserContext();
    await createTask({ ctx, input });
    return versionAfterWrite(id);
  });
}

/** Completes or reopens a task. */
export async function setTaskStatusAction(dealId: string, taskId: string, status: 'pending' | 'completed'): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const changes = updateTaskBody.parse({ status });
    const ctx = await getBrowserContext();
    await updateTask({ ctx, input: { taskId: idOf('task', taskId, 'task'), changes } });
    return versionAfterWrite(id);
  });
}

/** Edits, reschedules or reassigns a task of the deal. */
export async function updateTaskAction(
  dealId: string,
  taskId: string,
  changes: Omit<z.input<typeof updateTaskBody>, 'deal_id'>,
): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const input = updateTaskBody.parse(changes);
    const ctx = await getBrowserContext();
    await updateTask({ ctx, input: { taskId: idOf('task', taskId, 'task'), changes: input } });
    return versionAfterWrite(id);
  });
}

export async function deleteTaskAction(dealId: string, taskId: string): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const ctx = await getBrowserContext();
    await deleteTask({ ctx, input: { taskId: idOf('task', taskId, 'task') } });
    return versionAfterWrite(id);
  });
}

export async function linkContactAction(dealId: string, contactId: string): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const ctx = await getBrowserContext();
    await linkContactToDeal({ ctx, input: { dealId: id, contactId: idOf('contact', contactId, 'contact') } });
    return versionAfterWrite(id);
  });
}

export async function unlinkContactAction(dealId: string, contactId: string): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const ctx = await getBrowserContext();
    await unlinkContactFromDeal({ ctx, input: { dealId: id, contactId: idOf('contact', contactId, 'contact') } });
    return versionAfterWrite(id);
  });
}

export async function linkCompanyAction(dealId: string, companyId: string): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const ctx = await getBrowserContext();
    await linkCompanyToDeal({ ctx, input: { dealId: id, companyId: idOf('company', companyId, 'company') } });
    return versionAfterWrite(id);
  });
}

export async function unlinkCompanyAction(dealId: string, companyId: string): Promise<ActionResult<Versioned>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const ctx = await getBrowserContext();
    await unlinkCompanyFromDeal({ ctx, input: { dealId: id, companyId: idOf('company', companyId, 'company') } });
    return versionAfterWrite(id);
  });
}

/** What the "New deal" form offers: pipelines and stages, the owners the viewer may choose, the custom fields. */
export async function newDealFormDataAction(): Promise<ActionResult<NewDealFormData>> {
  return runAction(async () => getNewDealFormData({ ctx: await getBrowserContext() }));
}

export interface CreatedDeal {
  id: string;
  name: string;
  pipelineId: string;
  stageId: string;
}

/**
 * The "New deal" form, from every page: its text becomes the API's create body, parsed by the
 * API's own schema; every problem found — the form's, the schema's and the custom fields' — comes
 * back at once by its field. Refreshes the page, so lists showing deals show this one.
 */
export async function createDealAction(raw: NewDealFormInput): Promise<ActionResult<CreatedDeal>> {
  return runAction(async () => {
    const form = newDealFormInput.parse(raw);
    const ctx = await getBrowserContext();
    const definitions = (await listCustomFieldDefinitions({ ctx })).map((d) => ({ ...d, type: d.type as CustomFieldType }));
    const { body, errors } = newDealBodyFromForm(form, definitions);
    const parsed = createDealBody.safeParse(body);
    const details = [...errors, ...(parsed.success ? [] : zodIssuesToDetails(parsed.error.issues))];
    const customFields = validateCustomFieldValues(definitions, body.custom_fields as Record<string, unknown>, { partial: false });
    for (const error of customFields.errors) if (!details.some((d) => d.path === error.path)) details.push(error);
    if (!parsed.success || details.length > 0) {
      throw new AppError('validation_failed', details.length === 1 ? details[0]!.message : `Check the ${details.length} fields marked below.`, details);
    }
    const deal = await createDealAtTopOfStage({ ctx, input: parsed.data });
    refresh();
    return {
      id: toPublicId('deal', deal.id),
      name: deal.name,
      pipelineId: toPublicId('pipeline', deal.pipelineId),
      stageId: toPublicId('stage', deal.stageId),
    };
  });
}

const SEARCH_LIMIT = 20;

/** The contact pickers: contacts whose name or email match every word of `q` (the first ones when blank). */
export async function searchContactsAction(q: string): Promise<ActionResult<SearchHit[]>> {
  return runAction(async () => {
    const input = listContactsQuery.parse({ q: typeof q === 'string' ? q.slice(0, 200) : '', limit: SEARCH_LIMIT });
    const ctx = await getBrowserContext();
    const page = await listContacts({ ctx, input });
    return page.rows.map((c) => ({ id: toPublicId('contact', c.id), name: `${c.firstName} ${c.lastName}`.trim(), detail: c.email }));
  });
}

/** The company pickers: companies whose name or domain match every word of `q`. */
export async function searchCompaniesAction(q: string): Promise<ActionResult<SearchHit[]>> {
  return runAction(async () => {
    const input = listCompaniesQuery.parse({ q: typeof q === 'string' ? q.slice(0, 200) : '', limit: SEARCH_LIMIT });
    const ctx = await getBrowserContext();
    const page = await listCompanies({ ctx, input });
    return page.rows.map((c) => ({ id: toPublicId('company', c.id), name: c.name, detail: c.domain }));
  });
}

/** Deletes the deal (its history stays for reports), then opens its pipeline's board. */
export async function deleteDealAction(dealId: string, expectedVersion: number): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('deal', dealId, 'deal');
    const version = versionSchema.parse(expectedVersion);
    const ctx = await getBrowserContext();
    const basics = await getDealBasics({ ctx, input: { dealId: id } });
    await guardStale(deleteDeal({ ctx, input: { dealId: id, expectedVersion: version } }));
    redirect(`/pipelines/${toPublicId('pipeline', basics.pipelineId)}`);
  });
}
