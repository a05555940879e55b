import 'server-only';
import { hotQuery } from '../../database/hot-query';
import { Prisma as P, type CustomFieldDefinition, type Prisma } from '../../generated/prisma/client';
import type { ServiceContext } from '../context';

/**
 * Every deal custom field definition, by (position, id): what `validateCustomFieldValues` checks
 * against. Pass `tx` when calling from inside a transaction: the embedded database has a single
 * connection, so a query outside the open transaction would wait for it forever.
 */
export async function listCustomFieldDefinitions({ ctx, tx }: { ctx: ServiceContext; tx?: Prisma.TransactionClient }) {
  void ctx; // every role may read the definitions
  if (!tx) {
    // every deal create reads them: the API's hot path (a prepared statement on PostgreSQL)
    return hotQuery<CustomFieldDefinition>(P.sql`
      SELECT id, entity, key, label, type::text AS type, options, required, position, created_at AS "createdAt", updated_at AS "updatedAt"
      FROM custom_field_definitions WHERE entity = 'deal' ORDER BY position, id`);
  }
  return tx.customFieldDefinition.findMany({ where: { entity: 'deal' }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
}
