import 'server-only';
import { unstable_rethrow } from 'next/navigation';
import { ZodError } from 'zod';
import { isAppError, type ErrorDetail } from '../errors';
import { readableDetails, readableMessage } from '../schemas/readable-errors';
import { zodIssuesToDetails } from '../schemas/zod-details';

/**
 * What every server action answers: its data, or why not — a sentence for a toast and, for input
 * problems, messages by field ("name", "value", "loss_reason") to show next to each field.
 */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; message: string; fieldErrors: Record<string, string[]> };

function byField(details: readonly ErrorDetail[]): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const { path, message } of details) {
    const field = path || '_';
    fields[field] = [...(fields[field] ?? []), message];
  }
  return fields;
}

/**
 * Runs a server action's work and turns the errors services and schemas throw into an ActionResult:
 * AppError → its message and details; ZodError → the fields' messages. Anything else is logged and
 * answered with a generic sentence (never an internal message). Next.js control flow (redirect,
 * notFound) passes through.
 */
export async function runAction<T>(work: () => Promise<T>): Promise<ActionResult<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    unstable_rethrow(error);
    // a person reads these: messages in words, by the field's label (the API keeps its keys)
    if (isAppError(error)) {
      const details = readableDetails(error.details);
      return { ok: false, message: readableMessage('', error.message), fieldErrors: byField(details) };
    }
    if (error instanceof ZodError) {
      const details = readableDetails(zodIssuesToDetails(error.issues));
      const first = details[0];
      const message = first ? first.message : 'The request was not valid.';
      return { ok: false, message: details.length > 1 ? `${message} (and ${details.length - 1} more)` : message, fieldErrors: byField(details) };
    }
    console.error('Server action failed:', error);
    return { ok: false, message: 'Something went wrong on our side; please try again.', fieldErrors: {} };
  }
}
