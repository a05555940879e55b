'use client';

import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { toast } from 'sonner';
import { createActivityAction, deleteActivityAction, updateActivityAction } from '@/lib/actions/deal';
import { DONE_IN_FUTURE_MESSAGE, isDoneInFuture, markDoneChanges } from '@/lib/work/activity-done-rule';
import { RescheduleControls } from '@/components/work/reschedule-controls';
import { formatDateTime, localDateTimeToIso, localDateTimeValue, useTimeZone } from './format';
import type { ActivityData, ActivityStatus, ActivityType } from './types';
import { Button, Card, EmptyState, inputClass, MailIcon, NoteIcon, PencilIcon, PhoneIcon, Spinner, TrashIcon, UsersIcon } from './ui';
import { useDealMutations } from './use-deal-mutations';

// Log a call, meeting, email or note (type, subject, details, when, status) and see the deal's
// activities, latest first. Any can be edited or deleted; planned ones rescheduled or marked done
// (done now when planned for later: an activity cannot be done in the future).

const TYPES: { value: ActivityType; label: string; icon: (p: { className?: string }) => ReactNode; placeholder: string }[] = [
  { value: 'call', label: 'Call', icon: PhoneIcon, placeholder: 'e.g. Discovery call with the buyer' },
  { value: 'meeting', label: 'Meeting', icon: UsersIcon, placeholder: 'e.g. Demo for the ops team' },
  { value: 'email', label: 'Email', icon: MailIcon, placeholder: 'e.g. Sent the revised proposal' },
  { value: 'note', label: 'Note', icon: NoteIcon, placeholder: 'e.g. Budget approved for Q3' },
];

const TYPE_STYLE: Record<ActivityType, string> = {
  call: 'bg-sky-50 text-sky-700 ring-sky-200',
  meeting: 'bg-violet-50 text-violet-700 ring-violet-200',
  email: 'bg-amber-50 text-amber-700 ring-amber-200',
  note: 'bg-slate-100 text-slate-600 ring-slate-200',
};

const STATUS_LABEL: Record<ActivityStatus, string> = { completed: 'Done', planned: 'Planned', cancelled: 'Cancelled' };

export function ActivitiesPanel({ activities }: { activities: ActivityData[] }) {
  return (
    <Card label="Activities" title={<>Activities {activities.length > 0 ? <span className="font-normal text-slate-500">({activities.length})</span> : null}</>}>
      <ActivityComposer />
      <div className="mt-4">
        {activities.length === 0 ? (
          <EmptyState icon={<NoteIcon className="h-8 w-8" />} title="No activities yet">
            Log calls, meetings, emails and notes so the whole team knows where this deal stands.
          </EmptyState>
        ) : (
          <ol aria-label="Activity list" className="space-y-3">
            {activities.map((activity) => (
              <ActivityItem key={activity.id} activity={activity} />
            ))}
          </ol>
        )}
      </div>
    </Card>
  );
}

