// Who may change a deal: the one rule behind every door that writes a deal (board, deal page, bulk
// actions, REST and the compatibility dialects, through the deal services) and behind the board
// and deal page hiding what the viewer cannot use. Pure, so the browser imports it too.

export type DealAccessRole = 'rep' | 'manager' | 'admin';

export interface DealAccessSettings {
  /** the workspace setting "reps edit only their own deals" (default off) */
  repsEditOwnDealsOnly: boolean;
}

export const DEFAULT_DEAL_ACCESS: DealAccessSettings = { repsEditOwnDealsOnly: false };

/** Whether the setting restricts this person at all: managers and admins change every deal. */
export function isRestrictedToOwnDeals(role: DealAccessRole, settings: DealAccessSettings): boolean {
  return role === 'rep' && settings.repsEditOwnDealsOnly;
}

/**
 * Whether `user` may edit, move, close or delete a deal owned by `ownerId` (null: nobody) — and
 * likewise make `ownerId` the owner of a deal they create or hand over.
 */
export function mayChangeDeal(user: { id: number; role: DealAccessRole }, ownerId: number | null, settings: DealAccessSettings): boolean {
  return !isRestrictedToOwnDeals(user.role, settings) || ownerId === user.id;
}

export const OWN_DEALS_ONLY_MESSAGE = 'Reps can change only the deals they own in this workspace; ask the owner or a manager.';
export const ASSIGN_OWNER_MESSAGE = 'Reps keep the deals they create or own in this workspace; only managers and admins hand deals to someone else.';
