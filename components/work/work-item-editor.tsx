'use client';

import { useId, useState, type FormEvent } from 'react';
import { formatDateTime, localDateTimeToIso } from '@/components/deal/format';
import { Button, inputClass } from '@/components/deal/ui';
import type { WorkItem } from '@/lib/work/work-item';

// Edits an inbox line in place: its title, when it is due (or planned), a task's priority, and who
// does it (reassigning). Sends only what changed.

export interface WorkItemChanges {
  title?: string;
  dueAt?: string | null;
  priority?: 'low' | 'medium' | 'high';
  assigneeId?: string | null;
}

/** "2026-03-14T15:05" for a datetime-local input, in `timeZone`. */
function localInputValue(iso: string | null, timeZone: string): string {
  if (!iso) return '';
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

export function WorkItemEditor({
  item,
  users,
  timeZone,
  onSave,
  onCancel,
}: {
  item: WorkItem;
  users: { id: string; name: string }[];
  timeZone: string;
  onSave: (changes: WorkItemChanges) => void;
  onCancel: () => void;
}) {
  const id = useId();
  const [title, setTitle] = useState(item.title);
  const [due, setDue] = useState(localInputValue(item.dueAt, timeZone));
  const [priority, setPriority] = useState(item.priority ?? 'medium');
  const [assigneeId, setAssigneeId] = useState(item.assignee?.id ?? '');
  const [errors, setErrors] = useState<{ title?: string; due?: string }>({});
  const isTask = item.kind === 'task';
  const titleLabel = isTask ? 'Title' : 'Subject';
  const dueLabel = isTask ? 'Due' : 'Planned for';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const nextErrors: typeof errors = {};
    if (!title.trim()) nextErrors.title = `Enter a ${titleLabel.toLowerCase()}`;
    const dueAt = due ? localDateTimeToIso(due) : null;
    if (due && !dueAt) nextErrors.due = 'Enter a date and time';
    if (!isTask && !dueAt) nextErrors.due = 'A planned activity needs a date and time';
    setErrors(nextErrors);
    if (nextErrors.title || nextErrors.due) return;
    const changes: WorkItemChanges = {};
    if (title.trim() !== item.title) changes.title = title.trim();
    // compared as shown: the input has minutes, the stored time may have seconds
    if (localInputValue(dueAt, timeZone) !== localInputValue(item.dueAt, timeZone)) changes.dueAt = dueAt;
    if (isTask && priority !== item.priority) changes.priority = priority;
    if (assigneeId !== (item.assignee?.id ?? '')) changes.assigneeId = assigneeId || null;
    onSave(changes);
  };

  return (
    <form onSubmit={submit} aria-label={`Edit ${item.title}`} className="mt-2 space-y-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <div>
        <label htmlFor={`${id}-title`} className="text-xs font-medium text-slate-600">
          {titleLabel}
        </label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={300}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={errors.title ? `${id}-title-error` : undefined}
          onChange={(e) => setTitle(e.target.value)}
          className={inputClass}
        />
        {errors.title ? (
          <p id={`${id}-title-error`} role="alert" className="mt-1 text-xs text-red-700">
            {errors.title}
          </p>
        ) : null}
      </div>
      <div className="flex flex-wrap items-start gap-2">
        <div className="min-w-0 flex-1 basis-48">
          <label htmlFor={`${id}-due`} className="text-xs font-medium text-slate-600">
            {dueLabel}
          </label>
          <input
            id={`${id}-due`}
            type="datetime-local"
            value={due}
            aria-invalid={errors.due ? true : undefined}
            aria-describedby={errors.due ? `${id}-due-error` : undefined}
            onChange={(e) => setDue(e.target.value)}
            className={inputClass}
          />
          {errors.due ? (
            <p id={`${id}-due-error`} role="alert" className="mt-1 text-xs text-red-700">
              {errors.due}
            </p>
          ) : item.dueAt ? (
            <p className="mt-1 text-xs text-slate-500">Now {formatDateTime(item.dueAt, timeZone)}</p>
          ) : null}
        </div>
        {isTask ? (
          <div className="basis-28">
            <label htmlFor={`${id}-priority`} className="text-xs font-medium text-slate-600">
              Priority
            </label>
            <select id={`${id}-priority`} value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)} className={inputClass}>
              <option value="high">High</option>
              <option value="medium">Medium</option>
              <option value="low">Low</option>
            </select>
          </div>
        ) : null}
        <div className="min-w-0 flex-1 basis-40">
          <label htmlFor={`${id}-assignee`} className="text-xs font-medium text-slate-600">
            {isTask ? 'Assignee' : 'Owner'}
          </label>
          <select id={`${id}-assignee`} value={assigneeId} onChange={(e) => setAssigneeId(e.target.value)} className={inputClass}>
            <option value="">Nobody</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="flex justify-end gap-2">
        <Button tone="ghost" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" tone="primary">
          Save
        </Button>
      </div>
    </form>
  );
}
