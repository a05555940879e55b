import { toPublicId, type IdKind } from '../ids';

// Shapes shared by every native API resource.

/** RFC 3339 in UTC to the second, as the API documents it: "2026-03-16T12:00:00Z". */
export function isoSeconds(date: Date): string;
export function isoSeconds(date: Date | null | undefined): string | null;
export function isoSeconds(date: Date | null | undefined): string | null {
  if (!date) return null;
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** The public ID of a nullable reference. */
export function publicIdOrNull(kind: IdKind, id: number | null | undefined): string | null {
  return id === null || id === undefined ? null : toPublicId(kind, id);
}

/** Minor units (bigint in the database) as a JSON number: exact up to 2^53, i.e. 9 × 10^13 major units. */
export function minorUnits(value: bigint): number {
  return Number(value);
}

const DAY_MS = 86_400_000;

/** Whole days from `since` to `now` (never negative). */
export function wholeDaysSince(since: Date, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - since.getTime()) / DAY_MS));
}
