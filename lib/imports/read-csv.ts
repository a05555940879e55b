import 'server-only';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import { restoreNeutralisedFormula } from '../csv/neutralise-formula';
import { AppError } from '../errors';
import { type CsvEncoding, encodingDetector } from './detect-encoding';
import { type CsvSeparator, detectSeparator } from './detect-separator';

// Reading an import's file: its encoding and separator are detected once, then its records stream
// through iconv-lite (Windows-1252 is not Latin-1: € and curly quotes differ) and csv-parse, so
// only the current batch of rows is ever held, however long the file.

export interface CsvFormat {
  encoding: CsvEncoding;
  separator: CsvSeparator;
}

/**
 * A file: its bytes, or a reader of its pieces in order (an import's file is kept in the database
 * in pieces), called again to read it again.
 */
export type CsvFile = Buffer | (() => AsyncIterable<Uint8Array>);

const CHUNK_BYTES = 64 * 1024;

function pieces(file: CsvFile): Iterable<Uint8Array> | AsyncIterable<Uint8Array> {
  if (!Buffer.isBuffer(file)) return file();
  return (function* () {
    for (let offset = 0; offset < file.length; offset += CHUNK_BYTES) yield file.subarray(offset, offset + CHUNK_BYTES);
  })();
}

/** The encoding (the whole file must be valid UTF-8 to be read as UTF-8) and the separator (from its first 64 KiB). */
export async function detectCsvFormat(file: CsvFile): Promise<CsvFormat> {
  const head: Uint8Array[] = [];
  let headBytes = 0;
  const detector = encodingDetector();
  for await (const piece of pieces(file)) {
    if (headBytes < CHUNK_BYTES) {
      const part = piece.subarray(0, CHUNK_BYTES - headBytes);
      head.push(part);
      headBytes += part.length;
    }
    detector.push(piece);
    if (detector.decided && headBytes >= CHUNK_BYTES) break;
  }
  const encoding = detector.encoding();
  return { encoding, separator: detectSeparator(iconv.decode(Buffer.concat(head), encoding, { stripBOM: true })) };
}

/** The file's records (the header first), as arrays of cells; a malformed file is a 422 naming the line. */
export async function* csvRecords(file: CsvFile, knownFormat?: CsvFormat): AsyncGenerator<string[]> {
  const format = knownFormat ?? (await detectCsvFormat(file));
  const parser = Readable.from(pieces(file))
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
export async function readCsvHeader(file: CsvFile): Promise<string[]> {
  for await (const record of csvRecords(file)) return record.map((cell) => cell.trim());
  throw new AppError('unprocessable', 'The file is empty: it needs a header row and at least one row.', [{ path: 'file', message: 'Empty file' }]);
}
