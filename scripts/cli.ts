// npm run cli -- <command> — administrative commands.
//   api-key create --name <name> [--user <email>] [--read-only]
//                                                     prints the new key alone on the last line
//   api-key list                                      lists keys (prefix, owner, last use), never the keys
//   api-key revoke <key_…>                            revokes a key
//   user create --email <email> --name <name> --role rep|manager|admin [--password <password>]
//                                                     adds a user; without --password a generated one is
//                                                     printed alone on the last line. On a workspace with no
//                                                     user yet, only --role admin: the first admin.
//   user set-role <email> rep|manager|admin           changes a user's role (the last active admin stays one)
//   user deactivate <email>                           signs them out everywhere; they and their keys are refused
//   user reactivate <email>                           lets a deactivated user back in
//   user reset-password <email> [--password <password>]
//                                                     sets a new password (printed when generated) and signs them out
//   user list                                         every user: role, active or not, last sign-in, open deals
//   events prune [--older-than-days N]                deletes change events older than N days (default
//                                                     EVENTS_RETENTION_DAYS, 400), in batches; prints how many
//   backup [--out <file>]                             backs the database up into BACKUP_DIR (or <file>);
//                                                     prints the file alone on the last line. PostgreSQL:
//                                                     needs pg_dump. Embedded: with the server stopped —
//                                                     while it runs, use Settings → Backups or the API.
//   restore <file> [--replace]                        restores a backup (server stopped), after checking
//                                                     it; embedded: the data directory is moved aside;
//                                                     PostgreSQL: into an empty database, or with
//                                                     --replace the current one is renamed aside.
//                                                     Runs the migrations after. Needs pg_restore.
// User commands act as the first active admin. On the embedded database, run them while the
// server is stopped (one process per data directory).
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { backupCommand, restoreCommand } from '../lib/cli/backup-commands';
import { pruneEventsCommand, retentionDays } from '../lib/cli/prune-events-command';
import { runMain } from '../lib/cli/run-main';
import { ConfigError, parseDatabaseUrl } from '../lib/database/config';
import { openDatabase } from '../lib/database/connect';
import { migrateDatabase } from '../lib/database/migrate';
import { db, disconnectDb, setDatabaseConnection } from '../lib/db';
import { createApiKey } from '../lib/services/api-keys/create-api-key';
import { listApiKeys } from '../lib/services/api-keys/list-api-keys';
import { revokeApiKey } from '../lib/services/api-keys/revoke-api-key';
import { AppError } from '../lib/errors';
import { toAppError } from '../lib/api/error-response';
import type { UserRole } from '../lib/generated/prisma/client';
import { fromPublicId, toPublicId } from '../lib/ids';
import { userRoleSchema } from '../lib/schemas/user';
import type { ServiceContext } from '../lib/services/context';
import { createFirstAdmin } from '../lib/services/users/create-first-admin';
import { createUser } from '../lib/services/users/create-user';
import { deactivateUser } from '../lib/services/users/deactivate-user';
import { generatePassword } from '../lib/services/users/generate-password';
import { listWorkspaceUsers } from '../lib/services/users/list-workspace-users';
import { reactivateUser } from '../lib/services/users/reactivate-user';
import { setUserPassword } from '../lib/services/users/set-user-password';
import { setUserRole } from '../lib/services/users/set-user-role';

const API_KEY_USAGE = 'api-key create --name <name> [--user <email>] [--read-only] | api-key list | api-key revoke <key_…>';
const USER_USAGE =
  'user create --email <email> --name <name> --role rep|manager|admin [--password <password>] | user set-role <email> <role> | ' +
  'user deactivate <email> | user reactivate <email> | user reset-password <email> [--password <password>] | user list';
