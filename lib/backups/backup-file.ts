import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { ConfigError } from '../database/config';

// A Dealboard backup is one file (docs/decisions/019-backups.md):
//
//   DEALBOARD-BACKUP 1\n          the format marker and its version
//   {"format":"dealboard-backup",…}\n   the manifest, one line of JSON (readable with `head -2`)
//   <payload>                      the database itself, `payload.bytes` long, its SHA-256 in the manifest
//
// The payload is, on the embedded database, PGlite's own image of its data directory (a gzipped
// tarball), and on PostgreSQL a pg_dump archive in its custom format. A restore reads the manifest,
// then checks the payload's length and checksum before it touches anything.

export const BACKUP_MARKER = 'DEALBOARD-BACKUP';
export const BACKUP_FORMAT_VERSION = 1;
const FIRST_LINE = `${BACKUP_MARKER} ${BACKUP_FORMAT_VERSION}\n`;
/** The marker line and the manifest are read from at most this many leading bytes. */
const HEADER_LIMIT = 1024 * 1024;

/** A file that cannot be restored (not a backup, damaged, or not for this Dealboard): one sentence saying why. */
export class BackupRefusedError extends ConfigError {
  override name = 'BackupRefusedError';
}

export const backupCreatorSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), id: z.number().int(), name: z.string(), email: z.string() }),
  z.object({ kind: z.literal('schedule') }),
  z.object({ kind: z.literal('cli') }),
]);
export type BackupCreator = z.infer<typeof backupCreatorSchema>;

export const backupManifestSchema = z.object({
  format: z.literal('dealboard-backup'),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  id: z.string(),
  dealboardVersion: z.string(),
  engine: z.enum(['embedded', 'postgresql']),
  /** the PostgreSQL server version the data came from (PGlite's, on the embedded database) */
  postgresVersion: z.string(),
  /** the latest schema migration applied, and all of them, oldest first */
  migration: z.string().nullable(),
  migrations: z.array(z.string()),
  createdAt: z.iso.datetime(),
  createdBy: backupCreatorSchema,
  /** rows per main table, counted in the same snapshot as the payload */
  rowCounts: z.record(z.string(), z.number().int().min(0)),
  payload: z.object({
    kind: z.enum(['pglite-data-dir', 'pg-dump-custom']),
    bytes: z.number().int().min(0),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  }),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;
export type BackupManifestDraft = Omit<BackupManifest, 'payload'> & { payload: Pick<BackupManifest['payload'], 'kind'> };

export interface BackupHeader {
  manifest: BackupManifest;
  /** where the payload starts in the file */
  payloadOffset: number;
  /** the file's size in bytes */
  fileBytes: number;
}

/**
 * Writes a backup file: the manifest (with the payload's length and checksum) and the payload, to a
 * temporary name beside `outPath` first, renamed into place once complete and flushed — so a crash
 * or a full disk never leaves a file that looks like a finished backup.
 */
export async function writeBackupFile(outPath: string, draft: BackupManifestDraft, payload: Buffer | { file: string }): Promise<BackupManifest> {
  const { bytes, sha256 } = Buffer.isBuffer(payload) ? { bytes: payload.length, sha256: sha256Of(payload) } : await hashFile(payload.file, 0);
  const manifest = backupManifestSchema.parse({ ...draft, payload: { ...draft.payload, bytes, sha256 } });
  fs.mkdirSync(path.dirname(outPath), { recursive: true });
  const partial = path.join(path.dirname(outPath), `.${path.basename(outPath)}.partial-${process.pid}`);
  try {
    const out = fs.createWriteStream(partial, { flags: 'wx' });
    const header = Buffer.from(`${FIRST_LINE}${JSON.stringify(manifest)}\n`, 'utf8');
    await pipeline(async function* () {
      yield header;
      if (Buffer.isBuffer(payload)) yield payload;
      else yield* fs.createReadStream(payload.file);
    }, out);
    const fd = fs.openSync(partial, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, outPath);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw error;
  }
  return manifest;
}

/** Reads the marker and the manifest (no checksum yet): refuses a file that is not a Dealboard backup. */
export function readBackupHeader(file: string): BackupHeader {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new BackupRefusedError(code === 'ENOENT' ? `There is no file ${file}.` : `The file ${file} cannot be read (${(error as Error).message}).`);
  }
  try {
    const fileBytes = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(HEADER_LIMIT, fileBytes));
    const read = fs.readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, read);
    const notBackup = `${file} is not a Dealboard backup (it does not start with "${BACKUP_MARKER}")`;
    if (!text.subarray(0, BACKUP_MARKER.length).equals(Buffer.from(BACKUP_MARKER))) throw new BackupRefusedError(`${notBackup}.`);
    const firstEnd = text.indexOf(0x0a);
    if (firstEnd < 0) throw new BackupRefusedError(`${file} is truncated: it ends inside the backup's header.`);
    const version = text.subarray(BACKUP_MARKER.length, firstEnd).toString('utf8').trim();
    if (version !== String(BACKUP_FORMAT_VERSION)) {
      throw new BackupRefusedError(
        /^\d+$/.test(version) && Number(version) > BACKUP_FORMAT_VERSION
          ? `${file} is a backup in format ${version}, written by a newer Dealboard: restore it with that version or later.`
          : `${notBackup}: its format "${version}" is unknown.`,
      );
    }
    const manifestEnd = text.indexOf(0x0a, firstEnd + 1);
    if (manifestEnd < 0) throw new BackupRefusedError(`${file} is truncated or damaged: its manifest does not end.`);
    let manifest: BackupManifest;
    try {
      manifest = backupManifestSchema.parse(JSON.parse(text.subarray(firstEnd + 1, manifestEnd).toString('utf8')));
    } catch {
      throw new BackupRefusedError(`${file} is damaged: its manifest is not readable.`);
    }
    return { manifest, payloadOffset: manifestEnd + 1, fileBytes };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Checks a backup before anything uses it: the marker, the manifest, the payload's length (a
 * truncated copy) and its SHA-256 (a damaged one). Answers the header; throws BackupRefusedError.
 */
export async function verifyBackupFile(file: string): Promise<BackupHeader> {
  const header = readBackupHeader(file);
  const { manifest, payloadOffset, fileBytes } = header;
  const found = fileBytes - payloadOffset;
  if (found < manifest.payload.bytes) {
    throw new BackupRefusedError(
      `${file} is truncated: its payload should be ${manifest.payload.bytes} bytes but only ${found} are there. Use a complete copy of the backup.`,
    );
  }
  if (found > manifest.payload.bytes) {
    throw new BackupRefusedError(`${file} is damaged: it has ${found - manifest.payload.bytes} bytes more than its manifest says.`);
  }
  const { sha256 } = await hashFile(file, payloadOffset);
  if (sha256 !== manifest.payload.sha256) {
    throw new BackupRefusedError(
      `${file} is damaged: its checksum does not match (SHA-256 ${sha256}, expected ${manifest.payload.sha256}). Use another copy of the backup.`,
    );
  }
  return header;
}

/** The payload as a stream (after verifyBackupFile). */
export function payloadStream(file: string, header: BackupHeader): fs.ReadStream {
  return fs.createReadStream(file, { start: header.payloadOffset });
}

/** The payload in memory (the embedded database's image; after verifyBackupFile). */
export async function readPayload(file: string, header: BackupHeader): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of payloadStream(file, header)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sha256Of(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

async function hashFile(file: string, start: number): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of fs.createReadStream(file, { start })) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}
