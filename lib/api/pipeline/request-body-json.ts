import 'server-only';

/** The body as the door read it: none (empty), text that is not JSON, or a JSON value. */
export type RequestBodyJson = { kind: 'absent' } | { kind: 'not-json' } | { kind: 'json'; value: unknown };

/**
 * The JSON of a body's text. Text that is not JSON is not refused here: only a handler that reads
 * the body refuses it (some ignore the body), each in its own dialect.
 */
export function readRequestBodyJson(text: string, emptyBody: 'absent' | 'empty-object'): RequestBodyJson {
  if (text.trim() === '') return emptyBody === 'empty-object' ? { kind: 'json', value: {} } : { kind: 'absent' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'not-json' };
  }
}
