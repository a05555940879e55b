import { backupDownloadResponse } from '@/lib/api/backup-download-response';
import { withApiRoute } from '@/lib/api/with-api-route';
import { openBackupDownload } from '@/lib/services/backups/get-backup';

// GET /api/v1/backups/:id/download – the backup file itself (admins)
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  return backupDownloadResponse(await openBackupDownload({ ctx, input: { id: params.id } }));
});
