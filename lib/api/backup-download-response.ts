import 'server-only';
import { Readable } from 'node:stream';
import type { openBackupDownload } from '../services/backups/get-backup';

/** A backup file as a download: the whole file (marker, manifest and payload), streamed. */
export function backupDownloadResponse(download: Awaited<ReturnType<typeof openBackupDownload>>, headers: HeadersInit = {}): Response {
  return new Response(Readable.toWeb(download.stream) as ReadableStream<Uint8Array>, {
    headers: {
      ...headers,
      'Content-Type': 'application/octet-stream',
      'Content-Length': String(download.summary.bytes),
      'Content-Disposition': `attachment; filename="${download.filename}"`,
      'Cache-Control': 'no-store',
      ...(download.summary.sha256 ? { 'X-Backup-Sha256': download.summary.sha256 } : {}),
    },
  });
}
