import type { Metadata } from 'next';
import { ForbiddenNotice } from '@/components/app-shell/forbidden-notice';
import { UsersManager } from '@/components/settings/users-manager';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { toPublicId } from '@/lib/ids';
import { listOpenInvitations } from '@/lib/services/invitations/list-invitations';
import { isMailConfigured } from '@/lib/services/mail/send-mail';
import { isAdmin } from '@/lib/services/permissions';
import { listWorkspaceUsers } from '@/lib/services/users/list-workspace-users';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Users · Settings' };

// /settings/users – admins: the people of the workspace, invitations, roles, deactivation
export default async function UsersSettingsPage() {
  const ctx = await getBrowserContext();
  if (!isAdmin(ctx)) return <ForbiddenNotice>Only admins manage users and invitations.</ForbiddenNotice>;
  const [{ rows: users }, invitations] = await Promise.all([listWorkspaceUsers({ ctx }), listOpenInvitations({ ctx })]);
  return (
    <div className="mx-auto max-w-5xl p-4 sm:p-6">
      <UsersManager
        currentUserId={toPublicId('user', ctx.user.id)}
        mailConfigured={isMailConfigured()}
        users={users.map((u) => ({
          id: toPublicId('user', u.id),
          name: u.name,
          email: u.email,
          role: u.role,
          active: u.active,
          lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
          ownedOpenDeals: u.ownedOpenDeals,
        }))}
        invitations={invitations.map((i) => ({
          id: i.id,
          email: i.email,
          role: i.role,
          invitedBy: i.invitedBy.name,
          expiresAt: i.expiresAt.toISOString(),
        }))}
      />
    </div>
  );
}
