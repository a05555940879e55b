import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuth, resetAuthForTests } from '../../lib/auth/auth';
import { db } from '../../lib/db';
import { resetEnvForTests } from '../../lib/env';
import { isAppError } from '../../lib/errors';
import type { ServiceContext } from '../../lib/services/context';
import { readSecuritySettings, updateSecuritySettings } from '../../lib/services/settings/security-settings';
import { insertUserWithPassword } from '../../lib/services/users/insert-user-with-password';

// The second factor through the real better-auth handler (what app/api/auth/[...all] serves): an
// authenticator app is on only after a first valid code; from then on signing in with the password
// sets a short-lived two-factor cookie and no session until a code (or a recovery code, once) is
// given. And only admins may require a second factor of everyone.

const APP = 'http://localhost:3000';
const PASSWORD = 'correct horse battery staple';
const SESSION_COOKIE = 'dealboard.session_token';
const saved = { APP_URL: process.env.APP_URL };

beforeAll(() => {
  // better-auth checks a browser POST's Origin against APP_URL, which is this in tests
  delete process.env.APP_URL;
  resetEnvForTests();
  resetAuthForTests();
});

afterAll(() => {
  if (saved.APP_URL === undefined) delete process.env.APP_URL;
  else process.env.APP_URL = saved.APP_URL;
  resetEnvForTests();
  resetAuthForTests();
});

/** The cookies a browser would hold for this site: set by Set-Cookie, dropped when expired. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const at = pair!.indexOf('=');
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }

  header(): string | undefined {
    return this.cookies.size ? [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') : undefined;
  }
}

interface Answer {
  status: number;
  body: Record<string, unknown> | null;
  /** whether this answer set a (non-empty) session cookie */
  setsSession: boolean;
}

