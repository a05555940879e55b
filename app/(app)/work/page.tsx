import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ForbiddenNotice } from '@/components/app-shell/forbidden-notice';
import { PageHeader } from '@/components/app-shell/page-header';
import { WorkInbox } from '@/components/work/work-inbox';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { isAppError } from '@/lib/errors';
import { toPublicId } from '@/lib/ids';
import { canViewOthersWork } from '@/lib/services/permissions';
import { listUsers } from '@/lib/services/users-directory/list-users';
import { listWorkItems } from '@/lib/services/work/list-work-items';
import { parseWorkScope, TEAM_SCOPE } from '@/lib/work/work-scope';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My work' };

// /work – the signed-in person's open tasks and planned activities across every deal;
// managers and admins switch to someone else's (?person=user_…) or the team's (?person=team).
export default async function WorkPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getBrowserContext();
  const { person } = await searchParams;
  const whose = parseWorkScope(typeof person === 'string' ? person : undefined, ctx.user.id);
  if (whose === null) notFound();
  if (whose !== ctx.user.id && !canViewOthersWork(ctx)) {
    return (
      <>
        <PageHeader title="My work" />
        <ForbiddenNotice>Only managers and admins can see someone else’s work or the whole team’s; your own is under My work.</ForbiddenNotice>
      </>
    );
  }
  const [list, users] = await Promise.all([
    listWorkItems({ ctx, input: { whose } }).catch((error: unknown) => {
      if (isAppError(error) && error.code === 'not_found') notFound();
      throw error;
    }),
    listUsers({ ctx }),
  ]);
  const scope = whose === 'team' ? TEAM_SCOPE : whose === ctx.user.id ? 'me' : toPublicId('user', whose);
  return (
    <>
      <PageHeader title="My work" />
      <WorkInbox
        scope={scope}
        initial={list}
        users={users.map((u) => ({ id: toPublicId('user', u.id), name: u.name }))}
        viewerId={toPublicId('user', ctx.user.id)}
        canSwitch={canViewOthersWork(ctx)}
        renderedAt={new Date().toISOString()}
      />
    </>
  );
}
