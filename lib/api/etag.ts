import { AppError } from '../errors';

// A record's ETag is its optimistic-concurrency version: "3". PATCH and stage moves honour If-Match.

export function etagFor(version: number): string {
  return `"${version}"`;
}

/**
 * The version the client expects (If-Match), `null` when it sent none or "*".
 * An If-Match that is not one of our ETags can never match: 412.
 */
export function expectedVersion(request: Request): number | null {
  const header = request.headers.get('if-match');
  if (!header || header.trim() === '*') return null;
  const match = /^(?:W\/)?"(\d{1,9})"$/.exec(header.trim());
  if (!match) throw new AppError('precondition_failed', 'If-Match does not match the current version of this record.');
  return Number(match[1]);
}
