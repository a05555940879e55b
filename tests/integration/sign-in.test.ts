import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuth, resetAuthForTests } from '../../lib/auth/auth';
import { db } from '../../lib/db';
import { getEnv, resetEnvForTests } from '../../lib/env';
import { recordFailedSignIn, SIGN_IN_LIMITS } from '../../lib/services/auth/sign-in-throttle';
import { insertUserWithPassword } from '../../lib/services/users/insert-user-with-password';

// Email + password sign-in through the real better-auth handler (what app/api/auth/[...all] serves):
// cookies, sessions, deactivated accounts, and the failed-sign-in throttle kept in sign_in_throttles.

const APP = 'http://localhost:3000';
const PASSWORD = 'correct horse battery staple';
const COOKIE = 'dealboard.session_token';
const saved = { APP_URL: process.env.APP_URL, SIGN_IN_FAILURE_DELAY_MS_MAX: process.env.SIGN_IN_FAILURE_DELAY_MS_MAX };

function setDelayMax(ms: number): void {
  process.env.SIGN_IN_FAILURE_DELAY_MS_MAX = String(ms);
  resetEnvForTests();
}

beforeAll(() => {
  // better-auth checks a browser POST's Origin against APP_URL, which is this in tests
  delete process.env.APP_URL;
  // failed sign-ins are not held back here (but see "holds back failures past the free ones")
  setDelayMax(0);
  resetAuthForTests();
});

afterAll(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
  resetAuthForTests();
});

let userCount = 0;

async function createUser({ deactivated = false }: { deactivated?: boolean } = {}): Promise<{ id: number; email: string }> {
  userCount += 1;
  const email = `person${userCount}@sign-in.test`;
  const user = await db.$transaction((tx) => insertUserWithPassword(tx, { name: `Person ${userCount}`, email, role: 'rep', password: PASSWORD }));
  if (deactivated) await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
  return user;
}

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown> | null;
  /** the session cookie's Set-Cookie line, if any */
  setCookie: string | undefined;
  ms: number;
}

async function post(path: string, { body, address = '203.0.113.7', cookie }: { body?: unknown; address?: string; cookie?: string }): Promise<Answer> {
  const auth = await getAuth();
  const headers: Record<string, string> = { 'content-type': 'application/json', origin: APP, 'x-forwarded-for': address };
  if (cookie) headers.cookie = cookie;
  const started = performance.now();
  const response = await auth.handler(
    new Request(`${APP}/api/auth${path}`, { method: 'POST', headers, body: body === undefined ? undefined : JSON.stringify(body) }),
  );
  const ms = performance.now() - started;
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
    setCookie: response.headers.getSetCookie().find((line) => line.startsWith(`${COOKIE}=`)),
    ms,
  };
}

function signIn(email: string, password: string, options: { address?: string; cookie?: string } = {}): Promise<Answer> {
  return post('/sign-in/email', { body: { email, password }, ...options });
}

/** `dealboard.session_token=<value>` as a browser sends it back. */
function cookieOf(setCookie: string | undefined): string {
  expect(setCookie).toBeDefined();
  return setCookie!.split(';')[0]!;
}

/** The session token inside the signed cookie value (`<token>.<signature>`). */
function tokenOf(setCookie: string | undefined): string {
  const value = decodeURIComponent(cookieOf(setCookie).slice(COOKIE.length + 1));
  return value.slice(0, value.lastIndexOf('.'));
}

const sessionsOf = (userId: number) => db.session.findMany({ where: { userId }, select: { token: true } });
const throttleRow = (key: string) => db.signInThrottle.findUnique({ where: { key } });

