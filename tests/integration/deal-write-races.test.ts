import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as dealLineItems from '../../app/api/v1/deals/[id]/line-items/route';
import * as dealRoute from '../../app/api/v1/deals/[id]/route';
import * as dealStage from '../../app/api/v1/deals/[id]/stage/route';
import * as dealsRoute from '../../app/api/v1/deals/route';
import { db } from '../../lib/db';
import { fromPublicId } from '../../lib/ids';
import { call, createPipelineFixture, createUserWithKey, type ApiAnswer, type CallOptions } from '../setup/api';

// A stage move racing another write of the same deal. On PostgreSQL the two requests go to two
// server processes (tests/support/api-server.ts, each with its own connection pool) over HTTP, as
// behind a load balancer: the second waits for the first's row lock, then re-reads the row as it
// was committed. Every answer must be right — never a 404 for a deal that exists (an integration
// would take it for deleted) — the history a chain, and the version counting every write.
// The embedded database serves one process, one transaction at a time: the same rounds run there
// in process, and check the answers.

const ROUNDS = process.env.TEST_ENGINE === 'postgresql' ? 100 : 10;

let key: string;
let fixture: Awaited<ReturnType<typeof createPipelineFixture>>;
const servers: { process: ChildProcess; port: number }[] = [];

/** A server process on this test file's database; resolves once it listens. */
async function startServer() {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'tests/support/api-server.ts'], {
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, API_RATE_LIMIT_PER_MINUTE: '100000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout!.setEncoding('utf8');
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: string) => {
      output += chunk;
      const match = /listening (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`the server process exited (${code}) before listening: ${output}`)));
  });
  servers.push({ process: child, port });
}

beforeAll(async () => {
  fixture = await createPipelineFixture('Races', ['One', 'Two', 'Three']);
  if (process.env.TEST_ENGINE === 'postgresql') await Promise.all([startServer(), startServer()]);
});

afterAll(async () => {
  await Promise.all(
    servers.map(async (server) => {
      server.process.kill('SIGTERM');
      if (server.process.exitCode === null) await once(server.process, 'exit');
    }),
  );
});

