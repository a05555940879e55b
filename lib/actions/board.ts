'use server';

import { getBrowserContext } from '../auth/get-browser-context';
import { AppError, type ErrorDetail } from '../errors';
import { customFieldValueFromDraft } from '../schemas/new-deal-form';
import { listCustomFieldDefinitions } from '../services/custom-fields/list-custom-field-definitions';
import type { CustomFieldType } from '../services/custom-fields/validate-custom-field-values';
import { toPublicId } from '../ids';
import type { BoardCard } from '../services/board/board-card';
import { closeDeals } from '../services/deals/close-deals';
import { moveDealToStage } from '../services/deals/move-deal-to-stage';
import { getBoardCard } from '../services/board/list-stage-cards';
import { quickAddDeal } from '../services/board/quick-add-deal';
import type { BoardPreferences } from '../services/users/board-preferences';
import { updateBoardPreferences } from '../services/users/update-board-preferences';
import {
  closeDealOnBoardInput,
  moveDealOnBoardInput,
  quickAddDealInput,
  setStageCollapsedInput,
  type CloseDealOnBoardInput,
  type MoveDealOnBoardInput,
  type QuickAddDealInput,
  type SetStageCollapsedInput,
} from './board-inputs';
import { runAction, type ActionResult } from './run-action';

// The board's writes. Each action is thin: parse, act as the browser's user, call one service,
// answer the deal as the board shows it. runAction turns refusals into { ok: false, message }.

async function cardOf(ctx: Awaited<ReturnType<typeof getBrowserContext>>, dealId: number): Promise<BoardCard> {
  const card = await getBoardCard({ ctx, input: { dealId } });
  if (!card) throw new AppError('not_found', `No deal with ID ${toPublicId('deal', dealId)} exists.`);
  return card;
}

/** The quick-add's custom field text as values; a draft that is no value (a word for a number) is refused by its field. */
async function customFieldValuesFromDrafts(
  ctx: Awaited<ReturnType<typeof getBrowserContext>>,
  drafts: Record<string, string>,
): Promise<Record<string, unknown>> {
  const definitions = new Map((await listCustomFieldDefinitions({ ctx })).map((d) => [d.key, { key: d.key, type: d.type as CustomFieldType }]));
  const values: Record<string, unknown> = {};
  const errors: ErrorDetail[] = [];
  for (const [key, draft] of Object.entries(drafts)) {
    const definition = definitions.get(key);
    // an unknown key goes on as text: the service names it
    const parsed = definition ? customFieldValueFromDraft(definition, draft) : { ok: true as const, value: draft };
    if (parsed.ok) values[key] = parsed.value;
    else errors.push({ path: `custom_fields.${key}`, message: parsed.message });
  }
  if (errors.length > 0) throw new AppError('validation_failed', errors.map((e) => e.message).join('; '), errors);
  return values;
}

/** Drag and drop, and the "Move to stage…" menu: a stage move between two visible neighbours. */
export async function moveDealOnBoardAction(raw: MoveDealOnBoardInput): Promise<ActionResult<BoardCard>> {
  return runAction(async () => {
    const input = moveDealOnBoardInput.parse(raw);
    const ctx = await getBrowserContext();
    const deal = await moveDealToStage({ ctx, input });
    return cardOf(ctx, deal.id);
  });
}

/** The Won / Lost drop targets and menu items. */
export async function closeDealOnBoardAction(raw: CloseDealOnBoardInput): Promise<ActionResult<BoardCard>> {
  return runAction(async () => {
    const input = closeDealOnBoardInput.parse(raw);
    const ctx = await getBrowserContext();
    const { dealId, outcome, lossReason, expectedVersion } = input;
    const [deal] = await closeDeals({ ctx, input: { dealIds: [dealId], outcome, lossReason, expectedVersion, lossReasonField: 'loss_reason' } });
    return cardOf(ctx, deal!.id);
  });
}

/** The quick-add form at the top of a column. */
export async function quickAddDealAction(raw: QuickAddDealInput): Promise<ActionResult<BoardCard>> {
  return runAction(async () => {
    const { customFields: drafts, ...input } = quickAddDealInput.parse(raw);
    const ctx = await getBrowserContext();
    const deal = await quickAddDeal({ ctx, input: { ...input, customFields: drafts && (await customFieldValuesFromDrafts(ctx, drafts)) } });
    return cardOf(ctx, deal.id);
  });
}

/** Collapsing or expanding a column, remembered for the user. */
export async function setStageCollapsedAction(raw: SetStageCollapsedInput): Promise<ActionResult<BoardPreferences>> {
  return runAction(async () => {
    const input = setStageCollapsedInput.parse(raw);
    const ctx = await getBrowserContext();
    return updateBoardPreferences({ ctx, input });
  });
}