describe('sign-in with email and password', () => {
  it('signs in with the right password: 200, an HttpOnly SameSite=Lax session cookie and a session row', async () => {
    const user = await createUser();
    const answer = await signIn(user.email, PASSWORD);
    expect(answer.status).toBe(200);
    const attributes = answer.setCookie!.split(';').map((part) => part.trim().toLowerCase());
    expect(attributes).toContain('httponly');
    expect(attributes).toContain('samesite=lax');
    expect(attributes).toContain('path=/');
    // APP_URL is http here: no Secure (it would never be sent back)
    expect(attributes).not.toContain('secure');
    const token = tokenOf(answer.setCookie);
    expect(token.length).toBeGreaterThanOrEqual(24);
    expect(await sessionsOf(user.id)).toEqual([{ token }]);
    const row = await db.session.findUniqueOrThrow({ where: { token }, select: { ipAddress: true, expiresAt: true } });
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    // last sign-in is remembered
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).lastSignInAt).not.toBeNull();
  });

  it('accepts the email in another case', async () => {
    const user = await createUser();
    expect((await signIn(user.email.toUpperCase(), PASSWORD, { address: '203.0.113.8' })).status).toBe(200);
  });

  it('refuses a wrong password with 401, no cookie and no session, and says the same as for an unknown email', async () => {
    const user = await createUser();
    const wrong = await signIn(user.email, 'not the password', { address: '203.0.113.9' });
    expect(wrong.status).toBe(401);
    expect(wrong.setCookie).toBeUndefined();
    expect(await sessionsOf(user.id)).toEqual([]);
    const unknown = await signIn('nobody@sign-in.test', 'not the password', { address: '203.0.113.9' });
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
  });

  // what a browser sends from another site (Fetch Metadata, or its cookies). better-auth skips this
  // check when NODE_ENV=test unless advanced.disableOriginCheck is set to false explicitly.
  it.each([
    [
      'a cross-site form post (navigation)',
      { 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' },
    ],
    ['a cross-site fetch', { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty' }],
    ['a post carrying cookies', { 'content-type': 'application/json', cookie: 'theme=dark' }],
  ])('refuses a sign-in from another origin: %s', async (_name, browserHeaders: Record<string, string>) => {
    const user = await createUser();
    const auth = await getAuth();
    const form = browserHeaders['content-type'] !== 'application/json';
    const response = await auth.handler(
      new Request(`${APP}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'x-forwarded-for': '203.0.113.10', ...browserHeaders },
        body: form ? new URLSearchParams({ email: user.email, password: PASSWORD }).toString() : JSON.stringify({ email: user.email, password: PASSWORD }),
      }),
    );
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(await sessionsOf(user.id)).toEqual([]);
  });

  it('issues a new session token when the browser already carries one (no session fixation)', async () => {
    const user = await createUser();
    const first = await signIn(user.email, PASSWORD, { address: '203.0.113.11' });
    expect(first.status).toBe(200);
    const again = await signIn(user.email, PASSWORD, { address: '203.0.113.11', cookie: cookieOf(first.setCookie) });
    expect(again.status).toBe(200);
    expect(tokenOf(again.setCookie)).not.toBe(tokenOf(first.setCookie));
    expect(again.body?.token).toBe(tokenOf(again.setCookie));
    // a token planted by someone else is never adopted either
    const planted = `${COOKIE}=planted-by-attacker-0123456789abcdef.signature`;
    const fresh = await signIn(user.email, PASSWORD, { address: '203.0.113.11', cookie: planted });
    expect(fresh.status).toBe(200);
    expect(tokenOf(fresh.setCookie)).not.toContain('planted');
    expect(await db.session.count({ where: { token: { startsWith: 'planted' } } })).toBe(0);
  });

  it('refuses a deactivated user with 403 and a clear message, and creates no session', async () => {
    const user = await createUser({ deactivated: true });
    const answer = await signIn(user.email, PASSWORD, { address: '203.0.113.12' });
    expect(answer.status).toBe(403);
    expect(answer.setCookie).toBeUndefined();
    expect(answer.body).toMatchObject({ code: 'ACCOUNT_DEACTIVATED' });
    expect(String(answer.body?.message)).toMatch(/deactivated/i);
    expect(await sessionsOf(user.id)).toEqual([]);
  });

  it('signs out: the session row is deleted and the cookie cleared', async () => {
    const user = await createUser();
    const signedIn = await signIn(user.email, PASSWORD, { address: '203.0.113.13' });
    const token = tokenOf(signedIn.setCookie);
    const out = await post('/sign-out', { cookie: cookieOf(signedIn.setCookie), address: '203.0.113.13' });
    expect(out.status).toBe(200);
    expect(await db.session.findUnique({ where: { token } })).toBeNull();
    expect(out.setCookie).toMatch(/max-age=0/i);
  });
});

describe('failed sign-in throttle', () => {
  it(`refuses an email with 429 and Retry-After after ${SIGN_IN_LIMITS.email.points} failures, even with the right password`, async () => {
    const user = await createUser();
    const address = '198.51.100.1';
    const statuses: number[] = [];
    for (let i = 0; i < SIGN_IN_LIMITS.email.points; i += 1) statuses.push((await signIn(user.email, `wrong ${i}`, { address })).status);
    expect(statuses).toEqual(Array(SIGN_IN_LIMITS.email.points).fill(401));

    const refused = await signIn(user.email, PASSWORD, { address });
    expect(refused.status).toBe(429);
    expect(refused.setCookie).toBeUndefined();
    const retryAfter = refused.headers.get('retry-after');
    expect(retryAfter).toMatch(/^[1-9][0-9]*$/);
    expect(Number(retryAfter)).toBeLessThanOrEqual(SIGN_IN_LIMITS.email.duration);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_SIGN_IN_ATTEMPTS' });
    expect(String(refused.body?.message)).toMatch(/too many failed sign-ins/i);
    expect(await sessionsOf(user.id)).toEqual([]);

    // counted in the database, so every server process sees it: a fresh process (no limiter, no
    // auth instance in memory) refuses too
    expect(await throttleRow(`email:${user.email}`)).toMatchObject({ points: SIGN_IN_LIMITS.email.points });
    expect(await throttleRow(`ip:${address}`)).toMatchObject({ points: SIGN_IN_LIMITS.email.points });
    (globalThis as Record<symbol, unknown>)[Symbol.for('dealboard.signInLimiters')] = undefined;
    resetAuthForTests();
    expect((await signIn(user.email, PASSWORD, { address })).status).toBe(429);
    // the email's limit holds from any address, and for the email in another case
    expect((await signIn(user.email.toUpperCase(), PASSWORD, { address: '198.51.100.99' })).status).toBe(429);
    // refusals are not counted as more failures
    expect(await throttleRow(`email:${user.email}`)).toMatchObject({ points: SIGN_IN_LIMITS.email.points });

    // someone else, elsewhere, still signs in
    const other = await createUser();
    expect((await signIn(other.email, PASSWORD, { address: '198.51.100.2' })).status).toBe(200);
  });

  it(`refuses an address after ${SIGN_IN_LIMITS.address.points} failures across many emails`, async () => {
    const address = '198.51.100.3';
    // the first failures through the handler (each a different, unknown email)…
    const viaHandler = 5;
    for (let i = 0; i < viaHandler; i += 1) {
      expect((await signIn(`guess${i}@sign-in.test`, 'wrong password', { address })).status, `attempt ${i + 1}`).toBe(401);
    }
    expect(await throttleRow(`ip:${address}`)).toMatchObject({ points: viaHandler });
    // …the rest counted by the hook's own function, without a password hash each
    for (let i = viaHandler; i < SIGN_IN_LIMITS.address.points; i += 1) await recordFailedSignIn({ email: `guess${i}@sign-in.test`, address });
    expect(await throttleRow(`ip:${address}`)).toMatchObject({ points: SIGN_IN_LIMITS.address.points });

    const user = await createUser();
    const refused = await signIn(user.email, PASSWORD, { address });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(SIGN_IN_LIMITS.address.duration);
    expect(String(refused.body?.message)).toMatch(/network address/i);
    expect(await sessionsOf(user.id)).toEqual([]);
    // the same person from another address is fine
    expect((await signIn(user.email, PASSWORD, { address: '198.51.100.4' })).status).toBe(200);
  });

  it("clears the email's count on a successful sign-in before the limit", async () => {
    const user = await createUser();
    const address = '198.51.100.5';
    for (let i = 0; i < SIGN_IN_LIMITS.email.points - 1; i += 1) expect((await signIn(user.email, 'wrong', { address })).status).toBe(401);
    expect(await throttleRow(`email:${user.email}`)).toMatchObject({ points: SIGN_IN_LIMITS.email.points - 1 });
    expect((await signIn(user.email, PASSWORD, { address })).status).toBe(200);
    expect(await throttleRow(`email:${user.email}`)).toBeNull();
    // counting starts again from zero: one more failure does not reach the limit
    expect((await signIn(user.email, 'wrong', { address })).status).toBe(401);
    expect(await throttleRow(`email:${user.email}`)).toMatchObject({ points: 1 });
    expect((await signIn(user.email, PASSWORD, { address })).status).toBe(200);
    // the address keeps its count: a success does not wipe out someone else's guesses
    expect(await throttleRow(`ip:${address}`)).toMatchObject({ points: SIGN_IN_LIMITS.email.points });
  });

  it.each([
    ['an invalid spelling of the same email', (email: string) => ({ email: ` ${email.toUpperCase()} `, password: 'x' })],
    ['a password over the length limit', (email: string) => ({ email, password: 'x'.repeat(300) })],
    ['a body without a password', (email: string) => ({ email })],
    ['a password that is not a string', (email: string) => ({ email, password: 12345678 })],
  ])("does not clear an email's count for a refused request that is not a sign-in (%s)", async (_name, bodyFor) => {
    const user = await createUser();
    const address = '198.51.100.6';
    for (let i = 0; i < SIGN_IN_LIMITS.freeFailures; i += 1) expect((await signIn(user.email, 'wrong', { address })).status).toBe(401);
    const refused = await post('/sign-in/email', { body: bodyFor(user.email), address });
    expect(refused.status).toBe(400);
    expect(refused.setCookie).toBeUndefined();
    // otherwise a guesser resets the count between guesses and is never stopped
    expect(await throttleRow(`email:${user.email}`)).toMatchObject({ points: SIGN_IN_LIMITS.freeFailures });
  });

  it('holds back failures past the free ones, longer each time, up to SIGN_IN_FAILURE_DELAY_MS_MAX', async () => {
    const timeFailures = async (email: string, count: number): Promise<number[]> => {
      const times: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const started = performance.now();
        await recordFailedSignIn({ email, address: '198.51.100.7' });
        times.push(performance.now() - started);
      }
      return times;
    };
    try {
      setDelayMax(600);
      const times = await timeFailures('slowed@sign-in.test', SIGN_IN_LIMITS.freeFailures + 4);
      const held = times.slice(SIGN_IN_LIMITS.freeFailures);
      // 250 ms, then doubling, capped at the maximum
      expect(held[0]).toBeGreaterThanOrEqual(240);
      expect(held[1]).toBeGreaterThanOrEqual(490);
      expect(held[2]).toBeGreaterThanOrEqual(590);
      expect(held[3]).toBeGreaterThanOrEqual(590);
      expect(held[3]).toBeLessThan(2_000);

      // 0: no hold-back at all (unbounded, 7 failures past the free ones would take 31 s)
      setDelayMax(0);
      const unheld = await timeFailures('unheld@sign-in.test', SIGN_IN_LIMITS.email.points);
      expect(unheld.reduce((a, b) => a + b, 0)).toBeLessThan(5_000);
    } finally {
      setDelayMax(0);
    }
    // by default a failure is held back up to 4 s
    delete process.env.SIGN_IN_FAILURE_DELAY_MS_MAX;
    resetEnvForTests();
    expect(getEnv().SIGN_IN_FAILURE_DELAY_MS_MAX).toBe(4_000);
    setDelayMax(0);
  });
});