/** The request through server process `which` over HTTP (PostgreSQL), or the handler in process. */
async function send(which: 0 | 1, handler: Parameters<typeof call>[0], method: string, path: string, options: CallOptions): Promise<ApiAnswer> {
  const server = servers[which];
  if (!server) return call(handler, method, path, options);
  const response = await fetch(`http://127.0.0.1:${server.port}${path}`, {
    method,
    headers: { 'x-api-key': options.key!, ...(options.body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = text;
  }
  return { status: response.status, headers: response.headers, json };
}

// each test writes a few hundred times: a key of its own keeps it under the per-key rate limit
beforeEach(async () => {
  ({ key } = await createUserWithKey('manager', 'Racing Manager'));
});

async function newDeal(name: string) {
  const created = await call(dealsRoute.POST, 'POST', '/api/v1/deals', {
    key,
    body: { name, pipeline_id: fixture.pipelineId, stage_id: fixture.stageIds[0], value: 1000, currency: 'USD' },
  });
  expect(created.status).toBe(201);
  const id = fromPublicId('deal', created.json.data.id as string)!;
  const { version } = await db.deal.findUniqueOrThrow({ where: { id }, select: { version: true } });
  return { publicId: created.json.data.id as string, id, version };
}

const move = (publicId: string, stage: number) =>
  send(0, dealStage.POST, 'POST', `/api/v1/deals/${publicId}/stage`, { key, params: { id: publicId }, body: { stage_id: fixture.stageIds[stage] } });

/** The deal's stage history is a chain: each row starts where the previous one ended. */
async function expectHistoryChain(dealId: number) {
  const rows = await db.stageHistory.findMany({
    where: { dealId },
    orderBy: [{ changedAt: 'asc' }, { id: 'asc' }],
    select: { fromStageId: true, toStageId: true },
  });
  for (let i = 1; i < rows.length; i += 1) expect(rows[i]!.fromStageId).toBe(rows[i - 1]!.toStageId);
  return rows;
}

describe('a stage move racing', () => {
  it(`a PATCH of the same deal: both land, ${ROUNDS} rounds`, async () => {
    const deal = await newDeal('Raced by a PATCH');
    let stage = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      stage = (stage + 1) % 3;
      const [moved, patched] = await Promise.all([
        move(deal.publicId, stage),
        send(1, dealRoute.PATCH, 'PATCH', `/api/v1/deals/${deal.publicId}`, { key, params: { id: deal.publicId }, body: { name: `Round ${round}` } }),
      ]);
      expect(moved.status, `round ${round} move: ${JSON.stringify(moved.json)}`).toBe(200);
      expect(patched.status, `round ${round} PATCH: ${JSON.stringify(patched.json)}`).toBe(200);
      const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id }, select: { name: true, stageId: true } });
      expect(row).toEqual({ name: `Round ${round}`, stageId: fixture.stages[stage]!.id });
    }
    // the row of its creation, then one per move
    expect(await expectHistoryChain(deal.id)).toHaveLength(ROUNDS + 1);
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).version).toBe(deal.version + 2 * ROUNDS);
  });

  it(`a line-items PUT of the same deal: both land, ${ROUNDS} rounds`, async () => {
    const deal = await newDeal('Raced by line items');
    let stage = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      stage = (stage + 1) % 3;
      const [moved, lines] = await Promise.all([
        move(deal.publicId, stage),
        send(1, dealLineItems.PUT, 'PUT', `/api/v1/deals/${deal.publicId}/line-items`, {
          key,
          params: { id: deal.publicId },
          body: { tax_type: 'exclusive', items: [{ name: `Seat ${round}`, unit_price: 100 * (round + 1), qty: 1 }] },
        }),
      ]);
      expect(moved.status, `round ${round} move: ${JSON.stringify(moved.json)}`).toBe(200);
      expect(lines.status, `round ${round} line items: ${JSON.stringify(lines.json)}`).toBe(200);
      const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id }, select: { value: true, stageId: true } });
      expect(row).toEqual({ value: BigInt(100 * (round + 1)), stageId: fixture.stages[stage]!.id });
    }
    expect(await expectHistoryChain(deal.id)).toHaveLength(ROUNDS + 1);
    expect((await db.deal.findUniqueOrThrow({ where: { id: deal.id } })).version).toBe(deal.version + 2 * ROUNDS);
  });

  it(`a DELETE of the same deal: the move lands before it or answers 404 after it, ${ROUNDS} rounds`, async () => {
    for (let round = 0; round < ROUNDS; round += 1) {
      const deal = await newDeal(`Raced by a DELETE ${round}`);
      const [moved, deleted] = await Promise.all([
        move(deal.publicId, 1),
        send(1, dealRoute.DELETE, 'DELETE', `/api/v1/deals/${deal.publicId}`, { key, params: { id: deal.publicId } }),
      ]);
      expect(deleted.status, `round ${round} DELETE: ${JSON.stringify(deleted.json)}`).toBe(204);
      expect([200, 404], `round ${round} move: ${JSON.stringify(moved.json)}`).toContain(moved.status);
      const row = await db.deal.findUniqueOrThrow({ where: { id: deal.id }, select: { deletedAt: true, stageId: true } });
      expect(row.deletedAt).not.toBeNull();
      // a move answered 200 is in the deal and its history; one answered 404 left no trace
      const moves = await db.stageHistory.count({ where: { dealId: deal.id, fromStageId: { not: null } } });
      expect({ stage: row.stageId, moves }).toEqual(
        moved.status === 200 ? { stage: fixture.stages[1]!.id, moves: 1 } : { stage: fixture.stages[0]!.id, moves: 0 },
      );
    }
  });
});
