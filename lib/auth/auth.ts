import 'server-only';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { APIError, createAuthMiddleware, isAPIError } from 'better-auth/api';
import { nextCookies } from 'better-auth/next-js';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { twoFactor } from 'better-auth/plugins/two-factor';
import { db } from '../db';
import { getEnv, type OidcConfig } from '../env';
import { allowedDomainsForRequest, decideSsoSignUp, prepareSsoSignUp } from '../services/auth/sso-sign-up-policy';
import { sendPasswordResetEmail } from '../services/auth/send-password-reset-email';
import { recordSignIn } from '../services/auth/record-sign-in';
import { checkSignInAllowed, recordFailedSignIn, clearFailedSignIns } from '../services/auth/sign-in-throttle';
import { readSecuritySettings } from '../services/settings/security-settings';
import { getAuthSecret } from '../services/system/get-auth-secret';
import { allowedOrigins } from './allowed-hosts';
import { SSO_PROVIDER_ID } from './sso-provider';
import { SESSION_COOKIE_PREFIX } from './session-cookie';

// Sign-in, sessions and password hashing are better-auth's (docs/decisions/009-authentication.md).
// Users are created by our services (first run, invitations, the CLI), never by public sign-up;
// the one exception is single sign-on (OIDC_*), where a person from an allowed email domain joins
// as a rep (lib/services/auth/sso-sign-up-policy.ts).

export { SSO_PROVIDER_ID };

const SESSION_DAYS = 30;

function createAuth(secret: string) {
  const env = getEnv();
  return betterAuth({
    appName: 'Dealboard',
    secret,
    baseURL: env.appUrl,
    basePath: '/api/auth',
    // an SSO sign-in that fails comes back here with ?error=<code>, which the page puts in words
    onAPIError: { errorURL: `${env.appUrl}/sign-in` },
    trustedOrigins: (request) => allowedOrigins(request?.headers.get('host') ?? null),
    database: prismaAdapter(db, { provider: 'postgresql', transaction: true }),
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      // users and their records keep the integer ids every other table uses
      database: { generateId: 'serial' },
      useSecureCookies: env.appUrl.startsWith('https://'),
      // better-auth skips its Origin check when NODE_ENV is "test"; keep it on everywhere so the
      // tests exercise what production does
      disableOriginCheck: false,
      disableCSRFCheck: false,
    },
    user: {
      additionalFields: {
        role: { type: 'string', input: false, returned: true },
      },
    },
    session: {
      expiresIn: SESSION_DAYS * 24 * 60 * 60,
      updateAge: 24 * 60 * 60,
      // every request reads the session row, so a deactivated user or a revoked session is out at once
      cookieCache: { enabled: false },
    },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 8,
      maxPasswordLength: 256,
      revokeSessionsOnPasswordReset: true,
      resetPasswordTokenExpiresIn: 60 * 60,
      sendResetPassword: async ({ user, url }) => {
        await sendPasswordResetEmail({ email: user.email, name: user.name, url });
      },
    },
    account: {
      accountLinking: {
        enabled: true,
        // An SSO identity joins an existing user (same email, any case) only when the provider says
        // it verified that address, and only a user whose own address is verified (every user our
        // services create; better-auth's default): no provider is trusted without email_verified,
        // so an identity claiming someone else's address cannot take over their account.
        trustedProviders: [],
        allowDifferentEmails: false,
      },
    },
    // our own throttle (below) counts failed sign-ins per email and per address in the database
    rateLimit: { enabled: false },
    databaseHooks: {
      user: {
        create: {
          // only single sign-on creates users through better-auth (sign-up is off; our services
          // insert the rest directly), so this is the SSO sign-up rule: allowed domain, verified
          // address, role rep. A refusal ends the callback at /sign-in?error=<code>, nothing stored.
          before: async (user, context) => {
            const decision = decideSsoSignUp({
              input: { email: user.email, emailVerified: user.emailVerified === true, allowedEmailDomains: allowedDomainsForRequest(context?.request) },
            });
            if (!decision.allowed) throw APIError.from('FORBIDDEN', { message: decision.message, code: decision.code });
            return { data: { ...user, role: decision.role } };
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            const user = await db.user.findUnique({ where: { id: Number(session.userId) }, select: { deactivatedAt: true } });
            if (!user || user.deactivatedAt) {
              throw APIError.from('FORBIDDEN', { message: 'This account is deactivated. Ask an admin to reactivate it.', code: 'ACCOUNT_DEACTIVATED' });
            }
          },
          after: async (session, context) => {
            await recordSignIn({ userId: Number(session.userId), at: session.createdAt, afterPasswordOnly: context?.path === '/sign-in/email' });
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        // (ctx.path is the route, "/callback/:id")
        if (ctx.path.startsWith('/callback/') && ctx.request) await prepareSsoSignUp({ input: { request: ctx.request } });
        if (ctx.path === '/two-factor/disable' && (await readSecuritySettings()).requireTwoFactor) {
          throw APIError.from('FORBIDDEN', {
            message: 'This workspace requires two-factor authentication: it cannot be turned off. Ask an admin to lift the requirement first.',
            code: 'TWO_FACTOR_REQUIRED',
          });
        }
        if (ctx.path !== '/sign-in/email') return;
        const refusal = await checkSignInAllowed({ email: signInEmailOf(ctx.body), address: addressOf(ctx.request) });
        if (refusal) {
          throw new APIError(
            'TOO_MANY_REQUESTS',
            { message: refusal.message, code: 'TOO_MANY_SIGN_IN_ATTEMPTS' },
            { 'Retry-After': String(refusal.retryAfterSeconds) },
          );
        }
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== '/sign-in/email') return;
        const returned = ctx.context.returned;
        const email = signInEmailOf(ctx.body);
        // only a wrong password counts, and only a session actually made clears the count: a
        // malformed request (400) must not reset someone else's failures
        if (isAPIError(returned) && returned.statusCode === 401) await recordFailedSignIn({ email, address: addressOf(ctx.request) });
        else if (ctx.context.newSession) await clearFailedSignIns({ email });
      }),
    },
    // authenticator apps (TOTP) with recovery codes; better-auth keeps the secret encrypted
    plugins: [twoFactor({ issuer: 'Dealboard' }), ...(env.oidc ? [singleSignOn(env.oidc)] : []), nextCookies()],
  });
}

