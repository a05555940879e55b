'use client';

import { useState, useTransition, type FormEvent } from 'react';
import { toast } from 'sonner';
import { formatDate, formatDateTime, useTimeZone } from '@/components/deal/format';
import { Button, inputClass } from '@/components/deal/ui';
import { createInvitationAction, revokeInvitationAction } from '@/lib/actions/invitations';
import { createPasswordResetLinkAction, reassignDealsAction, setUserActiveAction, setUserRoleAction } from '@/lib/actions/users';
import { USER_ROLES } from '@/lib/schemas/user';
import { FieldError, invalidProps } from './field-error';
import { useHydrated } from '@/components/ui/use-hydrated';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
  lastSignInAt: string | null;
  ownedOpenDeals: number;
}

export interface InvitationRow {
  id: number;
  email: string;
  role: string;
  invitedBy: string;
  expiresAt: string;
}

type Result = { ok: true } | { ok: false; message: string };

const compactSelectClass =
  'h-8 rounded-md border border-slate-300 bg-white px-2 text-sm text-slate-900 shadow-xs capitalize focus:border-blue-500 focus:outline-none focus:ring-2 focus:ring-blue-500/30 disabled:bg-slate-50 disabled:text-slate-500';

/** A link shown once, to copy (an invitation, a password reset). */
function CopyableLink({ label, link }: { label: string; link: string }) {
  return (
    <div role="status" className="rounded-md border border-green-200 bg-green-50 p-3 text-sm text-green-900">
      <p className="font-medium">{label}</p>
      <div className="mt-2 flex gap-2">
        <input readOnly value={link} aria-label={label} className={`${inputClass} font-mono text-xs`} onFocus={(e) => e.target.select()} />
        <Button size="md" onClick={() => navigator.clipboard?.writeText(link).then(() => toast.success('Link copied'))}>
          Copy
        </Button>
      </div>
    </div>
  );
}

function InviteForm({ mailConfigured }: { mailConfigured: boolean }) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState('rep');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [created, setCreated] = useState<{ link: string; email: string; emailed: boolean } | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    startTransition(async () => {
      const result = await createInvitationAction({ email, role });
      if (!result.ok) {
        setErrors(Object.keys(result.fieldErrors).length ? result.fieldErrors : { email: [result.message] });
        return;
      }
      setErrors({});
      setEmail('');
      setCreated(result.data);
      toast.success(`Invitation for ${result.data.email} created`);
    });
  }

  return (
    <div className="space-y-3">
      <form onSubmit={onSubmit} noValidate aria-label="Invite someone" className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="invite-email" className="mb-0.5 block text-[11px] font-medium text-slate-600">
            Email
          </label>
          <input
            id="invite-email"
            type="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className={inputClass}
            {...invalidProps('invite-email-error', errors.email)}
          />
          <FieldError id="invite-email-error" messages={errors.email} />
        </div>
        <div>
          <label htmlFor="invite-role" className="mb-0.5 block text-[11px] font-medium text-slate-600">
            Role
          </label>
          <select id="invite-role" value={role} onChange={(e) => setRole(e.target.value)} className={compactSelectClass}>
            {USER_ROLES.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div className="pt-5">
          <Button type="submit" tone="primary" disabled={pending}>
            {pending ? 'Inviting…' : 'Invite'}
          </Button>
        </div>
      </form>
      {created ? (
        <CopyableLink
          label={
            created.emailed
              ? `Invitation emailed to ${created.email}. The link, valid 7 days:`
              : `Send this link to ${created.email} (valid 7 days; this server sends no email):`
          }
          link={created.link}
        />
      ) : mailConfigured ? null : (
        <p className="text-xs text-slate-500">This server sends no email (no SMTP_URL): copy each invitation link and send it yourself.</p>
      )}
    </div>
  );
}

