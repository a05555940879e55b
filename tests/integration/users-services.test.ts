import { verifyPassword } from 'better-auth/crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '../../lib/db';
import { AppError } from '../../lib/errors';
import type { UserRole } from '../../lib/generated/prisma/client';
import { createApiKey } from '../../lib/services/api-keys/create-api-key';
import type { ServiceContext } from '../../lib/services/context';
import { createUser } from '../../lib/services/users/create-user';
import { deactivateUser } from '../../lib/services/users/deactivate-user';
import { getUser } from '../../lib/services/users/get-user';
import { listWorkspaceUsers } from '../../lib/services/users/list-workspace-users';
import { reactivateUser } from '../../lib/services/users/reactivate-user';
import { reassignDeals } from '../../lib/services/users/reassign-deals';
import { setUserPassword } from '../../lib/services/users/set-user-password';
import { setUserRole } from '../../lib/services/users/set-user-role';
import { updateUser } from '../../lib/services/users/update-user';
import { createPipelineFixture } from '../setup/api';

// The services behind Settings → Users, the user CLI and /api/v1/users: who may manage users, the
// workspace always keeping an active admin, deactivation signing a user out everywhere, handing
// deals over, and passwords that really sign in.

let admin: ServiceContext;
let manager: ServiceContext;
let rep: ServiceContext;
let pipeline: Awaited<ReturnType<typeof createPipelineFixture>>;
let counter = 0;

