import 'server-only';
import { randomBytes } from 'node:crypto';
import { db } from '../../db';
import { getEnv } from '../../env';

const SECRET_SETTING = 'auth.secret';

/**
 * The key that signs session cookies: AUTH_SECRET when set, otherwise one generated on first use
 * and kept in the settings table, so `npm start` needs no configuration and every server process on
 * one database signs and checks cookies with the same key.
 */
export async function getAuthSecret(): Promise<string> {
  const configured = getEnv().AUTH_SECRET;
  if (configured) return configured;
  const candidate = randomBytes(32).toString('base64url');
  // first writer wins; everyone reads the stored value
  await db.setting.createMany({ data: [{ key: SECRET_SETTING, value: candidate }], skipDuplicates: true });
  const stored = await db.setting.findUniqueOrThrow({ where: { key: SECRET_SETTING }, select: { value: true } });
  if (typeof stored.value !== 'string' || stored.value.length < 32) throw new Error(`The ${SECRET_SETTING} setting is not a usable secret.`);
  return stored.value;
}
