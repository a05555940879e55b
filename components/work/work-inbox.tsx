'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useState, type ReactNode } from 'react';
import { formatDateTime, relativeDay, useTimeZone } from '@/components/deal/format';
import { Button, EmptyState, MailIcon, NoteIcon, PencilIcon, PhoneIcon, TaskIcon, UsersIcon, WarningIcon, inputClass } from '@/components/deal/ui';
import { markDoneChanges } from '@/lib/work/activity-done-rule';
import { WORK_GROUPS, workGroupOf, type WorkGroup } from '@/lib/work/work-day';
import type { WorkItem } from '@/lib/work/work-item';
import { TEAM_SCOPE } from '@/lib/work/work-scope';
import { RescheduleControls } from './reschedule-controls';
import { useWorkInbox, type WorkList, type WorkWrite } from './use-work-inbox';
import { WorkItemEditor, type WorkItemChanges } from './work-item-editor';

// "My work": the open tasks and planned activities of one person (or the team) across every deal,
// grouped Overdue / Today / Upcoming / No date in the viewer's own day. Each line can be completed,
// rescheduled, edited and reassigned where it stands.

const PRIORITY_STYLE = {
  high: 'bg-rose-50 text-rose-700 ring-rose-200',
  medium: 'bg-amber-50 text-amber-800 ring-amber-200',
  low: 'bg-slate-50 text-slate-600 ring-slate-200',
} as const;

const ACTIVITY_LABEL = { call: 'Call', meeting: 'Meeting', email: 'Email', note: 'Note' } as const;
const ACTIVITY_ICON = { call: PhoneIcon, meeting: UsersIcon, email: MailIcon, note: NoteIcon } as const;

const GROUP_STYLE: Record<WorkGroup, string> = {
  overdue: 'text-red-700',
  today: 'text-amber-800',
  upcoming: 'text-slate-700',
  no_date: 'text-slate-700',
};

export interface WorkInboxProps {
  /** `me`, `team` or a user ID */
  scope: string;
  initial: WorkList;
  users: { id: string; name: string }[];
  /** the viewer's public ID */
  viewerId: string;
  /** managers and admins may switch to someone else's inbox */
  canSwitch: boolean;
  renderedAt: string;
}

export function WorkInbox({ scope, initial, users, viewerId, canSwitch, renderedAt }: WorkInboxProps) {
  const timeZone = useTimeZone();
  const { data, write } = useWorkInbox(scope, initial);
  const [now, setNow] = useState(() => new Date(renderedAt));
  useEffect(() => {
    // the page may stay open past midnight: regroup every minute
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const whoseId = scope === 'me' ? viewerId : scope;
  const showAssignee = scope === TEAM_SCOPE;
  const groups = WORK_GROUPS.map((group) => ({ ...group, items: data.items.filter((item) => workGroupOf(item.dueAt, now, timeZone) === group.key) }));
  const personName = users.find((u) => u.id === whoseId)?.name;
  const heading = scope === TEAM_SCOPE ? 'The team’s open work' : whoseId === viewerId ? 'Your open work' : `${personName ?? 'Their'}’s open work`;

  return (
    <div className="min-h-0 flex-1 overflow-y-auto">
      <div className="mx-auto w-full max-w-4xl space-y-5 p-3 sm:p-6">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 className="text-base font-semibold text-slate-900">{heading}</h2>
            <p className="text-sm text-slate-600">
              {data.items.length === 0 ? 'Nothing open.' : `${data.items.length} open ${data.items.length === 1 ? 'item' : 'items'}`} · tasks and planned
              activities across every deal
            </p>
          </div>
          {canSwitch ? <ScopePicker scope={scope} users={users} viewerId={viewerId} /> : null}
        </div>
        {data.truncated ? (
          <p role="status" className="rounded-lg border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Showing the first {data.items.length} items, soonest due first.
          </p>
        ) : null}
        {data.items.length === 0 ? (
          <div className="rounded-xl border border-slate-200 bg-white">
            <EmptyState icon={<TaskIcon className="h-8 w-8" />} title="All clear">
              No open tasks or planned activities. Plan next steps from a deal’s page.
            </EmptyState>
          </div>
        ) : (
          groups
            .filter((group) => group.items.length > 0)
            .map((group) => (
              <WorkGroupSection key={group.key} group={group.key} label={group.label} count={group.items.length}>
                {group.items.map((item) => (
                  <WorkRow
                    key={`${item.kind}:${item.id}`}
                    item={item}
                    scope={scope}
                    whoseId={whoseId}
                    users={users}
                    now={now}
                    timeZone={timeZone}
                    showAssignee={showAssignee}
                    write={write}
                  />
                ))}
              </WorkGroupSection>
            ))
        )}
      </div>
    </div>
  );
}

function ScopePicker({ scope, users, viewerId }: { scope: string; users: { id: string; name: string }[]; viewerId: string }) {
  const router = useRouter();
  const id = useId();
  const value = scope === 'me' ? viewerId : scope;
  return (
    <div className="w-full sm:w-64">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        Whose work
      </label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const next = e.target.value;
          router.push(next === viewerId ? '/work' : `/work?person=${encodeURIComponent(next)}`);
        }}
        className={inputClass}
      >
        <option value={viewerId}>Mine</option>
        <option value={TEAM_SCOPE}>The whole team</option>
        {users
          .filter((u) => u.id !== viewerId)
          .map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
      </select>
    </div>
  );
}

function WorkGroupSection({ group, label, count, children }: { group: WorkGroup; label: string; count: number; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} data-testid={`work-group-${group}`}>
      <h3 id={id} className={`mb-2 flex items-center gap-1.5 text-sm font-semibold tracking-wide uppercase ${GROUP_STYLE[group]}`}>
        {group === 'overdue' ? <WarningIcon className="h-4 w-4" /> : null}
        {label} <span className="font-normal text-slate-600">({count})</span>
      </h3>
      <ul aria-label={label} className="divide-y divide-slate-100 overflow-hidden rounded-xl border border-slate-200 bg-white shadow-xs">
        {children}
      </ul>
    </section>
  );
}

