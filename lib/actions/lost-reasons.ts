'use server';

import { refresh } from 'next/cache';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import { toPublicId } from '../ids';
import { createLostReasonBody, updateLostReasonBody, updateLostReasonSettingsBody } from '../schemas/lost-reason';
import { createLostReason } from '../services/lost-reasons/create-lost-reason';
import { deleteLostReason } from '../services/lost-reasons/delete-lost-reason';
import { updateLostReason } from '../services/lost-reasons/update-lost-reason';
import { updateLostReasonSettings } from '../services/settings/lost-reason-settings';
import { idOf } from './action-input';

// The lost-reason list's writes and the free-text setting: the API's schemas parse, one service
// call each, and the page refreshes in the same response.

export async function createLostReasonAction(label: string): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const body = createLostReasonBody.parse({ label });
    const ctx = await getBrowserContext();
    const reason = await createLostReason({ ctx, input: body });
    refresh();
    return { id: toPublicId('lostReason', reason.id) };
  });
}

/** Relabel, (de)activate, or move a reason (zero-based position). */
export async function updateLostReasonAction(
  lostReasonId: string,
  changes: { label?: string; active?: boolean; position?: number },
): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('lostReason', lostReasonId, 'lost reason');
    const body = updateLostReasonBody.parse(changes ?? {});
    const ctx = await getBrowserContext();
    await updateLostReason({ ctx, input: { lostReasonId: id, changes: body } });
    refresh();
    return null;
  });
}

/** Deals lost for this reason keep its text. */
export async function deleteLostReasonAction(lostReasonId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('lostReason', lostReasonId, 'lost reason');
    const ctx = await getBrowserContext();
    await deleteLostReason({ ctx, input: { lostReasonId: id } });
    refresh();
    return null;
  });
}

/** Whether reps may type a reason of their own (false: only an active reason from the list). */
export async function setAllowFreeTextAction(allowFreeText: boolean): Promise<ActionResult<{ allowFreeText: boolean }>> {
  return runAction(async () => {
    const body = updateLostReasonSettingsBody.parse({ allow_free_text: allowFreeText });
    const ctx = await getBrowserContext();
    const settings = await updateLostReasonSettings({ ctx, input: { allowFreeText: body.allow_free_text } });
    refresh();
    return settings;
  });
}
