import { z } from 'zod';
import { parseDatabaseUrl, type DatabaseConfig } from './database/config';

// Configuration, validated once. Everything else reads `env`, never process.env.
const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  // PostgreSQL connection pool size per server process
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  // until sign-in exists, the browser acts as this user (the seeded manager)
  DEALBOARD_BROWSER_USER_EMAIL: z.string().email().default('manager@dealboard.test'),
  // requests per minute per API key
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000_000).default(600),
});

export type Env = z.infer<typeof schema> & { database: DatabaseConfig };

function loadEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid environment configuration: ${problems}`);
  }
  return { ...parsed.data, database: parseDatabaseUrl(parsed.data.DATABASE_URL) };
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
