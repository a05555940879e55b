import 'server-only';
import type { z } from 'zod';
import { AppError } from '../errors';
import { zodIssuesToDetails } from '../schemas/zod-details';
import { assertAcceptedJson } from './accepted-input';

export const MAX_BODY_BYTES = 1024 * 1024;

/** The request body as text, refusing anything over 1 MB (413) before reading it all. */
export async function readBodyText(request: Request): Promise<string> {
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) throw tooLarge();
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch {
      // the client closed the connection before sending the whole body: its mistake, not our 500
      throw new AppError('invalid_json', 'The request body could not be read: the connection closed before all of it arrived.');
    }
    const { done, value } = chunk;
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(): AppError {
  return new AppError('payload_too_large', `The request body is larger than ${MAX_BODY_BYTES / 1024 / 1024} MB.`);
}

/**
 * The JSON value of a body: 400 invalid_json when it is empty or not JSON, 400 validation_failed
 * when it holds text or nesting Dealboard does not accept (lib/api/accepted-input.ts).
 */
export function parseJsonText(text: string): unknown {
  let json: unknown;
  try {
    json = text.trim() === '' ? undefined : JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  if (json === undefined) throw new AppError('invalid_json', 'The request needs a JSON body.');
  assertAcceptedJson(json);
  return json;
}

/** Parses a JSON body; 400 invalid_json when it is not JSON, 400 validation_failed naming each bad field. */
export function parseJsonBody<S extends z.ZodType>(text: string, schema: S): z.output<S> {
  return parseInput(schema, parseJsonText(text), 'The request body is not valid.');
}

/** Parses query parameters (a plain object of strings) or any other input with a zod schema. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message = 'The request is not valid.'): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new AppError('validation_failed', message, zodIssuesToDetails(result.error.issues));
  return result.data;
}

/** Query parameters as an object; a repeated parameter keeps its last value (checked at the door: withApiRoute). */
export function queryObject(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams.entries());
}
