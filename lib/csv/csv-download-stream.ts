import type { CsvCell } from './csv-line';
import { csvRows } from './csv-rows';

// A CSV download written as it is read: the byte-order mark and header first, then one batch of
// rows per pull. Pull-driven, so a slow client slows the reads instead of rows piling up in memory:
// the stream reads one batch ahead of the client at most, however long the export.

export interface CsvBatch<Cursor> {
  rows: CsvCell[][];
  /** where the next batch starts, or null after the last */
  next: Cursor | null;
}

export function csvDownloadStream<Cursor>(header: string[], readBatch: (after: Cursor | null) => Promise<CsvBatch<Cursor>>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: Cursor | null = null;
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        // a byte-order mark so spreadsheet apps read the file as UTF-8; the header goes out before
        // the first read, so the download starts at once
        controller.enqueue(encoder.encode(`\uFEFF${csvRows([header])}`));
        return;
      }
      const batch = await readBatch(after);
      if (batch.rows.length > 0) controller.enqueue(encoder.encode(csvRows(batch.rows)));
      if (batch.next === null) controller.close();
      else after = batch.next;
    },
  });
}

/** The download's answer: CSV, named `filename`, never cached. */
export function csvDownloadResponse(stream: ReadableStream<Uint8Array>, filename: string, headers: Record<string, string> = {}): Response {
  return new Response(stream, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
      'Cache-Control': 'no-store',
      ...headers,
    },
  });
}

/** `<what>-YYYY-MM-DD.csv`, the day in UTC. */
export function csvFilename(what: string, now = new Date()): string {
  return `${what}-${now.toISOString().slice(0, 10)}.csv`;
}