const EVENTS_USAGE = 'events prune [--older-than-days N]';
const BACKUP_USAGE = 'backup [--out <file>] | restore <file> [--replace]';
const USAGE = `Usage: npm run cli -- ${API_KEY_USAGE}`;
const FULL_USAGE = `Usage: npm run cli -- ${API_KEY_USAGE} | ${USER_USAGE} | ${EVENTS_USAGE} | ${BACKUP_USAGE}`;
const USER_VERBS = ['create', 'set-role', 'deactivate', 'reactivate', 'reset-password', 'list'];

type Options = {
  'read-only'?: boolean | undefined;
  name?: string | undefined;
  user?: string | undefined;
  email?: string | undefined;
  role?: string | undefined;
  password?: string | undefined;
  'older-than-days'?: string | undefined;
  out?: string | undefined;
  replace?: boolean | undefined;
};

runMain(async () => {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine();
  } catch (error) {
    // node's own message names the unknown or incomplete option
    throw new ConfigError(`${(error as Error).message}. ${FULL_USAGE}`);
  }
  const { positionals, values } = parsed;
  const [resource, verb] = positionals;
  if (resource === 'user') {
    if (!USER_VERBS.includes(verb ?? '')) throw new ConfigError(`Unknown command "${positionals.join(' ')}". Usage: npm run cli -- ${USER_USAGE}`);
    return withDatabase(() => runUserCommand(positionals.slice(1), values));
  }
  if (resource === 'events') {
    if (verb !== 'prune' || positionals.length > 2) throw new ConfigError(`Unknown command "${positionals.join(' ')}". Usage: npm run cli -- ${EVENTS_USAGE}`);
    const days = retentionDays(values['older-than-days']);
    return withDatabase(async () => void (await pruneEventsCommand(days)));
  }
  if (resource === 'backup') {
    if (positionals.length > 1) throw new ConfigError(`Unknown command "${positionals.join(' ')}". Usage: npm run cli -- ${BACKUP_USAGE}`);
    return void (await backupCommand(values.out));
  }
  if (resource === 'restore') {
    if (positionals.length > 2) throw new ConfigError(`restore takes one file. Usage: npm run cli -- ${BACKUP_USAGE}`);
    return restoreCommand(verb, values.replace === true);
  }
  if (resource !== 'api-key' || !['create', 'list', 'revoke'].includes(verb ?? '')) {
    throw new ConfigError(`Unknown command "${positionals.join(' ')}". ${FULL_USAGE}`);
  }
  return runApiKeyCommand(positionals.slice(1), values);
});

function parseCommandLine() {
  return parseArgs({
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      user: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      'read-only': { type: 'boolean' },
      'older-than-days': { type: 'string' },
      out: { type: 'string' },
      replace: { type: 'boolean' },
    },
  });
}

async function withDatabase(run: () => Promise<void>): Promise<void> {
  const connection = openDatabase(parseDatabaseUrl(process.env.DATABASE_URL));
  setDatabaseConnection(connection);
  try {
    await migrateDatabase(connection);
    await run();
  } finally {
    await disconnectDb();
  }
}

// ——— api-key ———

