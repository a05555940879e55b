import 'server-only';
import { db } from '../../db';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';

/**
 * Every deal custom field definition, by (position, id): what `validateCustomFieldValues` checks
 * against. Pass `tx` when calling from inside a transaction: the embedded database has a single
 * connection, so a query outside the open transaction would wait for it forever.
 */
export async function listCustomFieldDefinitions({ ctx, tx }: { ctx: ServiceContext; tx?: Prisma.TransactionClient }) {
  void ctx; // every role may read the definitions
  return (tx ?? db).customFieldDefinition.findMany({ where: { entity: 'deal' }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
}
