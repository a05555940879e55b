import { PrismaClient } from './generated/prisma/client';
import { getEnv } from './env';
import { openDatabase, type DatabaseConnection } from './database/connect';

// One Prisma client per process, created on first use: importing this module never opens the
// database (the build imports modules while collecting page data).

interface DatabaseState {
  connection: DatabaseConnection;
  client: PrismaClient;
}

const globalForDb = globalThis as unknown as { __dealboardDb?: DatabaseState };

function getState(): DatabaseState {
  if (!globalForDb.__dealboardDb) {
    const env = getEnv();
    setDatabaseConnection(openDatabase(env.database, { poolSize: env.DATABASE_POOL_SIZE }));
  }
  return globalForDb.__dealboardDb!;
}

/** Makes `db` use this connection (scripts that opened one already, tests with a prepared database). */
export function setDatabaseConnection(connection: DatabaseConnection): void {
  globalForDb.__dealboardDb = { connection, client: new PrismaClient({ adapter: connection.adapterFactory }) };
}

/** The process's Prisma client. */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const { client } = getState();
    const value = Reflect.get(client, property, client);
    return typeof value === 'function' ? value.bind(client) : value;
  },
});

/** The open connection (engine kind, ping), for health checks and test setup. */
export function getDbConnection(): DatabaseConnection {
  return getState().connection;
}

/** Closes the client and the database (scripts and tests call this before exiting). */
export async function disconnectDb(): Promise<void> {
  const state = globalForDb.__dealboardDb;
  globalForDb.__dealboardDb = undefined;
  if (!state) return;
  await state.client.$disconnect();
  await state.connection.close();
}

export type { Prisma } from './generated/prisma/client';