async function runApiKeyCommand([verb, argument]: string[], values: Options): Promise<void> {
  if (verb === 'create' && !values.name?.trim()) throw new ConfigError(`api-key create needs --name. ${USAGE}`);
  const revokeId = verb === 'revoke' ? fromPublicId('apiKey', argument ?? '') : null;
  if (verb === 'revoke' && revokeId === null) throw new ConfigError(`api-key revoke needs a key ID such as key_… (see api-key list). ${USAGE}`);

  await withDatabase(async () => {
    const ctx = await findActingUser(values.user);
    if (verb === 'create') {
      const scope = values['read-only'] ? 'read' : 'write';
      const created = await createApiKey({ ctx, input: { name: values.name!, scope } });
      console.log(`Created ${scope === 'read' ? 'read-only ' : ''}API key "${created.name}" (${created.id}) acting as ${ctx.user.name} <${ctx.user.email}>.`);
      console.log('Store it now: it is shown only this once.');
      console.log(created.key);
    } else if (verb === 'list') {
      const keys = await listApiKeys({ ctx });
      if (keys.length === 0) console.log('No API keys yet.');
      for (const key of keys) {
        const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : `last used ${key.lastUsedAt?.toISOString() ?? 'never'}`;
        console.log(
          `${toPublicId('apiKey', key.id)}  ${key.keyPrefix}…  "${key.name}"  ${key.user.email}  ${key.scope === 'read' ? 'read-only  ' : ''}${state}`,
        );
      }
    } else {
      const revoked = await revokeApiKey({ ctx, input: { apiKeyId: revokeId! } }).catch((error: unknown) => {
        if (error instanceof AppError) throw new ConfigError(`${error.message} Run npm run cli -- api-key list to see the keys.`);
        throw error;
      });
      console.log(`Revoked API key "${revoked.name}" (${toPublicId('apiKey', revoked.id)}).`);
    }
  });
}

/** --user, else the first admin, else the first manager: the key acts as that user. */
async function findActingUser(email: string | undefined): Promise<ServiceContext> {
  const select = { id: true, name: true, email: true, role: true } as const;
  const user = email
    ? await db.user.findUnique({ where: { email }, select })
    : ((await db.user.findFirst({ where: { role: 'admin' }, orderBy: { id: 'asc' }, select })) ??
      (await db.user.findFirst({ where: { role: 'manager' }, orderBy: { id: 'asc' }, select })));
  if (!user) {
    throw new ConfigError(
      email
        ? `No user has the email ${email}: pass the email of an existing user.`
        : 'There is no admin or manager user yet: run npm run db:seed first, or pass --user <email>.',
    );
  }
  // the change record names the door: these commands come through the command line
  return { user, source: 'api', channel: 'cli' };
}

// ——— user ———

async function runUserCommand([verb, email, role]: string[], values: Options): Promise<void> {
  try {
    if (verb === 'create') return await createUserCommand(values);
    if (verb === 'list') return await listUsersCommand();
    if (!email) throw new ConfigError(`user ${verb} needs the user's email. Usage: npm run cli -- ${USER_USAGE}`);
    if (verb === 'set-role' && !role) throw new ConfigError('user set-role needs a role after the email: rep, manager or admin.');
    const newRole = verb === 'set-role' ? parseRole(role) : null;
    const target = await findUserByEmail(email);
    const ctx = await actAsFirstAdmin(target.id);
    if (verb === 'set-role') {
      const user = await setUserRole({ ctx, input: { userId: target.id, role: newRole! } });
      console.log(`${user.name} <${user.email}> is now ${article(user.role)} ${user.role}.`);
    } else if (verb === 'deactivate') {
      const user = await deactivateUser({ ctx, input: { userId: target.id } });
      console.log(`Deactivated ${user.name} <${user.email}>: signed out everywhere, and their API keys are refused.`);
      if (user.ownedOpenDeals > 0) console.log(`They still own ${user.ownedOpenDeals} open deal(s); hand them over in Settings → Users.`);
    } else if (verb === 'reactivate') {
      const user = await reactivateUser({ ctx, input: { userId: target.id } });
      console.log(`Reactivated ${user.name} <${user.email}>: they can sign in again, as ${article(user.role)} ${user.role}.`);
    } else {
      const { user, generatedPassword } = await setUserPassword({ ctx, input: { userId: target.id, password: values.password } });
      console.log(`Set a new password for ${user.name} <${user.email}> and signed them out everywhere.`);
      if (generatedPassword) printGeneratedPassword(generatedPassword);
    }
  } catch (error) {
    throw asConfigError(error);
  }
}

