import 'server-only';
import { toPublicId } from '../../ids';
import type { ImportEntity } from '../../imports/import-fields';
import type { RowOutcome } from './write-import-batch';

// An import as services answer it (the API and the page shape it further).

export const UNDO_DAYS = 7;
export const RESULTS_SHOWN = 1000;

export interface ImportRowResult {
  row: number;
  outcome: RowOutcome['outcome'];
  recordId: string | null;
  reason: string | null;
}

export interface ImportView {
  /** null for a dry run: nothing is kept */
  id: string | null;
  entity: ImportEntity;
  status: 'queued' | 'running' | 'done' | 'failed' | 'undone' | 'dry_run';
  dryRun: boolean;
  onMatch: 'update' | 'skip';
  fileName: string;
  mapping: Record<string, string>;
  totalRows: number;
  doneRows: number;
  created: number;
  updated: number;
  skipped: number;
  rejected: number;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
  undoneAt: Date | null;
  /** until when undo is possible; null when it no longer is */
  undoUntil: Date | null;
  /**
   * how many of the records it created or updated changed after it finished (undo takes those
   * changes back too); null unless it can still be undone, or when not counted (lists)
   */
  changedSince: number | null;
  /** the first rows' outcomes (RESULTS_SHOWN at most) */
  results: ImportRowResult[];
}

const RECORD_KIND = { deals: 'deal', contacts: 'contact', companies: 'company' } as const;

export function rowResult(entity: ImportEntity, outcome: Pick<RowOutcome, 'rowNumber' | 'outcome' | 'recordId' | 'reason'>): ImportRowResult {
  return {
    row: outcome.rowNumber,
    outcome: outcome.outcome,
    recordId: outcome.recordId === null ? null : toPublicId(RECORD_KIND[entity], outcome.recordId),
    reason: outcome.reason,
  };
}

export function undoDeadline(finishedAt: Date | null, status: string): Date | null {
  if (status !== 'done' || !finishedAt) return null;
  const until = new Date(finishedAt.getTime() + UNDO_DAYS * 24 * 60 * 60 * 1000);
  return until > new Date() ? until : null;
}
