// Kinds of stage moves the movement report tells apart (pure: shared with the API schemas).
export const MOVEMENT_DIRECTIONS = ['new', 'forward', 'backward', 'won', 'lost', 'reopened', 'transfer_in', 'transfer_out'] as const;
export type MovementDirection = (typeof MOVEMENT_DIRECTIONS)[number];