function WorkRow({
  item,
  scope,
  whoseId,
  users,
  now,
  timeZone,
  showAssignee,
  write,
}: {
  item: WorkItem;
  scope: string;
  whoseId: string;
  users: { id: string; name: string }[];
  now: Date;
  timeZone: string;
  showAssignee: boolean;
  write: (w: WorkWrite) => void;
}) {
  const [editing, setEditing] = useState(false);
  const overdue = item.dueAt !== null && Date.parse(item.dueAt) < now.getTime();
  const isTask = item.kind === 'task';
  const Icon = item.activityType ? ACTIVITY_ICON[item.activityType] : TaskIcon;
  const kindLabel = item.activityType ? ACTIVITY_LABEL[item.activityType] : 'Task';

  const complete = () => {
    const changes = isTask ? { status: 'completed' } : markDoneChanges(item.dueAt ?? new Date().toISOString(), new Date());
    write({ item, changes, optimistic: null, success: isTask ? `Completed “${item.title}”` : `Marked “${item.title}” done` });
  };
  const reschedule = (dueAt: string, label: string) => {
    write({
      item,
      changes: isTask ? { due_at: dueAt } : { occurred_at: dueAt },
      optimistic: { ...item, dueAt },
      success: `Moved “${item.title}” ${label}`,
    });
  };
  const save = (changes: WorkItemChanges) => {
    setEditing(false);
    if (Object.keys(changes).length === 0) return;
    const body: Record<string, unknown> = {};
    if (changes.title !== undefined) body[isTask ? 'title' : 'subject'] = changes.title;
    if (changes.dueAt !== undefined) body[isTask ? 'due_at' : 'occurred_at'] = changes.dueAt;
    if (changes.priority !== undefined) body.priority = changes.priority;
    if (changes.assigneeId !== undefined) body[isTask ? 'assignee_id' : 'owner_id'] = changes.assigneeId;
    const assignee = changes.assigneeId === undefined ? item.assignee : (users.find((u) => u.id === changes.assigneeId) ?? null);
    const next: WorkItem = {
      ...item,
      title: changes.title ?? item.title,
      dueAt: changes.dueAt === undefined ? item.dueAt : changes.dueAt,
      priority: changes.priority ?? item.priority,
      assignee,
    };
    // handed to someone else, it leaves this person's inbox
    const leaves = scope !== TEAM_SCOPE && (assignee?.id ?? null) !== whoseId;
    write({
      item,
      changes: body,
      optimistic: leaves ? null : next,
      success: leaves ? `“${next.title}” is now ${assignee ? `${assignee.name}’s` : 'unassigned'}` : `Saved “${next.title}”`,
    });
  };

  return (
    <li data-testid="work-item" data-kind={item.kind} className={`px-3 py-3 sm:px-4 ${overdue ? 'bg-red-50/60' : ''}`}>
      <div className="flex items-start gap-3">
        <input
          type="checkbox"
          checked={false}
          onChange={complete}
          aria-label={isTask ? `Complete ${item.title}` : `Mark ${item.title} done`}
          className="mt-1 h-4 w-4 shrink-0 cursor-pointer accent-emerald-600"
        />
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
            <span className="inline-flex items-center gap-1 rounded bg-slate-100 px-1.5 py-px text-[11px] font-medium text-slate-700">
              <Icon className="h-3 w-3" />
              {kindLabel}
            </span>
            <p className={`min-w-0 font-medium break-words ${overdue ? 'text-red-800' : 'text-slate-900'}`}>{item.title}</p>
            {item.priority ? (
              <span className={`rounded px-1.5 py-px text-[11px] font-medium capitalize ring-1 ring-inset ${PRIORITY_STYLE[item.priority]}`}>
                {item.priority}
              </span>
            ) : null}
          </div>
          <p className="mt-0.5 text-xs text-slate-600">
            {item.deal ? (
              <Link href={`/deals/${item.deal.id}`} className="font-medium text-blue-700 hover:underline">
                {item.deal.name}
              </Link>
            ) : (
              <span>No deal</span>
            )}
            {item.company ? <span> · {item.company.name}</span> : null}
            {' · '}
            {item.dueAt ? (
              <span className={overdue ? 'font-medium text-red-700' : ''}>
                {isTask ? 'Due' : 'Planned'} <time dateTime={item.dueAt}>{formatDateTime(item.dueAt, timeZone)}</time> (
                {relativeDay(item.dueAt, now.getTime(), timeZone)})
              </span>
            ) : (
              <span>No due date</span>
            )}
            {showAssignee ? <span data-testid="work-item-assignee"> · {item.assignee?.name ?? 'Unassigned'}</span> : null}
          </p>
          {editing ? (
            <WorkItemEditor item={item} users={users} timeZone={timeZone} onSave={save} onCancel={() => setEditing(false)} />
          ) : (
            <div className="mt-2 flex flex-wrap items-center gap-1.5">
              <RescheduleControls title={item.title} dueAt={item.dueAt} timeZone={timeZone} onReschedule={reschedule} />
              <Button size="sm" tone="ghost" onClick={() => setEditing(true)} aria-label={`Edit ${item.title}`}>
                <PencilIcon className="h-3.5 w-3.5" />
                Edit
              </Button>
            </div>
          )}
        </div>
      </div>
    </li>
  );
}
