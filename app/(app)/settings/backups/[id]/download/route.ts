import { unstable_rethrow } from 'next/navigation';
import { backupDownloadResponse } from '@/lib/api/backup-download-response';
import { errorResponse } from '@/lib/api/error-response';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { openBackupDownload } from '@/lib/services/backups/get-backup';

export const dynamic = 'force-dynamic';

// GET /settings/backups/:id/download – Settings → Backups' download link (admins, signed in)
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  try {
    const ctx = await getBrowserContext();
    return backupDownloadResponse(await openBackupDownload({ ctx, input: { id: (await params).id } }));
  } catch (error) {
    unstable_rethrow(error); // the sign-in redirect
    return errorResponse(error);
  }
}
