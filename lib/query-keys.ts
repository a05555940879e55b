import type { BoardFilters } from './board/board-filters';

// Every TanStack Query key of the app, built here and only here, so the server (prefetch and
// dehydrate) and the browser (hooks, optimistic updates, invalidation) always name the same cache
// entries. Keys are arrays from general to specific: invalidating a prefix reaches everything below.

export const boardKeys = {
  /** everything about every board */
  all: ['board'] as const,
  /** everything about one pipeline's board */
  pipeline: (pipelineId: number) => ['board', pipelineId] as const,
  /** stages with aggregates (and the last change event the data holds), for one set of filters */
  summary: (pipelineId: number, filters: BoardFilters) => ['board', pipelineId, 'summary', filters] as const,
  /** every column's cards, any filters */
  allCards: (pipelineId: number) => ['board', pipelineId, 'cards'] as const,
  /** one column's cards (an infinite query of pages), for one set of filters */
  stageCards: (pipelineId: number, filters: BoardFilters, stageId: number) => ['board', pipelineId, 'cards', filters, stageId] as const,
  /** pipelines, users, lost-reason policy and the user's collapsed columns */
  meta: () => ['board-meta'] as const,
};

export const mutationKeys = {
  /** every write the board makes (moves, won/lost, quick-add): live updates wait while any is pending */
  boardWrite: () => ['board', 'write'] as const,
  boardPreferences: () => ['board', 'preferences'] as const,
};

export const workKeys = {
  /** every inbox ("My work") */
  all: ['work'] as const,
  /** one inbox: `me`, `team` or a user ID */
  inbox: (scope: string) => ['work', scope] as const,
};

export const importKeys = {
  /** one import's progress and results (polled while it runs) */
  progress: (importId: string) => ['import', importId] as const,
  /** an import about to be undone: how many of its records changed since (read when the dialog opens) */
  undoCheck: (importId: string) => ['import', importId, 'undo-check'] as const,
};
