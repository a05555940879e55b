import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { ServiceContext } from '../context';

/** One deal custom field definition, or 404. Every role may read the definitions. */
export async function getCustomField({ ctx, input }: { ctx: ServiceContext; input: { customFieldId: number } }) {
  void ctx;
  const definition = await db.customFieldDefinition.findFirst({ where: { id: input.customFieldId, entity: 'deal' } });
  if (!definition) throw customFieldNotFound();
  return definition;
}

export function customFieldNotFound(): AppError {
  return new AppError('not_found', 'No custom field with this ID exists.');
}
