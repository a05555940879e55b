import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuth, resetAuthForTests, SSO_PROVIDER_ID } from '../../lib/auth/auth';
import { db } from '../../lib/db';
import { isAppError } from '../../lib/errors';
import { resetEnvForTests } from '../../lib/env';
import type { ServiceContext } from '../../lib/services/context';
import { readSsoSettings, updateSsoSettings } from '../../lib/services/settings/sso-settings';
import { insertUserWithPassword } from '../../lib/services/users/insert-user-with-password';
import { startOidcProvider, type OidcTestProvider } from '../support/oidc-provider';

// Single sign-on against a real OpenID Connect provider (oidc-provider on 127.0.0.1): the whole
// authorization-code flow over HTTP — better-auth's handler starts it, the provider's login form is
// filled in, the provider's redirect comes back into the handler — and what it leaves in the database.

const APP = 'http://localhost:3000';
const COOKIE = 'dealboard.session_token';
const ENV_KEYS = ['APP_URL', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_NAME'] as const;
const saved = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

let provider: OidcTestProvider;
let admin: ServiceContext;

beforeAll(async () => {
  provider = await startOidcProvider({ redirectUris: [`${APP}/api/auth/callback/${SSO_PROVIDER_ID}`] });
  // better-auth checks a browser POST's Origin against APP_URL, which is this in tests
  delete process.env.APP_URL;
  process.env.OIDC_ISSUER = provider.issuer;
  process.env.OIDC_CLIENT_ID = provider.clientId;
  process.env.OIDC_CLIENT_SECRET = provider.clientSecret;
  process.env.OIDC_NAME = 'Test IdP';
  resetEnvForTests();
  resetAuthForTests();
  const row = await db.$transaction((tx) =>
    insertUserWithPassword(tx, { name: 'Ada Admin', email: 'ada@sso.test', role: 'admin', password: 'correct horse battery' }),
  );
  admin = { user: { id: row.id, name: 'Ada Admin', email: 'ada@sso.test', role: 'admin' }, source: 'ui' };
  await updateSsoSettings({ ctx: admin, input: { allowedEmailDomains: 'allowed.example, @Second.example' } });
});

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
  resetAuthForTests();
  await provider?.close();
});

/** Cookies as a browser keeps them for one site (paths and expiry do not matter for these flows). */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0]!;
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      if (!value || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

let accountCount = 0;

/** An identity at the provider; its id is what the login form is given. */
function identity(email: string, emailVerified: boolean): { id: string; email: string } {
  accountCount += 1;
  const account = { id: `subject-${accountCount}`, email, emailVerified, name: `Person ${accountCount}` };
  provider.addAccount(account);
  return account;
}

interface Outcome {
  /** where the browser is sent at the end, relative to the app */
  location: string;
  /** the error code on /sign-in?error=…, if it ended there */
  error: string | null;
  sessionCookie: string | undefined;
}

/**
 * Clicks "Sign in with …" and signs in at the provider as `login`, as a browser would: every
 * request is real, cookies are carried per site, redirects are followed one by one.
 */
async function signInWithSso(login: string, { next = '/deals' } = {}): Promise<Outcome> {
  const auth = await getAuth();
  const app = new CookieJar();
  const idp = new CookieJar();

  const start = await auth.handler(
    new Request(`${APP}/api/auth/sign-in/social`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: APP },
      body: JSON.stringify({ provider: SSO_PROVIDER_ID, callbackURL: next, errorCallbackURL: `/sign-in?next=${encodeURIComponent(next)}` }),
    }),
  );
  expect(start.status).toBe(200);
  app.take(start);
  const { url } = (await start.json()) as { url: string };
  expect(url.startsWith(`${provider.issuer}/`)).toBe(true);

  // at the provider: its login form, then its redirects, until it sends the browser back to the app
  let request: { url: string; init: RequestInit } = { url, init: {} };
  let callback: string | null = null;
  for (let hop = 0; hop < 12 && !callback; hop += 1) {
    const response = await fetch(request.url, { ...request.init, redirect: 'manual', headers: { ...(request.init.headers as object), cookie: idp.header() } });
    idp.take(response);
    if (response.status >= 300 && response.status < 400) {
      const target = new URL(response.headers.get('location')!, request.url).href;
      if (target.startsWith(`${APP}/`)) callback = target;
      else request = { url: target, init: {} };
      continue;
    }
    const html = await response.text();
    expect(response.status, html).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1]?.replaceAll('&amp;', '&');
    expect(html).toContain('name="login"');
    request = {
      url: new URL(action!, request.url).href,
      init: {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ prompt: 'login', login, password: 'any password' }).toString(),
      },
    };
  }
  expect(callback).toMatch(new RegExp(`^${APP}/api/auth/callback/${SSO_PROVIDER_ID}\\?`));

  const answer = await auth.handler(new Request(callback!, { headers: { cookie: app.header() } }));
  expect(answer.status).toBe(302);
  app.take(answer);
  const location = new URL(answer.headers.get('location')!, APP);
  return {
    location: `${location.pathname}${location.search}`,
    error: location.pathname === '/sign-in' ? location.searchParams.get('error') : null,
    sessionCookie: app.get(COOKIE),
  };
}

async function existingUser(email: string, { deactivated = false } = {}): Promise<{ id: number; email: string }> {
  const user = await db.$transaction((tx) =>
    insertUserWithPassword(tx, { name: email.split('@')[0]!, email, role: 'manager', password: 'correct horse battery' }),
  );
  if (deactivated) await db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
  return user;
}

const ssoAccountsOf = (userId: number) => db.account.findMany({ where: { userId, providerId: SSO_PROVIDER_ID }, select: { accountId: true } });
const sessionCount = (userId: number) => db.session.count({ where: { userId } });

