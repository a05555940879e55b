import { db } from '../../lib/db';
import { createApiKey } from '../../lib/services/api-keys/create-api-key';
import type { UserRole } from '../../lib/generated/prisma/client';
import { toPublicId } from '../../lib/ids';

// Helpers for integration tests that drive the real route handlers with HTTP-shaped requests.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each route types its own params
type Handler = (request: Request, context: { params: Promise<any> }) => Promise<Response>;

export interface ApiAnswer<T = any> {
  status: number;
  headers: Headers;
  /** parsed JSON body, or null for an empty body */
  json: T;
}

export interface CallOptions {
  /** the API key (X-Api-Key); omit to send none */
  key?: string;
  body?: unknown;
  /** a raw body string, sent as is (bad JSON tests) */
  rawBody?: string;
  headers?: Record<string, string>;
  /** route params, e.g. { id: 'deal_…' } */
  params?: Record<string, string>;
}

/** Calls a route handler (e.g. the `GET` export of app/api/v1/deals/route.ts) the way Next would. */
export async function call(handler: Handler, method: string, path: string, options: CallOptions = {}): Promise<ApiAnswer> {
  const headers = new Headers(options.headers);
  if (options.key !== undefined) headers.set('x-api-key', options.key);
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'application/json');
  const request = new Request(`http://dealboard.test${path}`, { method, headers, body });
  const response = await handler(request, { params: Promise.resolve(options.params ?? {}) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : null };
}

let userCounter = 0;

/** A user with an API key; the key acts as this user. */
export async function createUserWithKey(role: UserRole = 'manager', name?: string) {
  userCounter += 1;
  const user = await db.user.create({
    data: { email: `${role}${userCounter}-${Date.now()}@example.test`, name: name ?? `Test ${role} ${userCounter}`, role },
    select: { id: true, name: true, email: true, role: true },
  });
  const { key } = await createApiKey({ ctx: { user, source: 'api' }, input: { name: 'tests' } });
  return { user, key, publicId: toPublicId('user', user.id) };
}

/** A pipeline with stages (the last two are Won/Lost outcome stages), written straight to the database. */
export async function createPipelineFixture(name = 'Sales', stageNames = ['Qualified', 'Contact Made', 'Proposal Sent', 'Won', 'Lost']) {
  const pipeline = await db.pipeline.create({ data: { name, isDefault: false } });
  const stages = [];
  for (const [position, stageName] of stageNames.entries()) {
    const outcome = stageName === 'Won' ? 'won' : stageName === 'Lost' ? 'lost' : null;
    stages.push(
      await db.stage.create({
        data: {
          pipelineId: pipeline.id,
          name: stageName,
          position,
          probability: outcome === 'won' ? 100 : outcome === 'lost' ? 0 : (position + 1) * 20,
          outcome,
        },
      }),
    );
  }
  return {
    pipeline,
    stages,
    pipelineId: toPublicId('pipeline', pipeline.id),
    stageIds: stages.map((s) => toPublicId('stage', s.id)),
  };
}
