// Where a live stream resumes: the last event id the board has (EventSource sends it back as the
// Last-Event-ID header when it reconnects; the first connection says it as ?after=). Pure.

/** An event id from a header or query value, or null when there is none (or it is not one). */
export function parseLiveCursor(value: string | null | undefined): bigint | null {
  const text = value?.trim() ?? '';
  return /^\d{1,19}$/.test(text) ? BigInt(text) : null;
}
