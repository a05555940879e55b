import 'server-only';
import { db } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';

/** Every deal custom field definition, by (position, id): what `validateCustomFieldValues` checks against. */
export async function listCustomFieldDefinitions({ ctx, tx }: { ctx: ServiceContext; tx?: Prisma.TransactionClient }) {
  void ctx; // every role may read the definitions
  // inside a caller's transaction, read through it: on embedded PGlite a query outside an open
  // transaction waits for it to end
  return (tx ?? db).customFieldDefinition.findMany({ where: { entity: 'deal' }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
}
