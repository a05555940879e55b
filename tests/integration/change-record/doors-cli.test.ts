import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../lib/database/connect';
import { db } from '../../../lib/db';
import { PrismaClient } from '../../../lib/generated/prisma/client';

// The command line is a door too: `npm run cli` commands are recorded on the channel "cli", acting as
// the admin the CLI acts as; the first admin of an empty workspace is made by nobody ("system").
// The CLI runs as an operator runs it, in its own process: on PostgreSQL against this test's
// database, on the embedded engine against a data directory of its own (the in-memory database of
// this process cannot be shared), read afterwards with a client of its own.

function cli(args: string[], databaseUrl: string) {
  const tsx = path.resolve('node_modules/tsx/dist/cli.mjs');
  const result = spawnSync(process.execPath, [tsx, '--conditions=react-server', 'scripts/cli.ts', ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: 'utf8',
    timeout: 120_000,
  });
  expect(result.status, result.stderr).toBe(0);
}

describe('npm run cli', () => {
  it('records users created and changed by the command line, on the channel "cli"', { timeout: 480_000 }, async () => {
    const postgres = process.env.TEST_ENGINE === 'postgresql';
    const dataDir = postgres ? null : path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-doors-cli-')), 'db');
    const databaseUrl = postgres ? process.env.DATABASE_URL! : `file:${dataDir}`;

    cli(['user', 'create', '--email', 'boss@cli.test', '--name', 'Bo Boss', '--role', 'admin'], databaseUrl);
    cli(['user', 'create', '--email', 'rita@cli.test', '--name', 'Rita Rep', '--role', 'rep', '--password', 'rita-first-password'], databaseUrl);
    cli(['user', 'set-role', 'rita@cli.test', 'manager'], databaseUrl);

    const connection = dataDir ? openDatabase({ engine: 'embedded', dataDir }) : null;
    const client = connection ? new PrismaClient({ adapter: connection.adapterFactory }) : db;
    try {
      const users = await client.user.findMany({ select: { id: true, email: true } });
      const idOf = (email: string) => users.find((user) => user.email === email)!.id;
      const events = await client.changeEvent.findMany({ where: { recordType: 'user' }, orderBy: { id: 'asc' } });
      expect(events.map(({ type, recordId, actorUserId, actorApiKeyId, channel }) => ({ type, recordId, actorUserId, actorApiKeyId, channel }))).toEqual([
        { type: 'user.created', recordId: String(idOf('boss@cli.test')), actorUserId: null, actorApiKeyId: null, channel: 'system' },
        { type: 'user.created', recordId: String(idOf('rita@cli.test')), actorUserId: idOf('boss@cli.test'), actorApiKeyId: null, channel: 'cli' },
        { type: 'user.updated', recordId: String(idOf('rita@cli.test')), actorUserId: idOf('boss@cli.test'), actorApiKeyId: null, channel: 'cli' },
      ]);
      expect(events[2]!.changes).toEqual({ role: { from: 'rep', to: 'manager' } });
    } finally {
      if (connection) {
        await client.$disconnect();
        await connection.close();
      }
    }
  });
});
