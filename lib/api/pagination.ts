import { z } from 'zod';
import { AppError } from '../errors';

// Keyset (cursor) pagination: the cursor holds the sort key of the last row returned and its id, so
// rows added or removed while a client pages never make it repeat or skip a row that stayed.

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

export const limitSchema = z.coerce
  .number({ error: 'limit must be a whole number from 1 to 200' })
  .int('limit must be a whole number from 1 to 200')
  .min(1, 'limit must be a whole number from 1 to 200')
  .max(MAX_LIMIT, 'limit must be a whole number from 1 to 200')
  .default(DEFAULT_LIMIT);

export interface CursorPosition {
  /** the sort this cursor belongs to; a cursor is only valid with the same sort */
  s: string;
  /** the last row's sort value (ISO string, number-as-string, or text) */
  v: string | number | null;
  /** the last row's id */
  id: number;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function decodeCursor(cursor: string, sort: string): CursorPosition {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as CursorPosition;
    if (typeof value !== 'object' || value === null || typeof value.id !== 'number' || !Number.isSafeInteger(value.id)) throw new Error('shape');
    if (value.s !== sort) {
      throw new AppError('validation_failed', 'This cursor belongs to another sort order; start again without a cursor.', [
        { path: 'cursor', message: 'Cursor does not match the sort' },
      ]);
    }
    return value;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', [
      { path: 'cursor', message: 'Invalid cursor' },
    ]);
  }
}

/** Takes `limit + 1` rows and splits them into the page and whether more follow. */
export function pageOf<T>(rows: T[], limit: number, cursorOf: (row: T) => string): { rows: T[]; hasMore: boolean; nextCursor: string | null } {
  const hasMore = rows.length > limit;
  const page = hasMore ? rows.slice(0, limit) : rows;
  const last = page[page.length - 1];
  return { rows: page, hasMore, nextCursor: hasMore && last !== undefined ? cursorOf(last) : null };
}
