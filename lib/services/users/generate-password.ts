import 'server-only';
import { randomBytes } from 'node:crypto';

/** A password for someone who did not choose one: 18 random bytes, 24 URL-safe characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString('base64url');
}
