import 'server-only';
import pg from 'pg';
import { getDbConnection } from '../db';
import type { Prisma } from '../generated/prisma/client';
import { executeStatement } from '../database/run-sql';
import { sql } from '../database/typed-sql';

// API keys are cached per process (lib/api/authenticate-request.ts) so the hot path pays no lookup.
// When a key is revoked, or its owner is deactivated or changes role, every process must forget
// it at once: the write announces the change with PostgreSQL's NOTIFY in its own transaction
// (delivered on commit, never for a rolled-back write), and each process LISTENs and clears its
// cache. While a process is not listening (starting, or its connection dropped) it does not cache
// at all. The embedded database serves one process, where clearing the local cache is enough.

export const CREDENTIALS_CHANNEL = 'dealboard_credentials';

type Listener = () => void;

interface ChannelState {
  listeners: Set<Listener>;
  /** bumped on every change heard: a lookup that started before a change must not be cached */
  generation: number;
  /** true while changes from other processes are certain to reach us */
  listening: boolean;
  client: pg.Client | null;
  starting: boolean;
  retryTimer: NodeJS.Timeout | null;
}

const STATE_KEY = Symbol.for('dealboard.credentialChanges');
const globalForState = globalThis as unknown as Record<symbol, ChannelState | undefined>;

function state(): ChannelState {
  globalForState[STATE_KEY] ??= { listeners: new Set(), generation: 0, listening: false, client: null, starting: false, retryTimer: null };
  return globalForState[STATE_KEY];
}

function notifyLocal(): void {
  const s = state();
  s.generation += 1;
  for (const listener of s.listeners) listener();
}

/** Changes heard so far: compare before and after a lookup to know whether its answer may be cached. */
export function credentialGeneration(): number {
  return state().generation;
}

/**
 * Call inside the transaction that revokes a key or changes who a key acts as. This process
 * forgets its cache now, and on PostgreSQL every process (this one's listener included) again when
 * the transaction commits. The embedded database runs one transaction at a time, so no lookup can
 * read the old row between this call and the commit.
 */
export async function announceCredentialChange(tx: Prisma.TransactionClient): Promise<void> {
  notifyLocal();
  if (getDbConnection().engine === 'postgresql') await executeStatement(tx, sql`SELECT pg_notify(${CREDENTIALS_CHANNEL}, '')`);
}

/** Calls the listener whenever a credential changed, here or in another process. */
export function subscribeToCredentialChanges(listener: Listener): void {
  state().listeners.add(listener);
}

/** Whether credentials may be cached right now: always on the embedded database, on PostgreSQL only while listening. */
export function mayCacheCredentials(): boolean {
  const { config } = getDbConnection();
  if (config.engine !== 'postgresql') return true;
  const s = state();
  if (!s.listening && !s.starting) void startListening(config.url);
  return s.listening;
}

async function startListening(url: string): Promise<void> {
  const s = state();
  s.starting = true;
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  const lost = () => {
    if (s.client !== client) return;
    s.listening = false;
    s.client = null;
    notifyLocal();
    client.end().catch(() => {});
  };
  client.on('error', lost);
  client.on('end', lost);
  client.on('notification', () => notifyLocal());
  try {
    await client.connect();
    await client.query(`LISTEN ${CREDENTIALS_CHANNEL}`);
    s.client = client;
    // anything cached before we listened may be stale
    notifyLocal();
    s.listening = true;
  } catch {
    client.end().catch(() => {});
  } finally {
    s.starting = false;
  }
}

/** Tests and shutdown: stop listening. */
export async function stopListeningForCredentialChanges(): Promise<void> {
  const s = state();
  const client = s.client;
  s.client = null;
  s.listening = false;
  if (client) await client.end().catch(() => {});
}
