import 'server-only';
import { db } from '../../db';
import { AppError } from '../../errors';
import type { Prisma } from '../../generated/prisma/client';
import { decodeCursor, encodeCursor, pageOf } from '../../api/pagination';
import type { ListProductsQuery } from '../../schemas/product';
import type { ServiceContext } from '../context';

/** A page of the catalog, by (name, id) or (created_at, id), filtered by search text and active flag. */
export async function listProducts({ ctx, input }: { ctx: ServiceContext; input: ListProductsQuery }) {
  void ctx; // every role may read the catalog
  const sortKey = `products:${input.sort}`;
  const where: Prisma.ProductWhereInput[] = [];
  if (input.q !== undefined) {
    // Prisma hands `contains` to ILIKE as is: escape LIKE's wildcards so "50%" means 50%
    const text = input.q.replace(/[\\%_]/g, (c) => `\\${c}`);
    where.push({ OR: [{ name: { contains: text, mode: 'insensitive' } }, { sku: { contains: text, mode: 'insensitive' } }] });
  }
  if (input.active !== undefined) where.push({ active: input.active });
  if (input.cursor !== undefined) {
    const cursor = decodeCursor(input.cursor, sortKey);
    if (input.sort === 'name') {
      if (typeof cursor.v !== 'string') throw invalidCursor();
      where.push({ OR: [{ name: { gt: cursor.v } }, { name: cursor.v, id: { gt: cursor.id } }] });
    } else {
      const after = typeof cursor.v === 'string' ? new Date(cursor.v) : null;
      if (!after || Number.isNaN(after.getTime())) throw invalidCursor();
      where.push({ OR: [{ createdAt: { gt: after } }, { createdAt: after, id: { gt: cursor.id } }] });
    }
  }
  const rows = await db.product.findMany({
    where: { AND: where },
    orderBy: input.sort === 'name' ? [{ name: 'asc' }, { id: 'asc' }] : [{ createdAt: 'asc' }, { id: 'asc' }],
    take: input.limit + 1,
  });
  return pageOf(rows, input.limit, (row) => encodeCursor({ s: sortKey, v: input.sort === 'name' ? row.name : row.createdAt.toISOString(), id: row.id }));
}

function invalidCursor(): AppError {
  return new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', [{ path: 'cursor', message: 'Invalid cursor' }]);
}
