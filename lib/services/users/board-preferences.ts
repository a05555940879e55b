// The board part of User.preferences (JSON), read leniently: anything unexpected reads as "nothing".
// Shape: { "board": { "collapsedStageIds": [12, 15] }, …other preferences kept as they are }

export interface BoardPreferences {
  /** stages whose column the user collapsed to a narrow strip (stage IDs are unique across pipelines) */
  collapsedStageIds: number[];
}

export function readBoardPreferences(preferences: unknown): BoardPreferences {
  const board = isRecord(preferences) && isRecord(preferences.board) ? preferences.board : {};
  const ids = Array.isArray(board.collapsedStageIds) ? board.collapsedStageIds : [];
  return { collapsedStageIds: [...new Set(ids.filter((id): id is number => Number.isSafeInteger(id) && (id as number) > 0))].sort((a, b) => a - b) };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
