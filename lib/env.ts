import path from 'node:path';
import { z } from 'zod';
import { parseDatabaseUrl, type DatabaseConfig } from './database/config';

// Configuration, validated once. Everything else reads `env`, never process.env.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // PostgreSQL connection pool size per server process
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // the address people open Dealboard at (links in emails, the Host a request may carry, Secure
  // cookies when https); default http://localhost:PORT
  APP_URL: z.url({ protocol: /^https?$/ }).optional(),
  // more host names (host or host:port, comma-separated) a request may be addressed to
  ALLOWED_HOSTS: z.string().default(''),
  // signs session cookies; without it a secret is generated once and kept in the database
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  // smtp://user:pass@host:port — password reset and invitation emails; without it an admin copies the links
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().default('Dealboard <no-reply@dealboard.local>'),
  // requests per minute per API key
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000_000).default(600),
  // longest hold-back (ms) of one failed sign-in past the free ones; 0 answers at once (tests)
  SIGN_IN_FAILURE_DELAY_MS_MAX: z.coerce.number().int().min(0).max(60_000).default(4_000),
  // single sign-on with an OpenID Connect provider (Google Workspace, Entra ID, Okta, Keycloak…):
  // on when the issuer, client ID and secret are all set; its callback is
  // $APP_URL/api/auth/callback/oidc
  OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  // the sign-in button says "Sign in with <OIDC_NAME>"
  OIDC_NAME: z.string().trim().min(1).max(60).default('single sign-on'),
  OIDC_SCOPES: z.string().default('openid email profile'),
  // the change record's retention: npm run cli -- events prune deletes events older than this many days
  EVENTS_RETENTION_DAYS: z.coerce.number().int().min(1).max(36_500).default(400),
  // outbound webhooks may go to loopback, link-local and private addresses (tests, a receiver on
  // the same network); off, such URLs are refused, at creation and again at every delivery
  WEBHOOKS_ALLOW_PRIVATE: z.stringbool({ error: 'WEBHOOKS_ALLOW_PRIVATE must be true or false' }).default(false),
  // a failed delivery is retried this many times, after a delay that doubles from
  // WEBHOOK_RETRY_DELAY_SECONDS up to WEBHOOK_RETRY_DELAY_MAX_SECONDS, with jitter (defaults: about
  // 24 hours in all), then its endpoint is disabled
  WEBHOOK_RETRY_LIMIT: z.coerce.number().int().min(0).max(100).default(30),
  WEBHOOK_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
  WEBHOOK_RETRY_DELAY_MAX_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3_600),
  // scheduled backups (docs/decisions/019-backups.md): a cron expression in the server's time zone
  // (TZ), e.g. "0 2 * * *" for daily at 02:00; unset or "off": none. They are written to BACKUP_DIR
  // (also where Settings → Backups keeps the ones taken by hand), and the newest BACKUP_KEEP
  // scheduled ones are kept.
  BACKUP_SCHEDULE: z
    .string()
    .trim()
    .default('')
    .transform((value) => (value === '' || value.toLowerCase() === 'off' ? null : value))
    .refine((value) => value === null || /^(@\w+|\S+(\s+\S+){4,5})$/.test(value), {
      message: 'BACKUP_SCHEDULE must be a cron expression such as "0 2 * * *" (daily at 02:00), or "off"',
    }),
  BACKUP_DIR: z.string().trim().min(1).default('data/backups'),
  BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(7),
  // where pg_dump and pg_restore are, for backups of PostgreSQL; default: PATH, then Debian's
  // /usr/lib/postgresql/<version>/bin
  PG_BIN_DIR: z.string().trim().min(1).optional(),
  // the production server's heap: lean (default; memory stays low under imports and exports) or
  // throughput (~15–20 % more API requests/s under heavy concurrency for ~130–450 MB more memory):
  // scripts/lib/next-process.ts, docs/decisions/026-server-heap.md
  SERVER_HEAP: z.enum(['lean', 'throughput'], { error: 'SERVER_HEAP must be lean or throughput' }).default('lean'),
});

/** The OpenID Connect provider people may sign in with, when one is configured. */
export interface OidcConfig {
  /** without a trailing slash; discovery is at `${issuer}/.well-known/openid-configuration` */
  issuer: string;
  clientId: string;
  clientSecret: string;
  name: string;
  scopes: string[];
}

export type Env = z.infer<typeof schema> & { database: DatabaseConfig; appUrl: string; oidc: OidcConfig | null; backupDir: string };

function loadEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment configuration: ${problems}`);
  }
  const appUrl = (parsed.data.APP_URL ?? `http://localhost:${parsed.data.PORT}`).replace(/\/+$/, '');
  return {
    ...parsed.data,
    database: parseDatabaseUrl(parsed.data.DATABASE_URL),
    appUrl,
    oidc: oidcConfigOf(parsed.data),
    backupDir: path.resolve(parsed.data.BACKUP_DIR),
  };
}

function oidcConfigOf(data: z.infer<typeof schema>): OidcConfig | null {
  const { OIDC_ISSUER: issuer, OIDC_CLIENT_ID: clientId, OIDC_CLIENT_SECRET: clientSecret } = data;
  if (!issuer && !clientId && !clientSecret) return null;
  // half a configuration is a mistake to report at start, not a sign-in button that fails later
  if (!issuer || !clientId || !clientSecret) {
    throw new Error('Invalid environment configuration: OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set together (or none of them)');
  }
  const scopes = data.OIDC_SCOPES.split(/[\s,]+/).filter(Boolean);
  return {
    issuer: issuer.replace(/\/+$/, ''),
    clientId,
    clientSecret,
    name: data.OIDC_NAME,
    scopes: scopes.includes('openid') ? scopes : ['openid', ...scopes],
  };
}

let cached: Env | undefined;

/** Tests change configuration between cases; the next getEnv() reads process.env again. */
export function resetEnvForTests(): void {
  cached = undefined;
}

/** The validated configuration (read lazily, so a build never needs a database). */
export function getEnv(): Env {
  cached ??= loadEnv();
  return cached;
}
