import 'server-only';
import { hotQuery } from '../../database/hot-query';
import type { CustomFieldDefinition, Prisma } from '../../generated/prisma/client';
import { sql, sqlBuilder } from '../../database/typed-sql';
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
    return hotQuery<CustomFieldDefinition>(
      sqlBuilder
        .selectFrom('custom_field_definitions')
        .select((eb) => [
          'id',
          'entity',
          'key',
          'label',
          sql<string>`${eb.ref('type')}::text`.as('type'),
          'options',
          'required',
          'position',
          'created_at as createdAt',
          'updated_at as updatedAt',
        ])
        .where('entity', '=', sql.lit('deal'))
        .orderBy('position')
        .orderBy('id'),
    );
  }
  return tx.customFieldDefinition.findMany({ where: { entity: 'deal' }, orderBy: [{ position: 'asc' }, { id: 'asc' }] });
}
