import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import type { ListCustomFieldsQuery } from '../../schemas/custom-field';
import type { ServiceContext } from '../context';

const SORT = 'custom_fields:position';

/** A page of deal custom field definitions by (position, id). */
export async function listCustomFields({ ctx, input }: { ctx: ServiceContext; input: ListCustomFieldsQuery }) {
  void ctx; // every role may read the definitions
  const where: Prisma.CustomFieldDefinitionWhereInput[] = [{ entity: 'deal' }];
  if (input.cursor !== undefined) {
    const cursor = decodeCursor(input.cursor, SORT);
    if (typeof cursor.v !== 'number' || !Number.isSafeInteger(cursor.v)) {
      throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', [
        { path: 'cursor', message: 'Invalid cursor' },
      ]);
    }
    where.push({ OR: [{ position: { gt: cursor.v } }, { position: cursor.v, id: { gt: cursor.id } }] });
  }
  const rows = await db.customFieldDefinition.findMany({
    where: { AND: where },
    orderBy: [{ position: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  return pageOf(rows, input.limit, (row) => encodeCursor({ s: SORT, v: row.position, id: row.id }));
}