function ActivityComposer() {
  const { dealId, run } = useDealMutations();
  const [type, setType] = useState<ActivityType>('call');
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [occurredAt, setOccurredAt] = useState('');
  const [status, setStatus] = useState<ActivityStatus>('completed');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!subject.trim()) {
      setErrors({ subject: ['Enter a subject'] });
      return;
    }
    const when = occurredAt ? localDateTimeToIso(occurredAt) : null;
    if (occurredAt && !when) {
      setErrors({ occurred_at: ['Enter a date and time'] });
      return;
    }
    if (when && isDoneInFuture(status, new Date(when), new Date())) {
      setErrors({ occurred_at: [DONE_IN_FUTURE_MESSAGE] });
      return;
    }
    setPending(true);
    setErrors({});
    setMessage(null);
    const result = await run(() =>
      createActivityAction(dealId, { type, subject, status, ...(body.trim() ? { body } : {}), ...(when ? { occurred_at: when } : {}) }),
    );
    setPending(false);
    if (result.ok) {
      setSubject('');
      setBody('');
      setOccurredAt('');
      setStatus('completed');
      toast.success(`${TYPES.find((t) => t.value === type)!.label} logged`);
    } else {
      setErrors(result.fieldErrors);
      if (Object.keys(result.fieldErrors).length === 0) setMessage(result.message);
    }
  };

  const err = (field: string) => errors[field]?.join(' ');
  const current = TYPES.find((t) => t.value === type)!;
  return (
    <form onSubmit={submit} aria-label="Log an activity" className="rounded-lg border border-slate-200 bg-slate-50/60 p-3">
      <fieldset>
        <legend className="sr-only">Activity type</legend>
        <div className="flex flex-wrap gap-1">
          {TYPES.map((t) => (
            <label
              key={t.value}
              className={`inline-flex cursor-pointer items-center gap-1.5 rounded-md px-2.5 py-1 text-sm ring-1 ring-inset has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-blue-500 ${
                type === t.value ? 'bg-white font-medium text-slate-900 shadow-sm ring-slate-300' : 'text-slate-600 ring-transparent hover:bg-white'
              }`}
            >
              <input type="radio" name={`${id}-type`} value={t.value} checked={type === t.value} onChange={() => setType(t.value)} className="sr-only" />
              <t.icon className="h-3.5 w-3.5" />
              {t.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="mt-2 space-y-2">
        <div>
          <label htmlFor={`${id}-subject`} className="sr-only">
            Subject
          </label>
          <input
            id={`${id}-subject`}
            aria-label="Subject"
            value={subject}
            maxLength={300}
            placeholder={current.placeholder}
            aria-invalid={err('subject') ? true : undefined}
            aria-describedby={err('subject') ? `${id}-subject-error` : undefined}
            onChange={(e) => setSubject(e.target.value)}
            className={inputClass}
          />
          {err('subject') ? (
            <p id={`${id}-subject-error`} role="alert" className="mt-1 text-xs text-red-600">
              {err('subject')}
            </p>
          ) : null}
        </div>
        <div>
          <label htmlFor={`${id}-body`} className="sr-only">
            Details
          </label>
          <textarea
            id={`${id}-body`}
            aria-label="Details"
            value={body}
            rows={2}
            placeholder="Details (optional)"
            aria-invalid={err('body') ? true : undefined}
            onChange={(e) => setBody(e.target.value)}
            className={`${inputClass} resize-y`}
          />
          {err('body') ? (
            <p role="alert" className="mt-1 text-xs text-red-600">
              {err('body')}
            </p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 basis-44">
            <label htmlFor={`${id}-when`} className="text-xs text-slate-500">
              When
            </label>
            <input
              id={`${id}-when`}
              type="datetime-local"
              value={occurredAt}
              placeholder="Now"
              aria-invalid={err('occurred_at') ? true : undefined}
              onChange={(e) => setOccurredAt(e.target.value)}
              onFocus={() => {
                if (!occurredAt) setOccurredAt(localDateTimeValue(new Date()));
              }}
              className={inputClass}
            />
          </div>
          <div className="basis-32">
            <label htmlFor={`${id}-status`} className="text-xs text-slate-500">
              Status
            </label>
            <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as ActivityStatus)} className={inputClass}>
              <option value="completed">Done</option>
              <option value="planned">Planned</option>
              <option value="cancelled">Cancelled</option>
            </select>
          </div>
          <Button type="submit" tone="primary" disabled={pending} className="ml-auto">
            {pending ? <Spinner /> : null} Log {current.label.toLowerCase()}
          </Button>
        </div>
        {err('occurred_at') ? (
          <p role="alert" className="text-xs text-red-600">
            {err('occurred_at')}
          </p>
        ) : null}
        {message ? (
          <p role="alert" className="text-sm text-red-600">
            {message}
          </p>
        ) : null}
        <p className="text-xs text-slate-500">Leave “When” empty to log it now.</p>
      </div>
    </form>
  );
}

function ActivityItem({ activity }: { activity: ActivityData }) {
  const { dealId, run } = useDealMutations();
  const timeZone = useTimeZone();
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [pending, setPending] = useState(false);
  const type = TYPES.find((t) => t.value === activity.type)!;
  const change = (changes: Parameters<typeof updateActivityAction>[2], success: string) =>
    act(() => run(() => updateActivityAction(dealId, activity.id, changes)), success);

  const act = async (work: () => Promise<{ ok: boolean; message?: string }>, success: string) => {
    setPending(true);
    const result = await work();
    setPending(false);
    setConfirming(false);
    if (result.ok) toast.success(success);
    else toast.error((result as { message: string }).message);
  };

  return (
    <li data-testid="activity" className="flex gap-3">
      <span
        className={`mt-0.5 flex h-7 w-7 shrink-0 items-center justify-center rounded-full ring-1 ring-inset ${TYPE_STYLE[activity.type]}`}
        title={type.label}
      >
        <type.icon className="h-3.5 w-3.5" />
        <span className="sr-only">{type.label}</span>
      </span>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2">
          <p className={`min-w-0 font-medium break-words ${activity.status === 'cancelled' ? 'text-slate-500 line-through' : 'text-slate-900'}`}>
            {activity.subject}
          </p>
          {activity.status !== 'completed' ? (
            <span
              className={`rounded px-1.5 py-px text-[11px] font-medium ${activity.status === 'planned' ? 'bg-blue-50 text-blue-700' : 'bg-slate-100 text-slate-500'}`}
            >
              {STATUS_LABEL[activity.status]}
            </span>
          ) : null}
        </div>
        {activity.body ? <p className="mt-0.5 line-clamp-4 text-sm whitespace-pre-line text-slate-600">{activity.body}</p> : null}
        <p className="mt-0.5 text-xs text-slate-500">
          {type.label} · <time dateTime={activity.occurredAt}>{formatDateTime(activity.occurredAt, timeZone)}</time>
          {activity.owner ? ` · ${activity.owner}` : ''}
        </p>
        {editing ? (
          <ActivityEditor activity={activity} onCancel={() => setEditing(false)} onSaved={() => setEditing(false)} />
        ) : activity.status === 'planned' ? (
          <div className="mt-1.5">
            <RescheduleControls
              title={activity.subject}
              dueAt={activity.occurredAt}
              timeZone={timeZone}
              disabled={pending}
              onReschedule={(occurredAt, label) => change({ occurred_at: occurredAt }, `Activity moved ${label}`)}
            />
          </div>
        ) : null}
      </div>
      <div className="flex shrink-0 items-start gap-1">
        {activity.status === 'planned' && !confirming ? (
          <Button size="sm" disabled={pending} onClick={() => change(markDoneChanges(activity.occurredAt, new Date()), 'Activity marked done')}>
            Mark done
          </Button>
        ) : null}
        {!confirming && !editing ? (
          <Button size="icon-sm" tone="ghost" aria-label={`Edit activity ${activity.subject}`} onClick={() => setEditing(true)} className="text-slate-500">
            <PencilIcon className="h-3.5 w-3.5" />
          </Button>
        ) : null}
        {confirming ? (
          <>
            <Button
              size="sm"
              tone="danger"
              disabled={pending}
              onClick={() => act(() => run(() => deleteActivityAction(dealId, activity.id)), 'Activity deleted')}
            >
              {pending ? <Spinner /> : null} Delete
            </Button>
            <Button size="sm" tone="ghost" disabled={pending} onClick={() => setConfirming(false)}>
              Keep
            </Button>
          </>
        ) : (
          <Button
            size="icon-sm"
            tone="ghost"
            aria-label={`Delete activity ${activity.subject}`}
            onClick={() => setConfirming(true)}
            className="text-slate-500 hover:text-red-600"
          >
            <TrashIcon className="h-3.5 w-3.5" />
          </Button>
        )}
      </div>
    </li>
  );
}

/** Edits an activity in place: subject, details, when, status; refuses "done" in the future before sending. */
function ActivityEditor({ activity, onCancel, onSaved }: { activity: ActivityData; onCancel: () => void; onSaved: () => void }) {
  const { dealId, run } = useDealMutations();
  const id = useId();
  const [subject, setSubject] = useState(activity.subject);
  const [body, setBody] = useState(activity.body ?? '');
  const [when, setWhen] = useState(localDateTimeValue(new Date(activity.occurredAt)));
  const [status, setStatus] = useState<ActivityStatus>(activity.status);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const occurredAt = localDateTimeToIso(when);
    if (!subject.trim()) return setErrors({ subject: ['Enter a subject'] });
    if (!occurredAt) return setErrors({ occurred_at: ['Enter a date and time'] });
    if (isDoneInFuture(status, new Date(occurredAt), new Date())) return setErrors({ occurred_at: [DONE_IN_FUTURE_MESSAGE] });
    const changes: Parameters<typeof updateActivityAction>[2] = {};
    if (subject.trim() !== activity.subject) changes.subject = subject.trim();
    if ((body.trim() || null) !== activity.body) changes.body = body.trim() ? body : null;
    if (when !== localDateTimeValue(new Date(activity.occurredAt))) changes.occurred_at = occurredAt;
    if (status !== activity.status) changes.status = status;
    if (Object.keys(changes).length === 0) return onSaved();
    setPending(true);
    setErrors({});
    setMessage(null);
    const result = await run(() => updateActivityAction(dealId, activity.id, changes));
    setPending(false);
    if (result.ok) {
      toast.success('Activity saved');
      onSaved();
    } else {
      setErrors(result.fieldErrors);
      if (Object.keys(result.fieldErrors).length === 0) setMessage(result.message);
    }
  };
  const err = (field: string) => errors[field]?.join(' ');
  return (
    <form onSubmit={submit} aria-label={`Edit ${activity.subject}`} className="mt-2 space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <div>
        <label htmlFor={`${id}-subject`} className="text-xs font-medium text-slate-600">
          Subject
        </label>
        <input
          id={`${id}-subject`}
          value={subject}
          maxLength={300}
          aria-invalid={err('subject') ? true : undefined}
          aria-describedby={err('subject') ? `${id}-subject-error` : undefined}
          onChange={(e) => setSubject(e.target.value)}
          className={inputClass}
        />
        {err('subject') ? (
          <p id={`${id}-subject-error`} role="alert" className="mt-1 text-xs text-red-700">
            {err('subject')}
          </p>
        ) : null}
      </div>
      <div>
        <label htmlFor={`${id}-body`} className="text-xs font-medium text-slate-600">
          Details
        </label>
        <textarea id={`${id}-body`} value={body} rows={2} onChange={(e) => setBody(e.target.value)} className={`${inputClass} resize-y`} />
      </div>
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1 basis-44">
          <label htmlFor={`${id}-when`} className="text-xs font-medium text-slate-600">
            When
          </label>
          <input
            id={`${id}-when`}
            type="datetime-local"
            value={when}
            aria-invalid={err('occurred_at') ? true : undefined}
            aria-describedby={err('occurred_at') ? `${id}-when-error` : undefined}
            onChange={(e) => setWhen(e.target.value)}
            className={inputClass}
          />
        </div>
        <div className="basis-32">
          <label htmlFor={`${id}-status`} className="text-xs font-medium text-slate-600">
            Status
          </label>
          <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as ActivityStatus)} className={inputClass}>
            <option value="completed">Done</option>
            <option value="planned">Planned</option>
            <option value="cancelled">Cancelled</option>
          </select>
        </div>
      </div>
      {err('occurred_at') ? (
        <p id={`${id}-when-error`} role="alert" className="text-xs text-red-700">
          {err('occurred_at')}
        </p>
      ) : null}
      {message ? (
        <p role="alert" className="text-sm text-red-700">
          {message}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button tone="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" tone="primary" disabled={pending}>
          {pending ? <Spinner /> : null} Save
        </Button>
      </div>
    </form>
  );
}
