import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getAuth, resetAuthForTests } from '../../lib/auth/auth';
import { db } from '../../lib/db';
import { resetEnvForTests } from '../../lib/env';
import { isAppError } from '../../lib/errors';
import { createPasswordResetLink } from '../../lib/services/auth/create-password-reset-link';
import type { ServiceContext } from '../../lib/services/context';
import { acceptInvitation } from '../../lib/services/invitations/accept-invitation';
import { createInvitation } from '../../lib/services/invitations/create-invitation';
import { getInvitationByToken } from '../../lib/services/invitations/get-invitation-by-token';
import { listOpenInvitations } from '../../lib/services/invitations/list-invitations';
import { revokeInvitation } from '../../lib/services/invitations/revoke-invitation';
import { createFirstAdmin } from '../../lib/services/users/create-first-admin';
import { insertUserWithPassword } from '../../lib/services/users/insert-user-with-password';

// Joining a workspace and getting back in: the first admin, invitations (a link valid 7 days,
// emailed through a real SMTP server when SMTP_URL is set), and the reset link an admin hands out,
// consumed by better-auth's own reset endpoint.

const APP = 'http://localhost:3000';
const saved = { APP_URL: process.env.APP_URL, SMTP_URL: process.env.SMTP_URL };

interface Received {
  to: string[];
  text: string;
}
const inbox: Received[] = [];
let smtp: SMTPServer;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), text: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  smtp.listen(0, '127.0.0.1');
  await once(smtp.server, 'listening');
  delete process.env.APP_URL;
  resetEnvForTests();
  resetAuthForTests();
});

