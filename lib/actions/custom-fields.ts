'use server';

import { refresh } from 'next/cache';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import { toPublicId } from '../ids';
import { createCustomFieldBody, updateCustomFieldBody } from '../schemas/custom-field';
import { createCustomField } from '../services/custom-fields/create-custom-field';
import { deleteCustomField } from '../services/custom-fields/delete-custom-field';
import { updateCustomField } from '../services/custom-fields/update-custom-field';
import { idOf } from './action-input';

// The custom deal fields' writes: the form's options (one per line) become the API's list, the
// API's schema parses the body, one service call, and the page refreshes in the same response.

/** A field definition as the form holds it; `options` is one option per line (select fields). */
export type CustomFieldFormValues = { label: string; key: string; type: string; options: string; required: boolean };

function optionsOf(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

export async function createCustomFieldAction(values: CustomFieldFormValues): Promise<ActionResult<{ id: string }>> {
  return runAction(async () => {
    const body = createCustomFieldBody.parse({
      label: values?.label,
      key: values?.key?.trim(),
      type: values?.type,
      ...(values?.type === 'select' ? { options: optionsOf(values.options) } : {}),
      required: values?.required === true,
    });
    const ctx = await getBrowserContext();
    const field = await createCustomField({ ctx, input: body });
    refresh();
    return { id: toPublicId('customField', field.id) };
  });
}

/** Label, required flag, and (select fields) options; key and type never change. */
export async function updateCustomFieldAction(
  customFieldId: string,
  values: Pick<CustomFieldFormValues, 'label' | 'options' | 'required'> & { isSelect: boolean },
): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('customField', customFieldId, 'custom field');
    const body = updateCustomFieldBody.parse({
      label: values?.label,
      required: values?.required === true,
      ...(values?.isSelect ? { options: optionsOf(values.options) } : {}),
    });
    const ctx = await getBrowserContext();
    await updateCustomField({ ctx, input: { customFieldId: id, changes: body } });
    refresh();
    return null;
  });
}

/** Deletes the definition and erases its values from every deal. */
export async function deleteCustomFieldAction(customFieldId: string): Promise<ActionResult<null>> {
  return runAction(async () => {
    const id = idOf('customField', customFieldId, 'custom field');
    const ctx = await getBrowserContext();
    await deleteCustomField({ ctx, input: { customFieldId: id } });
    refresh();
    return null;
  });
}