async function makeUser(role: UserRole, name = `${role} ${counter + 1}`): Promise<ServiceContext> {
  counter += 1;
  const user = await db.user.create({ data: { email: `${role}${counter}@users.test`, name, role }, select: { id: true, name: true, email: true, role: true } });
  return { user, source: 'ui' };
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

async function signIn(userId: number, count = 2): Promise<void> {
  for (let i = 0; i < count; i += 1) {
    await db.session.create({ data: { userId, token: `token-${userId}-${i}-${Math.random()}`, expiresAt: new Date(Date.now() + 86_400_000) } });
  }
}

async function storedHash(userId: number): Promise<string> {
  const account = await db.account.findFirstOrThrow({ where: { userId, providerId: 'credential' } });
  return account.password!;
}

async function deal(ownerId: number | null, extra: { status?: 'open' | 'won' | 'lost' | 'stalled'; deletedAt?: Date } = {}) {
  return db.deal.create({
    data: { name: `Deal ${Math.random()}`, pipelineId: pipeline.pipeline.id, stageId: pipeline.stages[0]!.id, ownerId, ...extra },
    select: { id: true, version: true },
  });
}

const activeAdmins = () => db.user.count({ where: { role: 'admin', deactivatedAt: null } });

beforeAll(async () => {
  admin = await makeUser('admin', 'Ada Admin');
  manager = await makeUser('manager', 'Max Manager');
  rep = await makeUser('rep', 'Riley Rep');
  pipeline = await createPipelineFixture();
});

describe('who may manage users', () => {
  it('refuses reps and managers every change with 403 forbidden, and changes nothing', async () => {
    const target = await makeUser('rep');
    await signIn(target.user.id, 1);
    for (const ctx of [rep, manager]) {
      const attempts = [
        createUser({ ctx, input: { name: 'Sneaky', email: 'sneaky@users.test', role: 'admin' } }),
        setUserRole({ ctx, input: { userId: target.user.id, role: 'admin' } }),
        deactivateUser({ ctx, input: { userId: target.user.id } }),
        reactivateUser({ ctx, input: { userId: target.user.id } }),
        setUserPassword({ ctx, input: { userId: target.user.id, password: 'a-new-password' } }),
        updateUser({ ctx, input: { userId: target.user.id, changes: { name: 'Renamed' } } }),
      ];
      for (const attempt of attempts) expect((await refusal(attempt)).code).toBe('forbidden');
    }
    expect(await db.user.findFirst({ where: { email: 'sneaky@users.test' } })).toBeNull();
    expect(await db.user.findUniqueOrThrow({ where: { id: target.user.id } })).toMatchObject({ role: 'rep', name: target.user.name, deactivatedAt: null });
    expect(await db.session.count({ where: { userId: target.user.id } })).toBe(1);
    expect(await db.account.count({ where: { userId: target.user.id } })).toBe(0);
  });

  it('lets managers and admins read every user, and a rep only themself', async () => {
    expect((await refusal(listWorkspaceUsers({ ctx: rep }))).code).toBe('forbidden');
    expect((await refusal(getUser({ ctx: rep, input: { userId: admin.user.id } }))).code).toBe('forbidden');
    expect(await getUser({ ctx: rep, input: { userId: rep.user.id } })).toMatchObject({ id: rep.user.id, email: rep.user.email, role: 'rep', active: true });
    for (const ctx of [manager, admin]) {
      const { rows } = await listWorkspaceUsers({ ctx });
      expect(rows.map((u) => u.id)).toEqual(expect.arrayContaining([admin.user.id, manager.user.id, rep.user.id]));
      expect(await getUser({ ctx, input: { userId: rep.user.id } })).toMatchObject({ name: 'Riley Rep' });
    }
    expect((await refusal(getUser({ ctx: admin, input: { userId: 999_999 } }))).code).toBe('not_found');
  });
});

describe('createUser', () => {
  it('adds a user who signs in with the given password, email lower-cased and verified', async () => {
    const { user, generatedPassword } = await createUser({
      ctx: admin,
      input: { name: ' Casey Closer ', email: 'Casey@Users.TEST', role: 'manager', password: 'casey-password' },
    });
    expect(generatedPassword).toBeUndefined();
    expect(user).toMatchObject({ name: 'Casey Closer', email: 'casey@users.test', role: 'manager', active: true, lastSignInAt: null, ownedOpenDeals: 0 });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).emailVerified).toBe(true);
    const hash = await storedHash(user.id);
    expect(await verifyPassword({ hash, password: 'casey-password' })).toBe(true);
    expect(await verifyPassword({ hash, password: 'wrong-password' })).toBe(false);
  });

  it('makes up a strong password when none is given, returned once, that signs in', async () => {
    const { user, generatedPassword } = await createUser({ ctx: admin, input: { name: 'Gen Erated', email: 'generated@users.test', role: 'rep' } });
    expect(generatedPassword).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(await verifyPassword({ hash: await storedHash(user.id), password: generatedPassword! })).toBe(true);
    const another = await createUser({ ctx: admin, input: { name: 'Gen Two', email: 'generated2@users.test' } });
    expect(another.user.role).toBe('rep');
    expect(another.generatedPassword).not.toBe(generatedPassword);
  });

  it('refuses an email already in use, in any letter case, with 409 and adds nobody', async () => {
    // a row from before emails were lower-cased
    await db.user.create({ data: { email: 'Legacy.Person@Users.test', name: 'Legacy' } });
    const before = await db.user.count();
    for (const email of ['CASEY@users.test', 'legacy.person@users.test']) {
      const error = await refusal(createUser({ ctx: admin, input: { name: 'Again', email, role: 'rep', password: 'whatever-pass' } }));
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/already exists/);
    }
    expect(await db.user.count()).toBe(before);
  });

  it('refuses a malformed email or a short password with 400 naming the field', async () => {
    const badEmail = await refusal(createUser({ ctx: admin, input: { name: 'Bad', email: 'not-an-email', password: 'long-enough' } }));
    expect(badEmail.code).toBe('validation_failed');
    expect(badEmail.details).toEqual([expect.objectContaining({ path: 'email' })]);
    const shortPassword = await refusal(createUser({ ctx: admin, input: { name: 'Bad', email: 'bad@users.test', password: 'short' } }));
    expect(shortPassword.details).toEqual([expect.objectContaining({ path: 'password' })]);
    expect(await db.user.findFirst({ where: { email: 'bad@users.test' } })).toBeNull();
  });
});

