import 'server-only';
import { AppError } from '../errors';
import { fromPublicId, type IdKind } from '../ids';

// What the settings forms send is text; the API schemas (lib/schemas) expect numbers and IDs.
// These turn form text into what the schemas parse, leaving anything else as it is so the schema's
// own message ("probability must be a whole number from 0 to 100") names the problem by the field.

/** The integer behind a public ID the page sent, or 404 naming the kind. */
export function idOf(kind: IdKind, publicId: unknown, what: string): number {
  const id = typeof publicId === 'string' ? fromPublicId(kind, publicId) : null;
  if (id === null) throw new AppError('not_found', `No such ${what}.`);
  return id;
}

/** "40" → 40, " 7.5 " → 7.5; any other text stays text for the schema to refuse. */
export function numberFromText(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  const trimmed = text.trim();
  return /^-?\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) : trimmed;
}

/** Rotting days: blank means "never" (null). */
export function rottingDaysFromText(text: unknown): unknown {
  return typeof text === 'string' && text.trim() === '' ? null : numberFromText(text);
}

/** The outcome select: "none" (or blank) is an ordinary stage (null). */
export function outcomeFromText(text: unknown): unknown {
  return text === 'none' || text === '' ? null : text;
}