/** Settings → Users: invite, change roles, deactivate and reactivate, reset links, hand over deals. */
export function UsersManager({
  users,
  invitations,
  currentUserId,
  mailConfigured,
}: {
  users: UserRow[];
  invitations: InvitationRow[];
  currentUserId: string;
  mailConfigured: boolean;
}) {
  const timeZone = useTimeZone();
  const hydrated = useHydrated();
  const [pending, startTransition] = useTransition();
  const [resetLink, setResetLink] = useState<{ name: string; link: string } | null>(null);
  const [handover, setHandover] = useState<Record<string, string>>({});
  const activeUsers = users.filter((u) => u.active);

  function run(work: () => Promise<Result>, success: string) {
    startTransition(async () => {
      const result = await work();
      if (result.ok) toast.success(success);
      else toast.error(result.message);
    });
  }

  return (
    <div className="space-y-6">
      <section aria-labelledby="invite-heading" className="space-y-3 rounded-xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <h2 id="invite-heading" className="text-base font-semibold text-slate-900">
          Invite someone
        </h2>
        <InviteForm mailConfigured={mailConfigured} />
        {invitations.length ? (
          <ul aria-label="Open invitations" className="divide-y divide-slate-100 rounded-lg border border-slate-200">
            {invitations.map((i) => (
              <li key={i.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
                <span className="min-w-0">
                  <span className="font-medium break-all text-slate-800">{i.email}</span>
                  <span className="ml-2 text-xs text-slate-500 capitalize">{i.role}</span>
                  <span className="block text-xs text-slate-500">
                    invited by {i.invitedBy}
                    {hydrated ? ` · expires ${formatDate(i.expiresAt, timeZone)}` : ''}
                  </span>
                </span>
                <Button size="sm" disabled={pending} onClick={() => run(() => revokeInvitationAction(i.id), `Invitation for ${i.email} withdrawn`)}>
                  Withdraw
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="users-heading" className="space-y-3">
        <h2 id="users-heading" className="text-base font-semibold text-slate-900">
          Users
        </h2>
        {resetLink ? <CopyableLink label={`Password reset link for ${resetLink.name} (valid one hour):`} link={resetLink.link} /> : null}
        <ul aria-label="Users" className="divide-y divide-slate-100 rounded-xl border border-slate-200 bg-white shadow-sm">
          {users.map((u) => {
            const self = u.id === currentUserId;
            const targets = activeUsers.filter((t) => t.id !== u.id);
            const target = handover[u.id] ?? targets[0]?.id ?? '';
            return (
              <li key={u.id} data-testid="user-row" data-email={u.email} className="space-y-2 px-3 py-3 text-sm sm:px-4">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium text-slate-900">
                      {u.name}
                      {self ? <span className="ml-1 text-xs text-slate-500">(you)</span> : null}
                      {u.active ? null : <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs font-medium text-slate-700">Deactivated</span>}
                    </p>
                    <p className="text-xs break-all text-slate-500">
                      {u.email} · {u.ownedOpenDeals} open deal{u.ownedOpenDeals === 1 ? '' : 's'} · last sign-in{' '}
                      {u.lastSignInAt ? (hydrated ? formatDateTime(u.lastSignInAt, timeZone) : '…') : 'never'}
                    </p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    <select
                      aria-label={`Role of ${u.name}`}
                      value={u.role}
                      disabled={pending || self}
                      onChange={(e) => run(() => setUserRoleAction(u.id, e.target.value), `${u.name} is now ${e.target.value}`)}
                      className={compactSelectClass}
                    >
                      {USER_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {r}
                        </option>
                      ))}
                    </select>
                    {u.active ? (
                      <Button
                        size="md"
                        disabled={pending}
                        onClick={() =>
                          run(async () => {
                            const result = await createPasswordResetLinkAction(u.id);
                            if (result.ok) setResetLink({ name: u.name, link: result.data.link });
                            return result;
                          }, `Reset link for ${u.name} created`)
                        }
                      >
                        Reset link
                      </Button>
                    ) : null}
                    {self ? null : (
                      <Button
                        size="md"
                        tone={u.active ? 'danger' : 'secondary'}
                        disabled={pending}
                        onClick={() =>
                          run(() => setUserActiveAction(u.id, !u.active), u.active ? `${u.name} deactivated and signed out` : `${u.name} reactivated`)
                        }
                      >
                        {u.active ? 'Deactivate' : 'Reactivate'}
                      </Button>
                    )}
                  </div>
                </div>
                {u.ownedOpenDeals > 0 && !u.active && targets.length ? (
                  <div className="flex flex-wrap items-center gap-2 rounded-md bg-amber-50 px-2 py-1.5 text-xs text-amber-900">
                    <span>Hand {u.name}’s deals over to</span>
                    <select
                      aria-label={`New owner of ${u.name}’s deals`}
                      value={target}
                      onChange={(e) => setHandover((h) => ({ ...h, [u.id]: e.target.value }))}
                      className={compactSelectClass}
                    >
                      {targets.map((t) => (
                        <option key={t.id} value={t.id}>
                          {t.name}
                        </option>
                      ))}
                    </select>
                    <Button
                      size="sm"
                      disabled={pending || !target}
                      onClick={() =>
                        run(async () => {
                          const result = await reassignDealsAction(u.id, target);
                          return result.ok ? { ok: true } : result;
                        }, 'Deals handed over')
                      }
                    >
                      Reassign deals
                    </Button>
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
      </section>
    </div>
  );
}
