import { toPublicId } from '../../ids';
import type { BackupJson } from '../../schemas/backup';
import type { BackupSummary } from '../../services/backups/backup-rules';
import { isoSeconds } from '../format';

export function serializeBackup(backup: BackupSummary): BackupJson {
  const by = backup.createdBy;
  return {
    id: backup.id,
    created_at: isoSeconds(backup.createdAt),
    created_by: by ? { kind: by.kind, user_id: by.kind === 'user' ? toPublicId('user', by.id) : null, name: by.kind === 'user' ? by.name : null } : null,
    bytes: backup.bytes,
    engine: backup.engine,
    dealboard_version: backup.dealboardVersion,
    migration: backup.migration,
    row_counts: backup.rowCounts,
    sha256: backup.sha256,
    problem: backup.problem,
    download_url: `/api/v1/backups/${backup.id}/download`,
  };
}