async function call(jar: CookieJar, path: string, body?: unknown, method: 'GET' | 'POST' = 'POST'): Promise<Answer> {
  const auth = await getAuth();
  const headers: Record<string, string> = { origin: APP, 'x-forwarded-for': '198.51.100.20' };
  if (method === 'POST') headers['content-type'] = 'application/json';
  const cookie = jar.header();
  if (cookie) headers.cookie = cookie;
  const response = await auth.handler(new Request(`${APP}/api/auth${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) }));
  jar.take(response);
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    setsSession: response.headers.getSetCookie().some((line) => line.startsWith(`${SESSION_COOKIE}=`) && !line.startsWith(`${SESSION_COOKIE}=;`)),
  };
}

let userCount = 0;

async function createUser(role: 'rep' | 'admin' = 'rep'): Promise<{ id: number; name: string; email: string; role: 'rep' | 'admin' }> {
  userCount += 1;
  const email = `person${userCount}@two-factor.test`;
  const user = await db.$transaction((tx) => insertUserWithPassword(tx, { name: `Person ${userCount}`, email, role, password: PASSWORD }));
  return { ...user, role };
}

async function signIn(jar: CookieJar, email: string): Promise<Answer> {
  return call(jar, '/sign-in/email', { email, password: PASSWORD });
}

/** The secret of an otpauth:// URI as an authenticator app reads it (Base32). */
function secretOf(totpURI: string): string {
  const secret = new URL(totpURI).searchParams.get('secret');
  expect(secret).toMatch(/^[A-Z2-7]+$/);
  return secret!;
}

/** The code an authenticator app shows now for this secret. */
function codeFor(secret: string): Promise<string> {
  return createOTP(base32.decode(secret)).totp();
}

/** A six-digit code that is not the current one (nor the ones either side of it). */
async function wrongCodeFor(secret: string): Promise<string> {
  const key = base32.decode(secret);
  const counter = Math.floor(Date.now() / 30_000);
  const near = await Promise.all([-1, 0, 1].map((i) => createOTP(key).hotp(counter + i)));
  let guess = Number(near[1]);
  do guess = (guess + 111_111) % 1_000_000;
  while (near.includes(String(guess).padStart(6, '0')));
  return String(guess).padStart(6, '0');
}

const sessionsOf = (userId: number) => db.session.count({ where: { userId } });
const twoFactorEnabled = async (userId: number) =>
  (await db.user.findUniqueOrThrow({ where: { id: userId }, select: { twoFactorEnabled: true } })).twoFactorEnabled;

/** A signed-in user who turned on an authenticator app: its secret and recovery codes. */
async function userWithTwoFactor(): Promise<{ user: { id: number; email: string }; jar: CookieJar; secret: string; backupCodes: string[] }> {
  const user = await createUser();
  const jar = new CookieJar();
  expect((await signIn(jar, user.email)).status).toBe(200);
  const enabled = await call(jar, '/two-factor/enable', { password: PASSWORD });
  expect(enabled.status).toBe(200);
  const secret = secretOf(enabled.body!.totpURI as string);
  expect((await call(jar, '/two-factor/verify-totp', { code: await codeFor(secret) })).status).toBe(200);
  return { user, jar, secret, backupCodes: enabled.body!.backupCodes as string[] };
}

describe('turning on an authenticator app', () => {
  it('asks for the password, answers a TOTP URI and ten recovery codes, and turns on only after a first valid code', async () => {
    const user = await createUser();
    const jar = new CookieJar();
    expect((await signIn(jar, user.email)).status).toBe(200);

    const wrongPassword = await call(jar, '/two-factor/enable', { password: 'not the password' });
    expect(wrongPassword.status).toBe(400);
    expect(wrongPassword.body?.code).toBe('INVALID_PASSWORD');

    const enabled = await call(jar, '/two-factor/enable', { password: PASSWORD });
    expect(enabled.status).toBe(200);
    const totpURI = enabled.body!.totpURI as string;
    expect(totpURI).toMatch(/^otpauth:\/\/totp\/Dealboard:/);
    expect(decodeURIComponent(totpURI)).toContain(user.email);
    expect(new URL(totpURI).searchParams.get('issuer')).toBe('Dealboard');
    const backupCodes = enabled.body!.backupCodes as string[];
    expect(backupCodes).toHaveLength(10);
    expect(new Set(backupCodes).size).toBe(10);
    // nothing is on yet: an app set up wrongly must not lock the user out
    expect(await twoFactorEnabled(user.id)).toBe(false);
    expect(await db.twoFactor.findFirstOrThrow({ where: { userId: user.id }, select: { verified: true } })).toEqual({ verified: false });
    // and the secret is stored encrypted, not as the app reads it
    const secret = secretOf(totpURI);
    const row = await db.twoFactor.findFirstOrThrow({ where: { userId: user.id }, select: { secret: true, backupCodes: true } });
    expect(row.secret).not.toContain(secret);
    expect(row.backupCodes).not.toContain(backupCodes[0]);

    const wrong = await call(jar, '/two-factor/verify-totp', { code: await wrongCodeFor(secret) });
    expect(wrong.status).toBe(401);
    expect(wrong.body?.code).toBe('INVALID_CODE');
    expect(await twoFactorEnabled(user.id)).toBe(false);

    const right = await call(jar, '/two-factor/verify-totp', { code: await codeFor(secret) });
    expect(right.status).toBe(200);
    expect(await twoFactorEnabled(user.id)).toBe(true);
    expect(await db.twoFactor.findFirstOrThrow({ where: { userId: user.id }, select: { verified: true } })).toEqual({ verified: true });
    // the browser stays signed in (better-auth swaps the session for one that knows the factor)
    const session = await call(jar, '/get-session', undefined, 'GET');
    expect(session.status).toBe(200);
    expect((session.body?.user as { twoFactorEnabled?: boolean } | undefined)?.twoFactorEnabled).toBe(true);
    expect(await sessionsOf(user.id)).toBe(1);
  });

  it('refuses turning it on without a session', async () => {
    const answer = await call(new CookieJar(), '/two-factor/enable', { password: PASSWORD });
    expect(answer.status).toBe(401);
  });
});

describe('signing in with a second factor', () => {
  it('answers twoFactorRedirect and makes no session until the right code; a wrong code is refused', async () => {
    const { user, jar, secret } = await userWithTwoFactor();
    expect((await call(jar, '/sign-out', {})).status).toBe(200);
    expect(await sessionsOf(user.id)).toBe(0);
    await db.user.update({ where: { id: user.id }, data: { lastSignInAt: null } });
    const lastSignIn = async () => (await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { lastSignInAt: true } })).lastSignInAt;

    const browser = new CookieJar();
    const first = await signIn(browser, user.email);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ twoFactorRedirect: true, twoFactorMethods: ['totp'] });
    expect(first.setsSession).toBe(false);
    expect(browser.has(SESSION_COOKIE)).toBe(false);
    expect(browser.has('dealboard.two_factor')).toBe(true);
    expect(await sessionsOf(user.id)).toBe(0);
    expect((await call(browser, '/get-session', undefined, 'GET')).body).toBeNull();

    // a code without the two-factor cookie (another browser) leads nowhere
    const stranger = await call(new CookieJar(), '/two-factor/verify-totp', { code: await codeFor(secret) });
    expect(stranger.status).toBe(401);
    expect(stranger.body?.code).toBe('INVALID_TWO_FACTOR_COOKIE');

    const wrong = await call(browser, '/two-factor/verify-totp', { code: await wrongCodeFor(secret) });
    expect(wrong.status).toBe(401);
    expect(wrong.body?.code).toBe('INVALID_CODE');
    expect(wrong.setsSession).toBe(false);
    expect(await sessionsOf(user.id)).toBe(0);
    // the password alone is not a sign-in yet (Settings → Users shows the last one)
    expect(await lastSignIn()).toBeNull();

    const right = await call(browser, '/two-factor/verify-totp', { code: await codeFor(secret) });
    expect(right.status).toBe(200);
    expect(right.setsSession).toBe(true);
    expect(await sessionsOf(user.id)).toBe(1);
    expect(await lastSignIn()).not.toBeNull();
    expect(browser.has('dealboard.two_factor')).toBe(false);
    const session = await call(browser, '/get-session', undefined, 'GET');
    expect((session.body?.user as { email?: string } | undefined)?.email).toBe(user.email);
  });

  it('gives up on a sign-in after five wrong codes: the password must be given again', async () => {
    const { user, jar, secret } = await userWithTwoFactor();
    await call(jar, '/sign-out', {});
    const browser = new CookieJar();
    await signIn(browser, user.email);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect((await call(browser, '/two-factor/verify-totp', { code: await wrongCodeFor(secret) })).status).toBe(401);
    }
    const sixth = await call(browser, '/two-factor/verify-totp', { code: await codeFor(secret) });
    expect(sixth.status).toBe(400);
    expect(sixth.body?.code).toBe('TOO_MANY_ATTEMPTS_REQUEST_NEW_CODE');
    expect(await sessionsOf(user.id)).toBe(0);
    // a new sign-in with the password starts over
    await signIn(browser, user.email);
    expect((await call(browser, '/two-factor/verify-totp', { code: await codeFor(secret) })).status).toBe(200);
  });

  it('accepts each recovery code once', async () => {
    const { user, jar, backupCodes } = await userWithTwoFactor();
    await call(jar, '/sign-out', {});
    const [firstCode, secondCode] = backupCodes as [string, string];

    const browser = new CookieJar();
    expect((await signIn(browser, user.email)).body?.twoFactorRedirect).toBe(true);
    const used = await call(browser, '/two-factor/verify-backup-code', { code: firstCode });
    expect(used.status).toBe(200);
    expect(used.setsSession).toBe(true);
    expect(await sessionsOf(user.id)).toBe(1);
    await call(browser, '/sign-out', {});

    expect((await signIn(browser, user.email)).body?.twoFactorRedirect).toBe(true);
    const again = await call(browser, '/two-factor/verify-backup-code', { code: firstCode });
    expect(again.status).toBe(401);
    expect(again.body?.code).toBe('INVALID_BACKUP_CODE');
    expect(await sessionsOf(user.id)).toBe(0);
    // the others still work
    expect((await call(browser, '/two-factor/verify-backup-code', { code: secondCode })).status).toBe(200);
    expect(await sessionsOf(user.id)).toBe(1);
  });

  it('new recovery codes (with the password) replace the old ones', async () => {
    const { user, jar, backupCodes } = await userWithTwoFactor();
    expect((await call(jar, '/two-factor/generate-backup-codes', { password: 'not the password' })).status).toBe(400);
    const renewed = await call(jar, '/two-factor/generate-backup-codes', { password: PASSWORD });
    expect(renewed.status).toBe(200);
    const fresh = renewed.body!.backupCodes as string[];
    expect(fresh).toHaveLength(10);
    await call(jar, '/sign-out', {});

    const browser = new CookieJar();
    await signIn(browser, user.email);
    expect((await call(browser, '/two-factor/verify-backup-code', { code: backupCodes[0] })).status).toBe(401);
    expect((await call(browser, '/two-factor/verify-backup-code', { code: fresh[0] })).status).toBe(200);
  });

  it('turning it off takes the password; afterwards the password alone signs in', async () => {
    const { user, jar } = await userWithTwoFactor();
    const refused = await call(jar, '/two-factor/disable', { password: 'not the password' });
    expect(refused.status).toBe(400);
    expect(await twoFactorEnabled(user.id)).toBe(true);

    expect((await call(jar, '/two-factor/disable', { password: PASSWORD })).status).toBe(200);
    expect(await twoFactorEnabled(user.id)).toBe(false);
    expect(await db.twoFactor.count({ where: { userId: user.id } })).toBe(0);
    await call(jar, '/sign-out', {});

    const browser = new CookieJar();
    const signedIn = await signIn(browser, user.email);
    expect(signedIn.body?.twoFactorRedirect).toBeUndefined();
    expect(signedIn.setsSession).toBe(true);
    expect(await sessionsOf(user.id)).toBe(1);
  });
});

describe('requiring a second factor of everyone', () => {
  const contextOf = (user: { id: number; name: string; email: string; role: 'rep' | 'admin' }): ServiceContext => ({ user, source: 'ui' });

  it('is an admin-only setting', async () => {
    const rep = contextOf(await createUser('rep'));
    const admin = contextOf(await createUser('admin'));
    const refusal = await updateSecuritySettings({ ctx: rep, input: { requireTwoFactor: true } }).catch((error: unknown) => error);
    expect(isAppError(refusal)).toBe(true);
    expect(isAppError(refusal) && refusal.status).toBe(403);
    expect(await readSecuritySettings()).toEqual({ requireTwoFactor: false });

    expect(await updateSecuritySettings({ ctx: admin, input: { requireTwoFactor: true } })).toEqual({ requireTwoFactor: true });
    expect(await readSecuritySettings()).toEqual({ requireTwoFactor: true });
    await updateSecuritySettings({ ctx: admin, input: { requireTwoFactor: false } });
    expect(await readSecuritySettings()).toEqual({ requireTwoFactor: false });
  });

  it('while required, nobody can turn their own second factor off, even through the endpoint', async () => {
    const admin = contextOf(await createUser('admin'));
    const { user, jar } = await userWithTwoFactor();
    await updateSecuritySettings({ ctx: admin, input: { requireTwoFactor: true } });
    try {
      const refused = await call(jar, '/two-factor/disable', { password: PASSWORD });
      expect(refused.status).toBe(403);
      expect(String(refused.body?.message)).toContain('requires two-factor authentication');
      expect(await twoFactorEnabled(user.id)).toBe(true);
    } finally {
      await updateSecuritySettings({ ctx: admin, input: { requireTwoFactor: false } });
    }
    expect((await call(jar, '/two-factor/disable', { password: PASSWORD })).status).toBe(200);
  });
});
