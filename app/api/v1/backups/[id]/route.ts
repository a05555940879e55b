import { dataResponse, noContent } from '@/lib/api/respond';
import { serializeBackup } from '@/lib/api/serializers/backup';
import { withApiRoute } from '@/lib/api/with-api-route';
import { getBackup } from '@/lib/services/backups/get-backup';
import { removeBackup } from '@/lib/services/backups/remove-backup';

// GET /api/v1/backups/:id – one backup's manifest (admins)
export const GET = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  return dataResponse(serializeBackup(await getBackup({ ctx, input: { id: params.id } })));
});

// DELETE /api/v1/backups/:id – delete a backup's file (admins)
export const DELETE = withApiRoute<{ id: string }>(async ({ ctx, params }) => {
  await removeBackup({ ctx, input: { id: params.id } });
  return noContent();
});
