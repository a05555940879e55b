import { AppError } from '../errors';

// What text and structure Dealboard accepts from a client, decided once for every API door
// (docs/decisions/010-accepted-input.md). Each door's wrapper runs these checks on the parsed JSON
// body and on the query string before any handler sees them, and words a refusal in its own
// dialect. Why these rules: PostgreSQL stores no U+0000 in text or jsonb and no lone UTF-16
// surrogate in jsonb, JSON.stringify (Prisma's jsonb path) overflows the stack on deep nesting, and
// keys such as "__proto__" turn plain-object bookkeeping ("errors[key].push") into prototype access.
// Refused up front, they answer 4xx and change nothing, instead of failing in the database as a 500.

/** Objects and arrays may nest this many levels, counted from the body's root (the body is level 1). */
export const MAX_JSON_DEPTH = 64;

/** Object keys that name an object's prototype machinery: never data. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export type InputProblemKind = 'nul' | 'ill_formed' | 'too_deep' | 'reserved_key';

export interface InputProblem {
  kind: InputProblemKind;
  /** where it is: object keys and array indexes from the root; [] for the root itself */
  path: string[];
  /** a sentence about the value, without naming its path */
  message: string;
}

const MESSAGES: Record<InputProblemKind, string> = {
  nul: 'NUL characters (U+0000) are not accepted.',
  ill_formed: 'Text must be well-formed Unicode: a lone UTF-16 surrogate (such as \\ud800) is not accepted.',
  too_deep: `Objects and arrays nested more than ${MAX_JSON_DEPTH} levels deep are not accepted (nested too deeply).`,
  reserved_key: `The keys ${[...RESERVED_KEYS].join(', ')} are not accepted.`,
};

function problem(kind: InputProblemKind, path: string[]): InputProblem {
  return { kind, path, message: MESSAGES[kind] };
}

/** The problem of one piece of text (a string value or an object key), or null when it is accepted. */
export function textProblemKind(text: string): 'nul' | 'ill_formed' | null {
  if (text.includes('\u0000')) return 'nul';
  if (!text.isWellFormed()) return 'ill_formed';
  return null;
}

/**
 * The first part of a parsed JSON value Dealboard does not accept, or null. Walks with an explicit
 * stack (never recursion), so a body nested 10,000 deep is measured, not a stack overflow of ours.
 */
export function findJsonProblem(root: unknown): InputProblem | null {
  const stack: { value: unknown; path: string[]; depth: number }[] = [{ value: root, path: [], depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const kind = textProblemKind(value);
      if (kind) return problem(kind, path);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    const level = depth + 1;
    if (level > MAX_JSON_DEPTH) return problem('too_deep', path);
    const children: { value: unknown; path: string[]; depth: number }[] = [];
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        children.push({ value: item, path: [...path, String(index)], depth: level });
      });
    } else {
      for (const key of Object.keys(value)) {
        const at = [...path, key];
        const kind = textProblemKind(key);
        if (kind) return problem(kind, at);
        if (RESERVED_KEYS.has(key)) return problem('reserved_key', at);
        children.push({ value: (value as Record<string, unknown>)[key], path: at, depth: level });
      }
    }
    // reversed, so the first field of the body is looked at (and reported) first
    for (let i = children.length - 1; i >= 0; i -= 1) stack.push(children[i]!);
  }
  return null;
}

/** The first query parameter (name or value) Dealboard does not accept, or null. */
export function findQueryProblem(params: URLSearchParams): InputProblem | null {
  for (const [name, value] of params) {
    const kind = textProblemKind(name) ?? textProblemKind(value);
    if (kind) return problem(kind, [name]);
  }
  return null;
}

/**
 * A path as text for an error body: "metadata.notes", "deals.0.name"; a part that is itself not
 * accepted text is shown escaped (\u0000), so the answer carries no NUL or lone surrogate either.
 * A very deep path is cut after its first parts.
 */
export function formatInputPath(path: readonly string[]): string {
  const parts = path.map((part) => (textProblemKind(part) ? JSON.stringify(part).slice(1, -1) : part));
  return parts.length > 8 ? `${parts.slice(0, 8).join('.')}.…` : parts.join('.');
}

/** The native API's refusal: 400 validation_failed naming the field. */
export function inputProblemError(found: InputProblem, where: 'body' | 'query'): AppError {
  const path = formatInputPath(found.path) || (where === 'body' ? '(body)' : '(query)');
  const intro = where === 'body' ? 'The request body is not accepted' : 'The query string is not accepted';
  return new AppError('validation_failed', `${intro}: ${path}: ${found.message}`, [{ path, message: found.message }]);
}

/** Throws the native refusal when the parsed body holds anything Dealboard does not accept. */
export function assertAcceptedJson(json: unknown): void {
  const found = findJsonProblem(json);
  if (found) throw inputProblemError(found, 'body');
}
