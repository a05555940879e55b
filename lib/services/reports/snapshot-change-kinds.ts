// Kinds of change between two snapshots of a pipeline, in the order reports list them (pure:
// shared with the API schemas).
export const SNAPSHOT_CHANGE_KINDS = ['won', 'lost', 'forward', 'backward', 'reopened', 'created', 'transferred_in', 'transferred_out', 'deleted'] as const;
export type SnapshotChange = (typeof SNAPSHOT_CHANGE_KINDS)[number];
