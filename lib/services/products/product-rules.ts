import 'server-only';
import { Prisma } from '../../generated/prisma/client';
import { AppError } from '../../errors';

/** A validated percent (≤ 4 decimals) as the exact decimal string the DECIMAL(7,4) column stores. */
export function taxRateForDb(percent: number): string {
  return percent.toFixed(4);
}

/** A write's database error as the client's error: SKU taken → 409, row gone meanwhile → 404. */
export function productWriteError(error: unknown, sku: string | null | undefined): unknown {
  if (error instanceof Prisma.PrismaClientKnownRequestError) {
    if (error.code === 'P2002') {
      return new AppError('conflict', `Another product already has the SKU "${sku ?? ''}".`, [{ path: 'sku', message: 'SKU already in use' }]);
    }
    if (error.code === 'P2025') return new AppError('not_found', 'No product with this ID exists.');
  }
  return error;
}
