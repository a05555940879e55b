import type { ImportJson } from '../../schemas/import';
import type { ImportView } from '../../services/imports/import-view';
import { isoSeconds } from '../format';

export function serializeImport(view: Omit<ImportView, 'results'> & { results?: ImportView['results'] }): ImportJson {
  return {
    id: view.id,
    entity: view.entity,
    status: view.status,
    dry_run: view.dryRun,
    on_match: view.onMatch,
    file_name: view.fileName,
    mapping: view.mapping,
    total_rows: view.totalRows,
    done_rows: view.doneRows,
    created: view.created,
    updated: view.updated,
    skipped: view.skipped,
    rejected: view.rejected,
    error: view.error,
    created_at: isoSeconds(view.createdAt),
    finished_at: isoSeconds(view.finishedAt),
    undone_at: isoSeconds(view.undoneAt),
    undo_until: isoSeconds(view.undoUntil),
    changed_since: view.changedSince,
    rejected_rows_url: view.id && view.rejected > 0 ? `/api/v1/imports/${view.id}/rejected-rows` : null,
    results: (view.results ?? []).map((r) => ({ row: r.row, outcome: r.outcome, record_id: r.recordId, reason: r.reason })),
  };
}
