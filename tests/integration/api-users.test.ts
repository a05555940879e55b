import { verifyPassword } from 'better-auth/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as usersRoute from '../../app/api/v1/users/route';
import * as userRoute from '../../app/api/v1/users/[id]/route';
import * as meRoute from '../../app/api/v1/users/me/route';
import { db } from '../../lib/db';
import { toPublicId } from '../../lib/ids';
import { call, createUserWithKey } from '../setup/api';

// /api/v1/users through the real route handlers and real API keys: admins manage users, managers
// read them, everyone reads themself; bad input changes nothing.

type KeyedUser = Awaited<ReturnType<typeof createUserWithKey>>;
let admin: KeyedUser;
let manager: KeyedUser;
let rep: KeyedUser;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

beforeAll(async () => {
  admin = await createUserWithKey('admin', 'Ada Admin');
  manager = await createUserWithKey('manager', 'Max Manager');
  rep = await createUserWithKey('rep', 'Riley Rep');
});

const patch = (key: string, id: string, body: unknown) => call(userRoute.PATCH, 'PATCH', `/api/v1/users/${id}`, { key, params: { id }, body });
const get = (key: string, id: string) => call(userRoute.GET, 'GET', `/api/v1/users/${id}`, { key, params: { id } });

async function createViaApi(body: Record<string, unknown>) {
  const answer = await call(usersRoute.POST, 'POST', '/api/v1/users', { key: admin.key, body });
  expect(answer.status, JSON.stringify(answer.json)).toBe(201);
  return answer.json.data;
}

describe('GET /api/v1/users/me', () => {
  it('answers every role with the user its key acts as', async () => {
    for (const who of [admin, manager, rep]) {
      const answer = await call(meRoute.GET, 'GET', '/api/v1/users/me', { key: who.key });
      expect(answer.status).toBe(200);
      expect(answer.json.data).toEqual({
        id: who.publicId,
        number: who.user.id,
        name: who.user.name,
        email: who.user.email,
        role: who.user.role,
        active: true,
        last_sign_in_at: null,
        created_at: expect.stringMatching(TIMESTAMP),
      });
    }
    expect((await call(meRoute.GET, 'GET', '/api/v1/users/me')).status).toBe(401);
  });
});

describe('GET /api/v1/users', () => {
  it('lists every user for admins and managers, and refuses a rep with 403', async () => {
    const refused = await call(usersRoute.GET, 'GET', '/api/v1/users', { key: rep.key });
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/admins and managers/) });
    for (const who of [admin, manager]) {
      const answer = await call(usersRoute.GET, 'GET', '/api/v1/users', { key: who.key });
      expect(answer.status).toBe(200);
      expect(answer.json.has_more).toBe(false);
      expect(answer.json.data.map((u: { id: string }) => u.id)).toEqual(expect.arrayContaining([admin.publicId, manager.publicId, rep.publicId]));
    }
  });

  it('pages with limit and cursor, and answers a bad query with 400', async () => {
    const first = await call(usersRoute.GET, 'GET', '/api/v1/users?limit=2', { key: admin.key });
    expect(first.json.data).toHaveLength(2);
    expect(first.json.has_more).toBe(true);
    const rest = await call(usersRoute.GET, 'GET', `/api/v1/users?limit=200&cursor=${first.json.next_cursor}`, { key: admin.key });
    const all = await call(usersRoute.GET, 'GET', '/api/v1/users', { key: admin.key });
    expect([...first.json.data, ...rest.json.data]).toEqual(all.json.data);
    for (const query of ['limit=0', 'active=maybe', 'cursor=garbage', 'role=admin']) {
      const bad = await call(usersRoute.GET, 'GET', `/api/v1/users?${query}`, { key: admin.key });
      expect(bad.status, query).toBe(400);
      expect(bad.json.error.code, query).toBe('validation_failed');
    }
  });
});

describe('POST /api/v1/users', () => {
  it('adds a user who signs in with the given password', async () => {
    const created = await createViaApi({ name: 'Casey Closer', email: 'Casey@Example.TEST', role: 'manager', password: 'casey-password' });
    expect(created).toEqual({
      id: expect.stringMatching(/^user_/),
      number: expect.any(Number),
      name: 'Casey Closer',
      email: 'casey@example.test',
      role: 'manager',
      active: true,
      last_sign_in_at: null,
      created_at: expect.stringMatching(TIMESTAMP),
    });
    expect(created.id).toBe(toPublicId('user', created.number));
    const account = await db.account.findFirstOrThrow({ where: { userId: created.number, providerId: 'credential' } });
    expect(await verifyPassword({ hash: account.password!, password: 'casey-password' })).toBe(true);
    // a rep added without a role
    expect((await createViaApi({ name: 'New Rep', email: 'new-rep@example.test', password: 'new-rep-password' })).role).toBe('rep');
  });

  it('refuses reps and managers (403), bad input (400 naming the field) and a taken email (409), adding nobody', async () => {
    const before = await db.user.count();
    const body = { name: 'Nope', email: 'nope@example.test', password: 'nope-password' };
    for (const who of [rep, manager]) {
      const answer = await call(usersRoute.POST, 'POST', '/api/v1/users', { key: who.key, body });
      expect(answer.status).toBe(403);
      expect(answer.json.error.code).toBe('forbidden');
    }
    const cases: [unknown, string][] = [
      [{ name: 'Nope', email: 'nope@example.test' }, 'password'],
      [{ ...body, password: 'short' }, 'password'],
      [{ ...body, email: 'not-an-email' }, 'email'],
      [{ ...body, role: 'owner' }, 'role'],
      [{ ...body, name: '   ' }, 'name'],
      [{ ...body, is_admin: true }, 'is_admin'],
    ];
    for (const [bad, path] of cases) {
      const answer = await call(usersRoute.POST, 'POST', '/api/v1/users', { key: admin.key, body: bad });
      expect(answer.status, path).toBe(400);
      expect(answer.json.error.code).toBe('validation_failed');
      expect(
        answer.json.error.details.map((d: { path: string }) => d.path),
        path,
      ).toContain(path);
    }
    const badJson = await call(usersRoute.POST, 'POST', '/api/v1/users', { key: admin.key, rawBody: '{"name":' });
    expect(badJson.status).toBe(400);
    expect(badJson.json.error.code).toBe('invalid_json');
    const taken = await call(usersRoute.POST, 'POST', '/api/v1/users', { key: admin.key, body: { ...body, email: rep.user.email.toUpperCase() } });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already exists/) });
    expect(await db.user.count()).toBe(before);
  });
});