describe('the workspace keeps an active admin', () => {
  it('refuses demoting or deactivating the last active admin with 409, renaming included in the same change', async () => {
    expect(await activeAdmins()).toBe(1);
    const demote = await refusal(setUserRole({ ctx: admin, input: { userId: admin.user.id, role: 'manager' } }));
    expect(demote.code).toBe('conflict');
    expect(demote.message).toMatch(/Ada Admin is the only active admin/);
    expect((await refusal(deactivateUser({ ctx: admin, input: { userId: admin.user.id } }))).code).toBe('conflict');
    const combined = await refusal(updateUser({ ctx: admin, input: { userId: admin.user.id, changes: { name: 'Renamed Admin', role: 'rep' } } }));
    expect(combined.code).toBe('conflict');
    expect(await db.user.findUniqueOrThrow({ where: { id: admin.user.id } })).toMatchObject({ name: 'Ada Admin', role: 'admin', deactivatedAt: null });
  });

  it('counts only active admins, and lets an admin step down once another is active', async () => {
    const second = await createUser({ ctx: admin, input: { name: 'Second Admin', email: 'second-admin@users.test', role: 'admin' } });
    await deactivateUser({ ctx: admin, input: { userId: second.user.id } });
    // a deactivated admin cannot run the workspace
    expect((await refusal(setUserRole({ ctx: admin, input: { userId: admin.user.id, role: 'rep' } }))).code).toBe('conflict');

    await reactivateUser({ ctx: admin, input: { userId: second.user.id } });
    const steppedDown = await setUserRole({ ctx: admin, input: { userId: admin.user.id, role: 'manager' } });
    expect(steppedDown.role).toBe('manager');
    const secondCtx: ServiceContext = { user: { id: second.user.id, name: second.user.name, email: second.user.email, role: 'admin' }, source: 'ui' };
    expect((await refusal(setUserRole({ ctx: secondCtx, input: { userId: second.user.id, role: 'rep' } }))).code).toBe('conflict');
    // back as it was for the other tests: Ada the only active admin
    await setUserRole({ ctx: secondCtx, input: { userId: admin.user.id, role: 'admin' } });
    await setUserRole({ ctx: admin, input: { userId: second.user.id, role: 'rep' } });
    expect(await activeAdmins()).toBe(1);
  });

  it('lets only one of two admins demoting each other at the same moment succeed', async () => {
    // several rounds: an unguarded check loses this race nearly every time on PostgreSQL
    for (let round = 0; round < 5; round += 1) {
      const other = await createUser({
        ctx: admin,
        input: { name: 'Other Admin', email: `other-admin-${round}@users.test`, role: 'admin', password: 'other-password' },
      });
      const otherCtx: ServiceContext = { user: { id: other.user.id, name: 'Other Admin', email: other.user.email, role: 'admin' }, source: 'ui' };
      const results = await Promise.allSettled([
        setUserRole({ ctx: admin, input: { userId: other.user.id, role: 'rep' } }),
        setUserRole({ ctx: otherCtx, input: { userId: admin.user.id, role: 'rep' } }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((rejected.reason as AppError).code).toBe('conflict');
      expect(await activeAdmins()).toBe(1);
      // whoever won, Ada ends up the only admin again
      if ((await db.user.findUniqueOrThrow({ where: { id: admin.user.id } })).role !== 'admin') {
        await setUserRole({ ctx: otherCtx, input: { userId: admin.user.id, role: 'admin' } });
        await setUserRole({ ctx: admin, input: { userId: other.user.id, role: 'rep' } });
      }
    }
    expect(await activeAdmins()).toBe(1);
  });

  it('refuses an admin deactivating themself while another admin is active (422)', async () => {
    const other = await createUser({ ctx: admin, input: { name: 'Backup Admin', email: 'backup-admin@users.test', role: 'admin' } });
    const error = await refusal(deactivateUser({ ctx: admin, input: { userId: admin.user.id } }));
    expect(error.code).toBe('unprocessable');
    expect(error.message).toMatch(/cannot deactivate yourself/);
    await setUserRole({ ctx: admin, input: { userId: other.user.id, role: 'rep' } });
  });
});

describe('deactivation', () => {
  it("signs the user out everywhere at once, keeps their deals and API keys, and leaves others' sessions", async () => {
    const leaving = await makeUser('rep', 'Lee Leaving');
    const staying = await makeUser('rep', 'Sam Staying');
    await signIn(leaving.user.id, 3);
    await signIn(staying.user.id, 1);
    const owned = [await deal(leaving.user.id), await deal(leaving.user.id, { status: 'won' })];
    await createApiKey({ ctx: leaving, input: { name: 'Zapier' } });

    const result = await deactivateUser({ ctx: admin, input: { userId: leaving.user.id } });
    expect(result).toMatchObject({ id: leaving.user.id, active: false, ownedOpenDeals: 1 });
    expect(result.deactivatedAt).toBeInstanceOf(Date);
    expect(await db.session.count({ where: { userId: leaving.user.id } })).toBe(0);
    expect(await db.session.count({ where: { userId: staying.user.id } })).toBe(1);
    const deals = await db.deal.findMany({ where: { id: { in: owned.map((d) => d.id) } }, select: { ownerId: true } });
    expect(deals.map((d) => d.ownerId)).toEqual([leaving.user.id, leaving.user.id]);
    expect(await db.apiKey.findFirstOrThrow({ where: { userId: leaving.user.id } })).toMatchObject({ revokedAt: null });

    // again: nothing changes, the first deactivation time stays
    const again = await deactivateUser({ ctx: admin, input: { userId: leaving.user.id } });
    expect(again.deactivatedAt).toEqual(result.deactivatedAt);

    const back = await reactivateUser({ ctx: admin, input: { userId: leaving.user.id } });
    expect(back).toMatchObject({ active: true, deactivatedAt: null, role: 'rep' });
    expect(await db.apiKey.findFirstOrThrow({ where: { userId: leaving.user.id } })).toMatchObject({ revokedAt: null });
  });

  it('answers 404 for a user that does not exist', async () => {
    expect((await refusal(deactivateUser({ ctx: admin, input: { userId: 987_654 } }))).code).toBe('not_found');
    expect((await refusal(reactivateUser({ ctx: admin, input: { userId: 987_654 } }))).code).toBe('not_found');
    expect((await refusal(setUserRole({ ctx: admin, input: { userId: 987_654, role: 'rep' } }))).code).toBe('not_found');
  });
});

describe('reassignDeals', () => {
  it("moves every live deal of that owner, and only those, bumping each one's version", async () => {
    const from = await makeUser('rep', 'Frankie From');
    const to = await makeUser('rep', 'Toni To');
    const bystander = await makeUser('rep', 'Bea Bystander');
    const open = await deal(from.user.id);
    const won = await deal(from.user.id, { status: 'won' });
    const deleted = await deal(from.user.id, { deletedAt: new Date() });
    const others = await deal(bystander.user.id);
    const unowned = await deal(null);
    await deactivateUser({ ctx: admin, input: { userId: from.user.id } });

    // managers hand over deals too
    expect(await reassignDeals({ ctx: manager, input: { fromUserId: from.user.id, toUserId: to.user.id } })).toEqual({ count: 2 });
    const owners = Object.fromEntries(
      (
        await db.deal.findMany({
          where: { id: { in: [open.id, won.id, deleted.id, others.id, unowned.id] } },
          select: { id: true, ownerId: true, version: true },
        })
      ).map((d) => [d.id, d]),
    );
    expect(owners[open.id]).toMatchObject({ ownerId: to.user.id, version: open.version + 1 });
    expect(owners[won.id]).toMatchObject({ ownerId: to.user.id, version: won.version + 1 });
    expect(owners[deleted.id]).toMatchObject({ ownerId: from.user.id, version: deleted.version });
    expect(owners[others.id]).toMatchObject({ ownerId: bystander.user.id, version: others.version });
    expect(owners[unowned.id]).toMatchObject({ ownerId: null });
    expect(await reassignDeals({ ctx: admin, input: { fromUserId: from.user.id, toUserId: to.user.id } })).toEqual({ count: 0 });
  });

  it('refuses a rep (403), a deactivated or unknown new owner (422) and an unknown old one (404), moving nothing', async () => {
    const from = await makeUser('rep');
    const gone = await makeUser('rep', 'Gone Rep');
    const kept = await deal(from.user.id);
    await deactivateUser({ ctx: admin, input: { userId: gone.user.id } });
    expect((await refusal(reassignDeals({ ctx: rep, input: { fromUserId: from.user.id, toUserId: rep.user.id } }))).code).toBe('forbidden');
    const toGone = await refusal(reassignDeals({ ctx: admin, input: { fromUserId: from.user.id, toUserId: gone.user.id } }));
    expect(toGone.code).toBe('unprocessable');
    expect(toGone.message).toMatch(/Gone Rep is deactivated/);
    expect((await refusal(reassignDeals({ ctx: admin, input: { fromUserId: from.user.id, toUserId: 987_654 } }))).code).toBe('unprocessable');
    expect((await refusal(reassignDeals({ ctx: admin, input: { fromUserId: 987_654, toUserId: rep.user.id } }))).code).toBe('not_found');
    expect((await refusal(reassignDeals({ ctx: admin, input: { fromUserId: from.user.id, toUserId: from.user.id } }))).code).toBe('unprocessable');
    expect((await db.deal.findUniqueOrThrow({ where: { id: kept.id } })).ownerId).toBe(from.user.id);
  });
});

describe('setUserPassword', () => {
  it('replaces the password, signs the user out everywhere, and makes one up when none is given', async () => {
    const { user } = await createUser({ ctx: admin, input: { name: 'Forgetful', email: 'forgetful@users.test', password: 'old-password' } });
    await signIn(user.id, 2);
    const set = await setUserPassword({ ctx: admin, input: { userId: user.id, password: 'new-password' } });
    expect(set.generatedPassword).toBeUndefined();
    let hash = await storedHash(user.id);
    expect(await verifyPassword({ hash, password: 'new-password' })).toBe(true);
    expect(await verifyPassword({ hash, password: 'old-password' })).toBe(false);
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.account.count({ where: { userId: user.id } })).toBe(1);

    const generated = await setUserPassword({ ctx: admin, input: { userId: user.id } });
    hash = await storedHash(user.id);
    expect(generated.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(await verifyPassword({ hash, password: generated.generatedPassword! })).toBe(true);
  });

  it('gives a user who had no password (single sign-on) one, and refuses a short one with 400', async () => {
    const ssoOnly = await makeUser('rep');
    expect((await refusal(setUserPassword({ ctx: admin, input: { userId: ssoOnly.user.id, password: 'short' } }))).code).toBe('validation_failed');
    expect(await db.account.count({ where: { userId: ssoOnly.user.id } })).toBe(0);
    await setUserPassword({ ctx: admin, input: { userId: ssoOnly.user.id, password: 'first-password' } });
    const account = await db.account.findFirstOrThrow({ where: { userId: ssoOnly.user.id } });
    expect(account).toMatchObject({ providerId: 'credential', accountId: String(ssoOnly.user.id) });
    expect(await verifyPassword({ hash: account.password!, password: 'first-password' })).toBe(true);
  });
});

describe('listWorkspaceUsers', () => {
  it('shows each user with their open deals (open and stalled, not closed or deleted) and state', async () => {
    const owner = await makeUser('rep', 'Aaron Owner');
    await deal(owner.user.id);
    await deal(owner.user.id, { status: 'stalled' });
    await deal(owner.user.id, { status: 'lost' });
    await deal(owner.user.id, { deletedAt: new Date() });
    const { rows } = await listWorkspaceUsers({ ctx: admin });
    expect(rows.find((u) => u.id === owner.user.id)).toMatchObject({ name: 'Aaron Owner', role: 'rep', active: true, ownedOpenDeals: 2 });
  });

  it('pages through every user exactly once, and filters by active', async () => {
    const all = (await listWorkspaceUsers({ ctx: admin })).rows.map((u) => u.id);
    const seen: number[] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await listWorkspaceUsers({ ctx: admin, input: { limit: 3, cursor } });
      seen.push(...page.rows.map((u) => u.id));
      if (!page.hasMore) break;
      cursor = page.nextCursor!;
    }
    expect(seen).toEqual(all);
    const inactive = (await listWorkspaceUsers({ ctx: admin, input: { active: false } })).rows;
    expect(inactive.length).toBeGreaterThan(0);
    expect(inactive.every((u) => !u.active)).toBe(true);
    const active = (await listWorkspaceUsers({ ctx: admin, input: { active: true } })).rows;
    expect(active.length + inactive.length).toBe(all.length);
  });
});