async function createUserCommand(values: Options): Promise<void> {
  if (!values.email?.trim() || !values.name?.trim()) throw new ConfigError(`user create needs --email and --name. Usage: npm run cli -- ${USER_USAGE}`);
  const role = values.role === undefined ? 'rep' : parseRole(values.role);
  if ((await db.user.count()) === 0) {
    if (role !== 'admin') {
      throw new ConfigError('The workspace has no users yet: create its first admin with user create --role admin --email <email> --name <name>.');
    }
    const password = values.password ?? generatePassword();
    const user = await createFirstAdmin({ input: { name: values.name, email: values.email, password } });
    console.log(`Created the first admin, ${user.name} <${user.email}> (${toPublicId('user', user.id)}).`);
    if (values.password === undefined) printGeneratedPassword(password);
    return;
  }
  const ctx = await actAsFirstAdmin();
  const { user, generatedPassword } = await createUser({ ctx, input: { name: values.name, email: values.email, role, password: values.password } });
  console.log(`Created ${article(user.role)} ${user.role}, ${user.name} <${user.email}> (${toPublicId('user', user.id)}).`);
  if (generatedPassword) printGeneratedPassword(generatedPassword);
}

async function listUsersCommand(): Promise<void> {
  if ((await db.user.count()) === 0) {
    console.log('No users yet: create the first admin with user create --role admin --email <email> --name <name>.');
    return;
  }
  const { rows } = await listWorkspaceUsers({ ctx: await actAsFirstAdmin() });
  for (const user of rows) {
    const state = user.active ? 'active' : `deactivated ${user.deactivatedAt!.toISOString()}`;
    const signIn = `last sign-in ${user.lastSignInAt?.toISOString() ?? 'never'}`;
    console.log(`${toPublicId('user', user.id)}  ${user.email}  "${user.name}"  ${user.role}  ${state}  ${signIn}  ${user.ownedOpenDeals} open deal(s)`);
  }
}

/**
 * The CLI runs with the database at hand, as the workspace's first active admin — another than the
 * user it changes when there is one, so an operator can deactivate the first admin.
 */
async function actAsFirstAdmin(changedUserId?: number): Promise<ServiceContext> {
  const select = { id: true, name: true, email: true, role: true } as const;
  const admins = await db.user.findMany({ where: { role: 'admin', deactivatedAt: null }, orderBy: { id: 'asc' }, take: 2, select });
  const user = admins.find((admin) => admin.id !== changedUserId) ?? admins[0];
  if (!user) {
    throw new ConfigError(
      (await db.user.count()) === 0
        ? 'The workspace has no users yet: create its first admin with user create --role admin --email <email> --name <name>.'
        : 'The workspace has no active admin to act as.',
    );
  }
  // the change record names the door: these commands come through the command line
  return { user, source: 'api', channel: 'cli' };
}

async function findUserByEmail(email: string): Promise<{ id: number }> {
  const user = await db.user.findFirst({ where: { email: { equals: email.trim(), mode: 'insensitive' } }, select: { id: true } });
  if (!user) throw new ConfigError(`No user has the email ${email}: see npm run cli -- user list.`);
  return user;
}

function parseRole(value: string | undefined): UserRole {
  const role = userRoleSchema.safeParse(value);
  if (!role.success) throw new ConfigError(`Unknown role "${value ?? ''}": use rep, manager or admin.`);
  return role.data;
}

function printGeneratedPassword(password: string): void {
  console.log('Their password, shown only this once (they can change it under Account):');
  console.log(password);
}

function article(role: UserRole): string {
  return role === 'admin' ? 'an' : 'a';
}

/** A service's refusal as one line on stderr (not a stack trace): the message and each bad field. */
function asConfigError(error: unknown): unknown {
  if (!(error instanceof AppError) && !(error instanceof ZodError)) return error;
  const appError = toAppError(error);
  const details = appError.details.map((d) => (d.path ? `${d.path}: ${d.message}` : d.message));
  return new ConfigError([appError.message.replace(/\.?$/, '.'), ...details].join(' '));
}