describe('GET /api/v1/users/:id', () => {
  it('answers yourself to anyone, anyone to admins and managers, and 403 to a rep asking about someone else', async () => {
    expect((await get(rep.key, rep.publicId)).json.data.email).toBe(rep.user.email);
    expect((await get(admin.key, rep.publicId)).json.data.name).toBe('Riley Rep');
    expect((await get(manager.key, admin.publicId)).json.data.role).toBe('admin');
    const refused = await get(rep.key, admin.publicId);
    expect(refused.status).toBe(403);
    expect(refused.json.error.code).toBe('forbidden');
  });

  it('answers 404 for an unknown ID or an ID of another kind', async () => {
    for (const id of [toPublicId('user', 987_654), toPublicId('deal', admin.user.id), 'user_nope']) {
      const answer = await get(admin.key, id);
      expect(answer.status, id).toBe(404);
      expect(answer.json.error.code).toBe('not_found');
    }
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('refuses reps and managers with 403 and changes nothing', async () => {
    for (const who of [rep, manager]) {
      const answer = await patch(who.key, rep.publicId, { role: 'admin' });
      expect(answer.status).toBe(403);
      expect(answer.json.error.code).toBe('forbidden');
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: rep.user.id } })).toMatchObject({ role: 'rep', deactivatedAt: null });
  });

  it('renames and changes the role at once, and the key of that user acts with the new role right away', async () => {
    const promoted = await createUserWithKey('rep', 'Pat Promoted');
    expect((await call(usersRoute.GET, 'GET', '/api/v1/users', { key: promoted.key })).status).toBe(403);
    const answer = await patch(admin.key, promoted.publicId, { name: 'Pat Manager', role: 'manager' });
    expect(answer.status).toBe(200);
    expect(answer.json.data).toMatchObject({ id: promoted.publicId, name: 'Pat Manager', role: 'manager', active: true });
    expect((await call(usersRoute.GET, 'GET', '/api/v1/users', { key: promoted.key })).status).toBe(200);
  });

  it('deactivates (signing the user out everywhere, deals kept) and reactivates', async () => {
    const leaving = await createUserWithKey('rep', 'Lee Leaving');
    await db.session.create({ data: { userId: leaving.user.id, token: `leaving-${Date.now()}`, expiresAt: new Date(Date.now() + 86_400_000) } });
    const pipeline = await db.pipeline.create({
      data: { name: 'Users pipeline', stages: { create: [{ name: 'New', position: 0 }] } },
      include: { stages: true },
    });
    const owned = await db.deal.create({ data: { name: 'Kept deal', pipelineId: pipeline.id, stageId: pipeline.stages[0]!.id, ownerId: leaving.user.id } });

    const off = await patch(admin.key, leaving.publicId, { active: false });
    expect(off.status).toBe(200);
    expect(off.json.data.active).toBe(false);
    expect(await db.session.count({ where: { userId: leaving.user.id } })).toBe(0);
    expect((await db.deal.findUniqueOrThrow({ where: { id: owned.id } })).ownerId).toBe(leaving.user.id);
    const listed = await call(usersRoute.GET, 'GET', '/api/v1/users?active=false', { key: admin.key });
    expect(listed.json.data.map((u: { id: string }) => u.id)).toContain(leaving.publicId);

    const on = await patch(admin.key, leaving.publicId, { active: true });
    expect(on.json.data).toMatchObject({ active: true, role: 'rep', name: 'Lee Leaving' });
  });

  it('keeps the last active admin: demoting or deactivating them is a 409, and nothing changes', async () => {
    for (const body of [{ role: 'manager' }, { active: false }, { name: 'Renamed', role: 'rep' }]) {
      const answer = await patch(admin.key, admin.publicId, body);
      expect(answer.status, JSON.stringify(body)).toBe(409);
      expect(answer.json.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/only active admin/) });
    }
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.user.id } })).toMatchObject({ name: 'Ada Admin', role: 'admin', deactivatedAt: null });
  });

  it('answers bad input with 400 and an unknown user with 404, changing nothing', async () => {
    for (const body of [{}, { role: 'boss' }, { active: 'no' }, { name: '' }, { email: 'new@example.test' }]) {
      const answer = await patch(admin.key, rep.publicId, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.json.error.code).toBe('validation_failed');
    }
    const missing = await patch(admin.key, toPublicId('user', 987_654), { name: 'Ghost' });
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('not_found');
    expect(await db.user.findUniqueOrThrow({ where: { id: rep.user.id } })).toMatchObject({
      name: 'Riley Rep',
      role: 'rep',
      email: rep.user.email,
      deactivatedAt: null,
    });
  });
});