/**
 * Any OpenID Connect provider, found by discovery: authorization code with PKCE, the ID token
 * checked against the provider's keys, then email and email_verified from its claims.
 */
function singleSignOn(oidc: OidcConfig) {
  return genericOAuth({
    config: [
      {
        providerId: SSO_PROVIDER_ID,
        name: oidc.name,
        discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
        clientId: oidc.clientId,
        clientSecret: oidc.clientSecret,
        scopes: oidc.scopes,
        pkce: true,
        // users.name is required; some providers send no name claim
        mapProfileToUser: (profile) => ({ name: nameOf(profile) }),
      },
    ],
  });
}

function nameOf(profile: Record<string, unknown>): string {
  const given = [profile.given_name, profile.family_name].filter((part) => typeof part === 'string' && part.trim()).join(' ');
  const candidates = [profile.name, given, profile.preferred_username, typeof profile.email === 'string' ? profile.email.split('@')[0] : null];
  const found = candidates.find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return (found ?? 'New user').trim().slice(0, 100);
}

function signInEmailOf(body: unknown): string {
  const email = body && typeof body === 'object' && 'email' in body ? (body as { email: unknown }).email : null;
  return typeof email === 'string' ? email.trim().toLowerCase().slice(0, 254) : '';
}

/**
 * The client's address, for the per-address sign-in limit: the first hop of X-Forwarded-For.
 * `next start` fills that header from the socket only when the request has none, so a client
 * talking to the server directly can choose it; deployed behind a reverse proxy that overwrites it
 * (nginx: `proxy_set_header X-Forwarded-For $remote_addr`) it is the real address. The per-email
 * limit does not depend on it.
 */
function addressOf(request: Request | undefined): string {
  const forwarded = request?.headers.get('x-forwarded-for');
  return forwarded?.split(',')[0]?.trim().slice(0, 64) || 'unknown';
}

export type Auth = ReturnType<typeof createAuth>;

// On globalThis: Next bundles this module separately for route handlers and server actions
const AUTH_KEY = Symbol.for('dealboard.auth');
const globalForAuth = globalThis as unknown as Record<symbol, Promise<Auth> | undefined>;

/** The process's better-auth instance, built on first use (its signing secret may live in the database). */
export function getAuth(): Promise<Auth> {
  let auth = globalForAuth[AUTH_KEY];
  if (!auth) {
    auth = getAuthSecret().then(createAuth);
    auth.catch(() => {
      globalForAuth[AUTH_KEY] = undefined;
    });
    globalForAuth[AUTH_KEY] = auth;
  }
  return auth;
}

/** Tests change configuration between cases; the next getAuth() builds a new instance. */
export function resetAuthForTests(): void {
  globalForAuth[AUTH_KEY] = undefined;
}
