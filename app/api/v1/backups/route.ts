import { dataResponse, listResponse } from '@/lib/api/respond';
import { serializeBackup } from '@/lib/api/serializers/backup';
import { withApiRoute } from '@/lib/api/with-api-route';
import { createBackup } from '@/lib/services/backups/create-backup';
import { listBackups } from '@/lib/services/backups/list-backups';

// GET /api/v1/backups – the backups in BACKUP_DIR, newest first (admins)
export const GET = withApiRoute(async ({ ctx }) => {
  const backups = await listBackups({ ctx });
  return listResponse({ items: backups.map(serializeBackup), hasMore: false, nextCursor: null });
});

// POST /api/v1/backups – take a backup now, while the server serves (admins); answers once it is written
export const POST = withApiRoute(async ({ ctx }) => {
  const backup = await createBackup({ ctx });
  return dataResponse(serializeBackup(backup), { status: 201 });
});
