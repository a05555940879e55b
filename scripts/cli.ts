// npm run cli -- <command> — administrative commands.
//   api-key create --name <name> [--user <email>]   prints the new key alone on the last line
//   api-key list                                      lists keys (prefix, owner, last use), never the keys
//   api-key revoke <key_…>                            revokes a key
// On the embedded database, run it while the server is stopped (one process per data directory).
import { parseArgs } from 'node:util';
import { runMain } from '../lib/cli/run-main';
import { ConfigError, parseDatabaseUrl } from '../lib/database/config';
import { openDatabase } from '../lib/database/connect';
import { migrateDatabase } from '../lib/database/migrate';
import { db, disconnectDb, useDatabaseConnection } from '../lib/db';
import { createApiKey } from '../lib/services/api-keys/create-api-key';
import { listApiKeys } from '../lib/services/api-keys/list-api-keys';
import { revokeApiKey } from '../lib/services/api-keys/revoke-api-key';
import { AppError } from '../lib/errors';
import { fromPublicId, toPublicId } from '../lib/ids';
import type { ServiceContext } from '../lib/services/context';

const USAGE = 'Usage: npm run cli -- api-key create --name <name> [--user <email>] | api-key list | api-key revoke <key_…>';

runMain(async () => {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { name: { type: 'string' }, user: { type: 'string' } },
  });
  const [resource, verb, argument] = positionals;
  if (resource !== 'api-key' || !['create', 'list', 'revoke'].includes(verb ?? '')) {
    throw new ConfigError(`Unknown command "${positionals.join(' ')}". ${USAGE}`);
  }
  if (verb === 'create' && !values.name?.trim()) throw new ConfigError(`api-key create needs --name. ${USAGE}`);
  const revokeId = verb === 'revoke' ? fromPublicId('apiKey', argument ?? '') : null;
  if (verb === 'revoke' && revokeId === null) throw new ConfigError(`api-key revoke needs a key ID such as key_… (see api-key list). ${USAGE}`);

  const connection = openDatabase(parseDatabaseUrl(process.env.DATABASE_URL));
  useDatabaseConnection(connection);
  try {
    await migrateDatabase(connection);
    const ctx = await findActingUser(values.user);
    if (verb === 'create') {
      const created = await createApiKey({ ctx, input: { name: values.name! } });
      console.log(`Created API key "${created.name}" (${created.id}) acting as ${ctx.user.name} <${ctx.user.email}>.`);
      console.log('Store it now: it is shown only this once.');
      console.log(created.key);
    } else if (verb === 'list') {
      const keys = await listApiKeys({ ctx });
      if (keys.length === 0) console.log('No API keys yet.');
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : `last used ${key.lastUsedAt?.toISOString() ?? 'never'}`;
        console.log(`${toPublicId('apiKey', key.id)}  ${key.keyPrefix}…  "${key.name}"  ${key.user.email}  ${state}`);
      }
    } else {
      const revoked = await revokeApiKey({ ctx, input: { apiKeyId: revokeId! } }).catch((error: unknown) => {
        if (error instanceof AppError) throw new ConfigError(`${error.message} Run npm run cli -- api-key list to see the keys.`);
        throw error;
      });
      console.log(`Revoked API key "${revoked.name}" (${toPublicId('apiKey', revoked.id)}).`);
    }
  } finally {
    await disconnectDb();
  }
});

/** --user, else the first admin, else the first manager: the key acts as that user. */
async function findActingUser(email: string | undefined): Promise<ServiceContext> {
  const select = { id: true, name: true, email: true, role: true } as const;
  const user = email
    ? await db.user.findUnique({ where: { email }, select })
    : ((await db.user.findFirst({ where: { role: 'admin' }, orderBy: { id: 'asc' }, select })) ??
      (await db.user.findFirst({ where: { role: 'manager' }, orderBy: { id: 'asc' }, select })));
  if (!user) {
    throw new ConfigError(
      email ? `No user has the email ${email}: pass the email of an existing user.` : 'There is no admin or manager user yet: run npm run db:seed first, or pass --user <email>.',
    );
  }
  return { user, source: 'api' };
}
