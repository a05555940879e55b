import 'server-only';
import type { CsvFile } from '../../imports/read-csv';
import type { DbClient } from '../deals/resolve-deal-references';

// An import's file is kept in the database (any server process may run the import, and a restart
// resumes it) in pieces of 1 MiB: the import reads one piece at a time, so running it never holds
// the whole file, and no single value is large (a database driver copies a value several times on
// its way in and out).

export const IMPORT_FILE_PIECE_BYTES = 1024 * 1024;

/** Keeps `bytes` as the import's file; call it inside the transaction that creates the import. */
export async function saveImportFile(tx: DbClient, importId: number, bytes: Buffer): Promise<void> {
  for (let seq = 0; seq * IMPORT_FILE_PIECE_BYTES < bytes.length; seq += 1) {
    const piece = bytes.subarray(seq * IMPORT_FILE_PIECE_BYTES, (seq + 1) * IMPORT_FILE_PIECE_BYTES);
    await tx.importFileChunk.create({ data: { importId, seq, data: new Uint8Array(piece) }, select: { seq: true } });
  }
}

/** The import's file, read a piece at a time (each time it is read). */
export function importFile(client: DbClient, importId: number): CsvFile {
  return async function* () {
    for (let seq = 0; ; seq += 1) {
      const piece = await client.importFileChunk.findUnique({ where: { importId_seq: { importId, seq } }, select: { data: true } });
      if (!piece) return;
      yield piece.data;
    }
  };
}