afterAll(async () => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetEnvForTests();
  resetAuthForTests();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** The message as a reader sees it (nodemailer wraps long lines as quoted-printable). */
function decodeQuotedPrintable(raw: string): string {
  return raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function withSmtp(on: boolean): void {
  if (on) process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  else delete process.env.SMTP_URL;
  resetEnvForTests();
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, message: error.message };
}

let admin: ServiceContext;
let manager: ServiceContext;

describe('the first admin', () => {
  it('is created on an empty workspace, and refused once any user exists', async () => {
    const created = await createFirstAdmin({ input: { name: 'Olivia Owner', email: 'Olivia@Example.com', password: 'owner-password' } });
    expect(created).toMatchObject({ email: 'olivia@example.com', role: 'admin' });
    admin = { user: created, source: 'ui' };
    const again = await refusal(createFirstAdmin({ input: { name: 'Mallory', email: 'mallory@example.com', password: 'mallory-password' } }));
    expect(again.code).toBe('forbidden');
    expect(await db.user.count()).toBe(1);
    const managerRow = await db.$transaction((tx) =>
      insertUserWithPassword(tx, { name: 'Maya', email: 'maya@example.com', role: 'manager', password: 'manager-password' }),
    );
    manager = { user: managerRow, source: 'ui' };
  });
});

describe('invitations', () => {
  it('are for admins only; a taken email is refused by its field', async () => {
    expect((await refusal(createInvitation({ ctx: manager, input: { email: 'new@example.com' } }))).code).toBe('forbidden');
    const taken = await createInvitation({ ctx: admin, input: { email: 'MAYA@example.com' } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isAppError(taken) && taken.code).toBe('conflict');
    expect(isAppError(taken) && taken.details[0]?.path).toBe('email');
    expect(await db.invitation.count()).toBe(0);
  });

  it('without SMTP give a link to copy; with SMTP the link is also emailed through the server', async () => {
    withSmtp(false);
    const copied = await createInvitation({ ctx: admin, input: { email: 'copy@example.com', role: 'manager' } });
    expect(copied.emailed).toBe(false);
    expect(copied.link).toMatch(new RegExp(`^${APP}/invite/[A-Za-z0-9_-]{40,}$`));

    withSmtp(true);
    const mailed = await createInvitation({ ctx: admin, input: { email: 'mail@example.com' } });
    expect(mailed.emailed).toBe(true);
    const message = inbox.find((m) => m.to.includes('mail@example.com'));
    expect(message?.text).toContain(mailed.link);
    expect(message?.text).toContain('Olivia Owner invited you');
    withSmtp(false);

    const open = await listOpenInvitations({ ctx: admin });
    expect(open.map((i) => i.email).sort()).toEqual(['copy@example.com', 'mail@example.com']);
  });

  it('are accepted once: the account gets the invited email and role, and the link is used up', async () => {
    const { link } = await createInvitation({ ctx: admin, input: { email: 'nia@example.com', role: 'manager' } });
    const token = link.split('/invite/')[1]!;
    expect(await getInvitationByToken({ input: { token } })).toMatchObject({
      state: 'open',
      email: 'nia@example.com',
      role: 'manager',
      invitedBy: 'Olivia Owner',
    });

    // two tabs accept at once: one account
    const results = await Promise.allSettled([
      acceptInvitation({ input: { token, name: 'Nia', password: 'nia-password-1' } }),
      acceptInvitation({ input: { token, name: 'Nia again', password: 'nia-password-2' } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.user.count({ where: { email: 'nia@example.com' } })).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { email: 'nia@example.com' } })).role).toBe('manager');
    expect(await getInvitationByToken({ input: { token } })).toEqual({ state: 'used' });
    expect((await refusal(acceptInvitation({ input: { token, name: 'Late', password: 'late-password' } }))).code).toBe('conflict');

    // the new account signs in with the chosen password
    const auth = await getAuth();
    const winner = results.find((r) => r.status === 'fulfilled')!;
    const password = (winner as PromiseFulfilledResult<{ name: string }>).value.name === 'Nia' ? 'nia-password-1' : 'nia-password-2';
    const signIn = await auth.handler(
      new Request(`${APP}/api/auth/sign-in/email`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: APP },
        body: JSON.stringify({ email: 'nia@example.com', password }),
      }),
    );
    expect(signIn.status).toBe(200);
  });

  it('stop working when withdrawn or expired, and a bad password creates nothing', async () => {
    const withdrawn = await createInvitation({ ctx: admin, input: { email: 'gone@example.com' } });
    const [row] = await db.invitation.findMany({ where: { email: 'gone@example.com' } });
    await revokeInvitation({ ctx: admin, input: { invitationId: row!.id } });
    const withdrawnToken = withdrawn.link.split('/invite/')[1]!;
    expect(await getInvitationByToken({ input: { token: withdrawnToken } })).toEqual({ state: 'invalid' });
    expect((await refusal(acceptInvitation({ input: { token: withdrawnToken, name: 'Gone', password: 'gone-password' } }))).code).toBe('not_found');

    const expired = await createInvitation({ ctx: admin, input: { email: 'late@example.com' } });
    await db.invitation.updateMany({ where: { email: 'late@example.com' }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expiredToken = expired.link.split('/invite/')[1]!;
    expect(await getInvitationByToken({ input: { token: expiredToken } })).toEqual({ state: 'expired' });
    expect((await refusal(acceptInvitation({ input: { token: expiredToken, name: 'Late', password: 'late-password' } }))).code).toBe('unprocessable');

    const fresh = await createInvitation({ ctx: admin, input: { email: 'short@example.com' } });
    const shortPassword = await acceptInvitation({ input: { token: fresh.link.split('/invite/')[1]!, name: 'Short', password: 'short' } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(shortPassword).not.toBeNull();
    expect(await db.user.count({ where: { email: { in: ['gone@example.com', 'late@example.com', 'short@example.com'] } } })).toBe(0);
    expect(await getInvitationByToken({ input: { token: fresh.link.split('/invite/')[1]! } })).toMatchObject({ state: 'open' });
  });
});

describe('a password reset link made by an admin', () => {
  it('sets a new password through better-auth, signs the user out everywhere, and works once', async () => {
    expect((await refusal(createPasswordResetLink({ ctx: manager, input: { userId: manager.user.id } }))).code).toBe('forbidden');
    await db.session.create({ data: { userId: manager.user.id, token: 'old-session-token', expiresAt: new Date(Date.now() + 86_400_000) } });
    const { link } = await createPasswordResetLink({ ctx: admin, input: { userId: manager.user.id } });
    const token = new URL(link).searchParams.get('token')!;
    expect(new URL(link).pathname).toBe('/reset-password');

    const auth = await getAuth();
    const reset = (body: unknown) =>
      auth.handler(
        new Request(`${APP}/api/auth/reset-password`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: APP },
          body: JSON.stringify(body),
        }),
      );
    expect((await reset({ token, newPassword: 'brand-new-password' })).status).toBe(200);
    expect(await db.session.count({ where: { userId: manager.user.id } })).toBe(0);
    expect((await reset({ token, newPassword: 'another-password' })).status).toBe(400);

    const signIn = (password: string) =>
      auth.handler(
        new Request(`${APP}/api/auth/sign-in/email`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: APP },
          body: JSON.stringify({ email: 'maya@example.com', password }),
        }),
      );
    expect((await signIn('manager-password')).status).toBe(401);
    expect((await signIn('brand-new-password')).status).toBe(200);
  });

  it('"forgot password" emails the link through the SMTP server, and says the same for an unknown email', async () => {
    withSmtp(true);
    const auth = await getAuth();
    const ask = (email: string) =>
      auth.handler(
        new Request(`${APP}/api/auth/request-password-reset`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: APP },
          body: JSON.stringify({ email, redirectTo: '/reset-password' }),
        }),
      );
    const before = inbox.length;
    const known = await ask('maya@example.com');
    const unknown = await ask('nobody@example.com');
    expect(known.status).toBe(200);
    expect(await unknown.json()).toEqual(await known.json());
    await expect.poll(() => inbox.length).toBe(before + 1);
    const message = inbox.at(-1)!;
    expect(message.to).toEqual(['maya@example.com']);
    const link = /http:\/\/localhost:3000\/api\/auth\/reset-password\/[A-Za-z0-9]+\?callbackURL=%2Freset-password/.exec(message.text)?.[0];
    expect(link).toBeDefined();
    // the link checks the token and lands on our reset page with it
    const landing = await auth.handler(new Request(link!));
    expect(landing.status).toBe(302);
    expect(landing.headers.get('location')).toMatch(/^http:\/\/localhost:3000\/reset-password\?token=[A-Za-z0-9]+$/);
    withSmtp(false);
  });
});
