import { fromPublicId } from '../ids';

// Whose work the inbox shows, as its URL says it (/work, /work?person=team, /work?person=user_…).

export const TEAM_SCOPE = 'team';

/** The viewer's own (`undefined` or `me`), the team's, a user's integer ID; null when not a person. */
export function parseWorkScope(scope: string | undefined, viewerId: number): number | 'team' | null {
  if (scope === undefined || scope === '' || scope === 'me') return viewerId;
  if (scope === TEAM_SCOPE) return 'team';
  return fromPublicId('user', scope);
}