describe('single sign-on with an OpenID Connect provider', () => {
  it('links an existing user when the provider verified the email (any case) and signs them in where they were going', async () => {
    const user = await existingUser('maria@customer.example');
    const who = identity('Maria@Customer.example', true);
    const outcome = await signInWithSso(who.id, { next: '/deals?stage=3' });
    expect(outcome).toMatchObject({ location: '/deals?stage=3', error: null });
    expect(outcome.sessionCookie).toBeDefined();
    expect(await ssoAccountsOf(user.id)).toEqual([{ accountId: who.id }]);
    expect(await sessionCount(user.id)).toBe(1);
    // the user keeps who they were: no new user, same role
    expect(await db.user.count({ where: { email: { equals: 'maria@customer.example', mode: 'insensitive' } } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('manager');

    // next time the link itself is found, by the provider's subject
    const again = await signInWithSso(who.id);
    expect(again).toMatchObject({ location: '/deals', error: null });
    expect(await sessionCount(user.id)).toBe(2);
  });

  it('does not link (nor sign in) when the provider has not verified the email', async () => {
    const user = await existingUser('unverified@customer.example');
    const who = identity('unverified@customer.example', false);
    const outcome = await signInWithSso(who.id);
    expect(outcome.error).toBe('account_not_linked');
    expect(outcome.location).toMatch(/^\/sign-in\?next=%2Fdeals&error=account_not_linked/);
    expect(outcome.sessionCookie).toBeUndefined();
    expect(await ssoAccountsOf(user.id)).toEqual([]);
    expect(await sessionCount(user.id)).toBe(0);
  });

  it('creates a new person from an allowed domain as a rep, linked and signed in', async () => {
    const who = identity('newcomer@second.example', true);
    const outcome = await signInWithSso(who.id);
    expect(outcome).toMatchObject({ location: '/deals', error: null });
    expect(outcome.sessionCookie).toBeDefined();
    const created = await db.user.findUniqueOrThrow({ where: { email: 'newcomer@second.example' } });
    expect(created).toMatchObject({ role: 'rep', emailVerified: true, deactivatedAt: null, name: expect.stringMatching(/^Person \d+$/) });
    expect(await ssoAccountsOf(created.id)).toEqual([{ accountId: who.id }]);
    expect(await sessionCount(created.id)).toBe(1);
  });

  it('refuses a new person from a domain that is not allowed, and stores nothing', async () => {
    const usersBefore = await db.user.count();
    const accountsBefore = await db.account.count();
    const who = identity('stranger@elsewhere.example', true);
    const outcome = await signInWithSso(who.id);
    expect(outcome.error).toBe('SSO_SIGN_UP_NOT_ALLOWED');
    expect(outcome.sessionCookie).toBeUndefined();
    expect(await db.user.count()).toBe(usersBefore);
    expect(await db.account.count()).toBe(accountsBefore);
    // a subdomain is another domain
    const sub = identity('someone@team.allowed.example', true);
    expect((await signInWithSso(sub.id)).error).toBe('SSO_SIGN_UP_NOT_ALLOWED');
    expect(await db.user.count()).toBe(usersBefore);
  });

  it('refuses a new person from an allowed domain whose email the provider has not verified', async () => {
    const usersBefore = await db.user.count();
    const who = identity('claimed@allowed.example', false);
    const outcome = await signInWithSso(who.id);
    expect(outcome.error).toBe('SSO_EMAIL_NOT_VERIFIED');
    expect(outcome.sessionCookie).toBeUndefined();
    expect(await db.user.count()).toBe(usersBefore);
  });

  it('refuses a deactivated user', async () => {
    const user = await existingUser('gone@customer.example', { deactivated: true });
    const who = identity('gone@customer.example', true);
    const outcome = await signInWithSso(who.id);
    expect(outcome.error).toBe('ACCOUNT_DEACTIVATED');
    expect(outcome.sessionCookie).toBeUndefined();
    expect(await sessionCount(user.id)).toBe(0);
  });
});

describe('the allowed email domains setting', () => {
  it('keeps distinct, lower-cased domain names and refuses anything else', async () => {
    const saved = await updateSsoSettings({ ctx: admin, input: { allowedEmailDomains: 'Allowed.example\nsecond.example; allowed.example ,@third.example' } });
    expect(saved.allowedEmailDomains).toEqual(['allowed.example', 'second.example', 'third.example']);
    expect((await readSsoSettings()).allowedEmailDomains).toEqual(['allowed.example', 'second.example', 'third.example']);
    const refused = await updateSsoSettings({ ctx: admin, input: { allowedEmailDomains: 'allowed.example, not_a_domain, http://x.example' } }).catch(
      (e: unknown) => e,
    );
    expect(isAppError(refused) && refused.code).toBe('validation_failed');
    expect(isAppError(refused) && refused.details.map((d) => d.path)).toEqual(['allowedEmailDomains', 'allowedEmailDomains']);
    // nothing changed
    expect((await readSsoSettings()).allowedEmailDomains).toEqual(['allowed.example', 'second.example', 'third.example']);
    await updateSsoSettings({ ctx: admin, input: { allowedEmailDomains: 'allowed.example, second.example' } });
  });

  it('is for admins only', async () => {
    const rep: ServiceContext = { user: { ...admin.user, role: 'rep' }, source: 'ui' };
    const refused = await updateSsoSettings({ ctx: rep, input: { allowedEmailDomains: 'evil.example' } }).catch((e: unknown) => e);
    expect(isAppError(refused) && refused.code).toBe('forbidden');
  });
});
