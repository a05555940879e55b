import { z } from 'zod';

// The backups API's answers (app/api/v1/backups): a backup is a file of BACKUP_DIR, described by its manifest.

export const backupResponseSchema = z
  .object({
    id: z.string().meta({ example: 'bk_20261208T020000Z_k5r8sp' }),
    created_at: z.string().meta({ description: 'When the backup was taken' }),
    created_by: z
      .object({
        kind: z
          .enum(['user', 'schedule', 'cli'])
          .meta({ description: 'user: an admin (Settings → Backups or the API); schedule: BACKUP_SCHEDULE; cli: npm run cli -- backup' }),
        user_id: z.string().nullable(),
        name: z.string().nullable(),
      })
      .nullable(),
    bytes: z.number().int().meta({ description: 'Size of the backup file' }),
    engine: z.enum(['embedded', 'postgresql']).nullable(),
    dealboard_version: z.string().nullable(),
    migration: z.string().nullable().meta({ description: 'The latest schema migration the backup’s database had' }),
    row_counts: z.record(z.string(), z.number().int()).meta({ description: 'Rows per main table, counted in the backup’s snapshot' }),
    sha256: z.string().nullable().meta({ description: 'SHA-256 of the payload, checked before any restore' }),
    problem: z.string().nullable().meta({ description: 'Why the file cannot be used, when its header is unreadable' }),
    download_url: z.string().meta({ example: '/api/v1/backups/bk_20261208T020000Z_k5r8sp/download' }),
  })
  .meta({ id: 'Backup' });
export type BackupJson = z.output<typeof backupResponseSchema>;
