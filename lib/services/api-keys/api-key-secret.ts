import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

// Keys are 32 random bytes, shown once; only their SHA-256 is stored. A fast hash is right here:
// the key is random and long, so there is nothing to brute-force that a slow hash would protect.
const KEY_PREFIX = 'dbk_';

export function generateApiKeySecret(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

export function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** What is shown in lists so keys can be told apart: "dbk_AbCd…". */
export function displayPrefix(secret: string): string {
  return secret.slice(0, KEY_PREFIX.length + 6);
}
