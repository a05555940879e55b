import 'server-only';
import type { z } from 'zod';
import { AppError, type ErrorDetail } from '../../errors';
import { fromPublicId, ID_PREFIX, type IdKind } from '../../ids';

// Concord CRM is a Laravel app, and the document gives no error shape of its own, so errors are
// Laravel's: {"message": "…", "errors": {"field": ["…"]}} for validation (422; 400 for a field that
// `order` / `select` / `search_fields` do not know), {"message": "…"} otherwise, and 401
// {"message": "Unauthenticated."}. Messages carry `:attribute`, replaced by the field's path with
// spaces for underscores, as Laravel words them ("The stage id field is required.").

export type ConcordErrors = Record<string, string[]>;

/** An answer of the Concord adapter itself: its status, message and per-field errors. */
export class ConcordHttpError extends Error {
  override name = 'ConcordHttpError';

  constructor(
    readonly status: number,
    message: string,
    readonly errors?: ConcordErrors,
  ) {
    super(message);
  }
}

/** Laravel's summary of validation errors: the first one, and how many more there are. */
export function validationError(errors: ConcordErrors, status = 422): ConcordHttpError {
  const messages = Object.values(errors).flat();
  const more = messages.length - 1;
  const message = `${messages[0] ?? 'The given data was invalid.'}${more > 0 ? ` (and ${more} more error${more === 1 ? '' : 's'})` : ''}`;
  return new ConcordHttpError(status, message, errors);
}

/** "billable.products.0.unit_price" → "billable.products.0.unit price" (Laravel's attribute name). */
export function attributeName(path: string): string {
  return path.replace(/_/g, ' ');
}

function withAttribute(message: string, path: string): string {
  return message.replace(/:attribute/g, attributeName(path));
}

function addError(errors: ConcordErrors, path: string, message: string): void {
  // own properties only: a path such as "constructor" must not find Object.prototype's
  if (!Object.hasOwn(errors, path)) Object.defineProperty(errors, path, { value: [], enumerable: true, writable: true, configurable: true });
  errors[path]!.push(withAttribute(message, path));
}

/** zod issues of a Concord body as Laravel errors; `raw` is the body as sent (to tell a missing field from a bad one). */
export function zodIssuesToErrors(issues: readonly z.core.$ZodIssue[], raw: unknown, prefix = ''): ConcordErrors {
  const errors: ConcordErrors = {};
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter((part) => part !== '').join('.');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) addError(errors, base ? `${base}.${key}` : key, 'The :attribute field is not a known field.');
      continue;
    }
    const missing = valueAt(raw, issue.path) === undefined;
    const message =
      missing && (issue.code === 'invalid_type' || issue.code === 'invalid_union')
        ? 'The :attribute field is required.'
        : issue.message.includes(':attribute')
          ? issue.message
          : 'The :attribute field is invalid.';
    addError(errors, base, message);
  }
  return errors;
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

// native field names in service errors → Concord's
const CONCORD_FIELD: Record<string, string> = {
  value: 'amount',
  loss_reason: 'lost_reason',
  owner_id: 'user_id',
  expected_close: 'expected_close_date',
  contact_id: 'contacts',
  company_id: 'companies',
};

function concordPath(path: string): string {
  if (path.startsWith('custom_fields.')) return path.slice('custom_fields.'.length);
  return Object.hasOwn(CONCORD_FIELD, path) ? CONCORD_FIELD[path]! : path;
}

const PUBLIC_ID = new RegExp(`\\b(${Object.values(ID_PREFIX).join('|')})_([A-Za-z0-9]{10,})\\b`, 'g');
const KIND_OF_PREFIX = new Map<string, IdKind>(Object.entries(ID_PREFIX).map(([kind, prefix]) => [prefix, kind as IdKind]));

/** Concord addresses records by integer: a native public ID in a service's message is shown as its integer. */
export function integerIds(message: string): string {
  return message.replace(PUBLIC_ID, (match, prefix: string) => {
    const id = fromPublicId(KIND_OF_PREFIX.get(prefix)!, match);
    return id === null ? match : String(id);
  });
}

const STATUS_MESSAGES: Partial<Record<number, string>> = {
  401: 'Unauthenticated.',
  429: 'Too Many Attempts.',
  500: 'Server Error',
};

/** Any error as a Concord error answer. */
export function toConcordError(error: unknown): ConcordHttpError {
  if (error instanceof ConcordHttpError) return error;
  if (error instanceof AppError) {
    if (error.code === 'validation_failed' || error.code === 'unprocessable') {
      return validationError(detailsToErrors(error.details, integerIds(error.message)));
    }
    const message = STATUS_MESSAGES[error.status] ?? integerIds(error.message);
    return new ConcordHttpError(error.status, message);
  }
  // anything else is our bug, never the client's: log it, answer without internals
  console.error(error);
  return new ConcordHttpError(500, STATUS_MESSAGES[500]!);
}

function detailsToErrors(details: ErrorDetail[], fallback: string): ConcordErrors {
  const errors: ConcordErrors = {};
  for (const detail of details) {
    const path = concordPath(detail.path);
    const message = integerIds(detail.message);
    // native messages are phrases ("Must be one of: …"): make them a sentence about the field
    addError(
      errors,
      path || 'deal',
      message.includes(':attribute') ? message : /[.!?]$/.test(message) ? message : `The :attribute field: ${lowerFirst(message)}.`,
    );
  }
  if (Object.keys(errors).length === 0) errors.deal = [fallback];
  return errors;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** The JSON answer of an error. */
export function concordErrorResponse(error: unknown, headers?: Record<string, string>): Response {
  const concord = toConcordError(error);
  const body: { message: string; errors?: ConcordErrors } = { message: concord.message };
  if (concord.errors) body.errors = concord.errors;
  return Response.json(body, { status: concord.status, headers });
}
