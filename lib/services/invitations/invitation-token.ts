import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

// An invitation link carries a random token; only its SHA-256 is stored, so the table alone
// cannot be turned into working links.

export const INVITATION_DAYS = 7;

export function newInvitationToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
