import 'server-only';
import { db } from '../../db';
import type { ServiceContext } from '../context';
import { assertCanConfigureWorkspace } from '../permissions';
import { customFieldNotFound } from './get-custom-field';
import { executeStatement } from '../../database/run-sql';
import { sql, sqlBuilder } from '../../database/typed-sql';
import { setChangeActor } from '../../change-record/change-actor';

/**
 * Deletes a deal custom field definition (managers and admins) and, in the same transaction, its
 * values from every deal, so no deal keeps a value no definition describes (a later field may reuse
 * the key with another type). Deals that lose a value get a new version (ETag) and updated_at.
 */
export async function deleteCustomField({ ctx, input }: { ctx: ServiceContext; input: { customFieldId: number } }): Promise<void> {
  assertCanConfigureWorkspace(ctx);
  await db.$transaction(async (tx) => {
    await setChangeActor(tx, ctx);
    const definition = await tx.customFieldDefinition.findFirst({ where: { id: input.customFieldId, entity: 'deal' }, select: { key: true } });
    if (!definition) throw customFieldNotFound();
    const { count } = await tx.customFieldDefinition.deleteMany({ where: { id: input.customFieldId, entity: 'deal' } });
    if (count === 0) throw customFieldNotFound();
    await executeStatement(
      tx,
      sqlBuilder
        .updateTable('deals')
        .set((eb) => ({
          custom_fields: sql`${eb.ref('custom_fields')} - ${definition.key}::text`,
          version: eb('version', '+', 1),
          updated_at: sql<Date>`(now() AT TIME ZONE 'UTC')`,
        }))
        .where((eb) => sql<boolean>`(${eb.ref('custom_fields')} -> ${definition.key}::text) IS NOT NULL`),
    );
  });
}
