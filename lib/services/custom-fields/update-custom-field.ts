import 'server-only';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import type { UpdateCustomFieldBody } from '../../schemas/custom-field';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { getCustomField } from './get-custom-field';
import { writeAs } from '../../change-record/change-actor';

/**
 * Changes a definition's label, options (select fields only), required flag or position (managers
 * and admins). Key and type never change (the schema refuses them). Values deals already carry are
 * left as they are; the new rules apply to the next write of each deal.
 */
export async function updateCustomField({ ctx, input }: { ctx: ServiceContext; input: { customFieldId: number; changes: UpdateCustomFieldBody } }) {
  assertCanConfigureWorkspace(ctx);
  const current = await getCustomField({ ctx, input: { customFieldId: input.customFieldId } });
  const { changes } = input;
  if (changes.options !== undefined && current.type !== 'select') {
    throw new AppError('validation_failed', 'The request body is not valid.', [
      { path: 'options', message: `Only select fields have options; this is a ${current.type} field` },
    ]);
  }
  const data: Prisma.CustomFieldDefinitionUpdateInput = {};
  if (changes.label !== undefined) data.label = changes.label;
  if (changes.options !== undefined) data.options = changes.options;
  if (changes.required !== undefined) data.required = changes.required;
  if (changes.position !== undefined) data.position = changes.position;
  const { count } = await writeAs(ctx, (tx) => tx.customFieldDefinition.updateMany({ where: { id: current.id, entity: 'deal' }, data }));
  if (count === 0) throw new AppError('not_found', 'No custom field with this ID exists.');
  return getCustomField({ ctx, input: { customFieldId: current.id } });
}
