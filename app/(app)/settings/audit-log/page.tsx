import type { Metadata } from 'next';
import { ForbiddenNotice } from '@/components/app-shell/forbidden-notice';
import { AuditLog } from '@/components/settings/audit-log';
import { getBrowserContext } from '@/lib/auth/get-browser-context';
import { CHANGE_EVENT_TYPES } from '@/lib/change-record/event-types';
import { toPublicId } from '@/lib/ids';
import { EVENT_TYPE_FAMILIES, parseAuditLogSearch } from '@/lib/schemas/audit-log';
import { EVENT_RECORD_TYPES } from '@/lib/schemas/change-event';
import { readAuditLog } from '@/lib/services/change-events/read-audit-log';
import { isAdmin } from '@/lib/services/permissions';
import { listWorkspaceUsers } from '@/lib/services/users/list-workspace-users';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Audit log · Settings' };

const PAGE_SIZE = 50;

// /settings/audit-log – admins: every change in the workspace, filtered by the URL, newest first
export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const ctx = await getBrowserContext();
  if (!isAdmin(ctx)) return <ForbiddenNotice>Only admins read the audit log.</ForbiddenNotice>;
  const search = parseAuditLogSearch(await searchParams);
  const [page, { rows: users }] = await Promise.all([
    readAuditLog({ ctx, input: { filter: search.filter, before: search.before, limit: PAGE_SIZE } }),
    listWorkspaceUsers({ ctx }),
  ]);
  return (
    <div className="mx-auto max-w-7xl p-3 sm:p-6">
      <AuditLog
        page={page}
        form={search.form}
        problems={search.problems}
        paged={search.before !== undefined}
        users={users.map((u) => ({ id: toPublicId('user', u.id), name: u.name }))}
        types={[...EVENT_TYPE_FAMILIES, ...CHANGE_EVENT_TYPES.map((entry) => entry.type)]}
        recordTypes={[...EVENT_RECORD_TYPES]}
      />
    </div>
  );
}
