import 'server-only';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { restoreNeutralisedFormula } from '../csv/neutralise-formula';
import { AppError } from '../errors';
import { type CsvEncoding, detectEncoding } from './detect-encoding';
import { type CsvSeparator, detectSeparator } from './detect-separator';

// Reading an import's file: its encoding and separator are detected once, then its records stream
// through iconv-lite (Windows-1252 is not Latin-1: € and curly quotes differ) and csv-parse, so
// only the current batch of rows is ever held, however long the file.

export interface CsvFormat {
  encoding: CsvEncoding;
  separator: CsvSeparator;
}

const CHUNK_BYTES = 64 * 1024;

export function detectCsvFormat(bytes: Buffer): CsvFormat {
  const encoding = detectEncoding(bytes);
  const head = iconv.decode(bytes.subarray(0, CHUNK_BYTES), encoding, { stripBOM: true });
  return { encoding, separator: detectSeparator(head) };
}

/** The file's records (the header first), as arrays of cells; a malformed file is a 422 naming the line. */
export async function* csvRecords(bytes: Buffer, format: CsvFormat = detectCsvFormat(bytes)): AsyncGenerator<string[]> {
  const chunks = (function* () {
    for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) yield bytes.subarray(offset, offset + CHUNK_BYTES);
  })();
  const parser = Readable.from(chunks)
    .pipe(iconv.decodeStream(format.encoding, { stripBOM: true }))
    .pipe(parse({ delimiter: format.separator, relax_column_count: true, skip_empty_lines: true, bom: true }));
  try {
    // cells Dealboard neutralised against formula injection on export come back as they were
    for await (const record of parser) yield (record as string[]).map(restoreNeutralisedFormula);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new AppError('unprocessable', `The file is not valid CSV: ${message}`, [{ path: 'file', message }]);
  }
}

/** The header row, or a 422 when the file has none. */
export async function readCsvHeader(bytes: Buffer): Promise<string[]> {
  for await (const record of csvRecords(bytes)) return record.map((cell) => cell.trim());
  throw new AppError('unprocessable', 'The file is empty: it needs a header row and at least one row.', [{ path: 'file', message: 'Empty file' }]);
}
