'use client';

import { useId, useOptimistic, useState, useTransition, type FormEvent } from 'react';
import { toast } from 'sonner';
import { createTaskAction, deleteTaskAction, setTaskStatusAction, updateTaskAction } from '@/lib/actions/deal';
import { showsNextStepNudge } from '@/lib/work/next-step-nudge';
import { RescheduleControls } from '@/components/work/reschedule-controls';
import { WorkItemEditor, type WorkItemChanges } from '@/components/work/work-item-editor';
import { formatDateTime, localDateTimeToIso, relativeDay, useTimeZone } from './format';
import type { DealStatus, Option, TaskData, TaskPriority } from './types';
import { Button, Card, EmptyState, inputClass, PencilIcon, Spinner, TaskIcon, TrashIcon, WarningIcon } from './ui';
import { useDealMutations } from './use-deal-mutations';

// Tasks of the deal: add one (title, due, priority, assignee), complete or reopen it with its
// checkbox, reschedule it (tomorrow, next week, a date), edit or reassign it, delete it. Open tasks come first, soonest due first; overdue ones are red with an
// "Overdue" label. The next open task is also shown at the top of the page (NextTask).

export const TASK_TITLE_INPUT_ID = 'deal-task-title';

const PRIORITY_STYLE: Record<TaskPriority, string> = {
  high: 'bg-rose-50 text-rose-700 ring-rose-200',
  medium: 'bg-amber-50 text-amber-700 ring-amber-200',
  low: 'bg-slate-50 text-slate-600 ring-slate-200',
};

/** Open tasks soonest due first (undated last), then completed ones, latest first. */
export function sortTasks(tasks: TaskData[]): TaskData[] {
  const due = (t: TaskData) => (t.dueAt ? Date.parse(t.dueAt) : Number.POSITIVE_INFINITY);
  const open = tasks.filter((t) => t.status === 'pending').sort((a, b) => due(a) - due(b));
  const done = tasks
    .filter((t) => t.status === 'completed')
    .sort((a, b) => (b.completedAt ? Date.parse(b.completedAt) : 0) - (a.completedAt ? Date.parse(a.completedAt) : 0));
  return [...open, ...done];
}

export function isOverdue(task: TaskData, now: number): boolean {
  return task.status === 'pending' && task.dueAt !== null && Date.parse(task.dueAt) < now;
}

export function useTaskToggle(tasks: TaskData[]) {
  const { dealId, run } = useDealMutations();
  const [optimistic, setOptimistic] = useOptimistic(tasks, (state, change: { id: string; status: TaskData['status'] }) =>
    state.map((t) => (t.id === change.id ? { ...t, status: change.status, completedAt: change.status === 'completed' ? new Date().toISOString() : null } : t)),
  );
  const [, startTransition] = useTransition();
  const toggle = (task: TaskData) => {
    const status = task.status === 'pending' ? 'completed' : 'pending';
    startTransition(async () => {
      setOptimistic({ id: task.id, status });
      const result = await run(() => setTaskStatusAction(dealId, task.id, status));
      if (result.ok) toast.success(status === 'completed' ? `Completed “${task.title}”` : `Reopened “${task.title}”`);
      else toast.error(result.message);
    });
  };
  return { tasks: optimistic, toggle };
}

function DueLabel({ task, now, timeZone }: { task: TaskData; now: number; timeZone: string }) {
  if (!task.dueAt) return <span className="text-slate-500">No due date</span>;
  const overdue = isOverdue(task, now);
  const relative = relativeDay(task.dueAt, now, timeZone);
  return (
    <span className={overdue ? 'font-medium text-red-700' : relative === 'today' && task.status === 'pending' ? 'text-amber-700' : 'text-slate-500'}>
      {overdue ? (
        <span
          data-testid="overdue-label"
          className="mr-1 inline-flex items-center gap-0.5 rounded bg-red-600 px-1.5 py-px text-[11px] font-semibold text-white uppercase"
        >
          <WarningIcon className="h-3 w-3" />
          Overdue
        </span>
      ) : null}
      Due <time dateTime={task.dueAt}>{formatDateTime(task.dueAt, timeZone)}</time> ({relative})
    </span>
  );
}

/** The next open task, prominent at the top of the workspace (or, on a deal still worked, a nudge to plan one). */
export function NextTask({
  tasks,
  dealStatus,
  renderedAt,
  toggle,
}: {
  tasks: TaskData[];
  dealStatus: DealStatus;
  renderedAt: string;
  toggle: (task: TaskData) => void;
}) {
  const timeZone = useTimeZone();
  const now = Date.parse(renderedAt);
  const next = sortTasks(tasks).find((t) => t.status === 'pending');
  if (!next) {
    if (!showsNextStepNudge(dealStatus, 0)) return null;
    return (
      <section
        aria-label="Next task"
        className="flex flex-wrap items-center gap-2 rounded-xl border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
      >
        <WarningIcon className="h-4 w-4 shrink-0" />
        <span className="font-medium">No next step planned.</span>
        <span className="text-amber-800">Deals without a next task go cold.</span>
        <button
          type="button"
          className="ml-auto font-medium text-amber-900 underline underline-offset-2 hover:text-amber-950"
          onClick={() => document.getElementById(TASK_TITLE_INPUT_ID)?.focus()}
        >
          Add a task
        </button>
      </section>
    );
  }
  const overdue = isOverdue(next, now);
  return (
    <section
      aria-label="Next task"
      data-testid="next-task"
      data-overdue={overdue ? 'true' : undefined}
      className={`flex items-start gap-3 rounded-xl border px-4 py-3 shadow-sm ${overdue ? 'border-red-300 bg-red-50' : 'border-blue-200 bg-blue-50/60'}`}
    >
      <input
        type="checkbox"
        checked={false}
        onChange={() => toggle(next)}
        aria-label={`Complete ${next.title}`}
        className="mt-1 h-4 w-4 shrink-0 cursor-pointer accent-emerald-600"
      />
      <div className="min-w-0 flex-1">
        <p className={`text-xs font-semibold tracking-wide uppercase ${overdue ? 'text-red-700' : 'text-blue-700'}`}>Next task</p>
        <p className="font-medium break-words text-slate-900">{next.title}</p>
        <p className="text-xs">
          <DueLabel task={next} now={now} timeZone={timeZone} />
          {next.assignee ? <span className="text-slate-500"> · {next.assignee}</span> : null}
        </p>
      </div>
      <span className={`shrink-0 rounded px-1.5 py-px text-[11px] font-medium capitalize ring-1 ring-inset ${PRIORITY_STYLE[next.priority]}`}>
        {next.priority}
      </span>
    </section>
  );
}

export function TasksPanel({ tasks, users, renderedAt, toggle }: { tasks: TaskData[]; users: Option[]; renderedAt: string; toggle: (task: TaskData) => void }) {
  const timeZone = useTimeZone();
  const now = Date.parse(renderedAt);
  const sorted = sortTasks(tasks);
  const open = sorted.filter((t) => t.status === 'pending');
  const done = sorted.filter((t) => t.status === 'completed');
  const overdueCount = open.filter((t) => isOverdue(t, now)).length;
  return (
    <Card
      label="Tasks"
      title={
        <>
          Tasks {open.length > 0 ? <span className="font-normal text-slate-500">({open.length} open)</span> : null}
          {overdueCount > 0 ? <span className="ml-2 rounded bg-red-100 px-1.5 py-px text-xs font-medium text-red-700">{overdueCount} overdue</span> : null}
        </>
      }
    >
      <TaskComposer users={users} />
      <div className="mt-4">
        {open.length === 0 && done.length === 0 ? (
          <EmptyState icon={<TaskIcon className="h-8 w-8" />} title="No tasks yet">
            Plan the next step — a call, a follow-up, a proposal — with a due date.
          </EmptyState>
        ) : (
          <>
            {open.length === 0 ? <p className="text-sm text-slate-500">All tasks are done. Plan the next step above.</p> : null}
            <ul aria-label="Open tasks" className="space-y-1">
              {open.map((task) => (
                <TaskRow key={task.id} task={task} users={users} now={now} timeZone={timeZone} onToggle={() => toggle(task)} />
              ))}
            </ul>
            {done.length > 0 ? (
              <details className="mt-3 group">
                <summary className="cursor-pointer text-xs font-medium text-slate-500 select-none hover:text-slate-700">Completed ({done.length})</summary>
                <ul aria-label="Completed tasks" className="mt-1 space-y-1">
                  {done.map((task) => (
                    <TaskRow key={task.id} task={task} users={users} now={now} timeZone={timeZone} onToggle={() => toggle(task)} />
                  ))}
                </ul>
              </details>
            ) : null}
          </>
        )}
      </div>
    </Card>
  );
}

function TaskRow({ task, users, now, timeZone, onToggle }: { task: TaskData; users: Option[]; now: number; timeZone: string; onToggle: () => void }) {
  const { dealId, run } = useDealMutations();
  const [pending, setPending] = useState(false);
  const [editing, setEditing] = useState(false);
  const change = async (changes: Parameters<typeof updateTaskAction>[2], success: string) => {
    setPending(true);
    const result = await run(() => updateTaskAction(dealId, task.id, changes));
    setPending(false);
    if (result.ok) toast.success(success);
    else toast.error(result.message);
  };
  const save = (changes: WorkItemChanges) => {
    setEditing(false);
    if (Object.keys(changes).length === 0) return;
    void change(
      {
        ...(changes.title !== undefined ? { title: changes.title } : {}),
        ...(changes.dueAt !== undefined ? { due_at: changes.dueAt } : {}),
        ...(changes.priority !== undefined ? { priority: changes.priority } : {}),
        ...(changes.assigneeId !== undefined ? { assignee_id: changes.assigneeId } : {}),
      },
      'Task saved',
    );
  };
  const overdue = isOverdue(task, now);
  const completed = task.status === 'completed';
  const remove = async () => {
    setPending(true);
    const result = await run(() => deleteTaskAction(dealId, task.id));
    setPending(false);
    if (result.ok) toast.success('Task deleted');
    else toast.error(result.message);
  };
  return (
    <li
      data-testid="task"
      data-status={task.status}
      data-overdue={overdue ? 'true' : undefined}
      className={`group flex items-start gap-2.5 rounded-lg border px-2.5 py-2 ${overdue ? 'border-red-200 bg-red-50/70' : 'border-transparent hover:bg-slate-50'}`}
    >
      <input
        type="checkbox"
        checked={completed}
        onChange={onToggle}
        aria-label={completed ? `Reopen ${task.title}` : `Complete ${task.title}`}
        className="mt-0.5 h-4 w-4 shrink-0 cursor-pointer accent-emerald-600"
      />
      <div className="min-w-0 flex-1">
        <p className={`text-sm break-words ${completed ? 'text-slate-500 line-through' : overdue ? 'font-medium text-red-800' : 'text-slate-900'}`}>
          {task.title}
        </p>
        <p className="text-xs text-slate-500">
          {completed ? <>Done {task.completedAt ? formatDateTime(task.completedAt, timeZone) : ''}</> : <DueLabel task={task} now={now} timeZone={timeZone} />}
          {task.assignee ? ` · ${task.assignee}` : ''}
        </p>
        {editing ? (
          <WorkItemEditor
            item={{
              kind: 'task',
              id: task.id,
              title: task.title,
              dueAt: task.dueAt,
              priority: task.priority,
              activityType: null,
              assignee: task.assigneeId ? { id: task.assigneeId, name: task.assignee ?? '' } : null,
              deal: null,
              company: null,
            }}
            users={users}
            timeZone={timeZone}
            onSave={save}
            onCancel={() => setEditing(false)}
          />
        ) : !completed ? (
          <div className="mt-1.5 flex flex-wrap items-center gap-1.5">
            <RescheduleControls
              title={task.title}
              dueAt={task.dueAt}
              timeZone={timeZone}
              disabled={pending}
              onReschedule={(dueAt, label) => void change({ due_at: dueAt }, `Task moved ${label}`)}
            />
            <Button size="sm" tone="ghost" disabled={pending} onClick={() => setEditing(true)} aria-label={`Edit task ${task.title}`}>
              <PencilIcon className="h-3.5 w-3.5" />
              Edit
            </Button>
          </div>
        ) : null}
      </div>
      {!completed ? (
        <span className={`shrink-0 rounded px-1.5 py-px text-[11px] font-medium capitalize ring-1 ring-inset ${PRIORITY_STYLE[task.priority]}`}>
          {task.priority}
        </span>
      ) : null}
      <Button
        size="icon-sm"
        tone="ghost"
        disabled={pending}
        onClick={remove}
        aria-label={`Delete task ${task.title}`}
        className="text-slate-500 hover:text-red-600"
      >
        {pending ? <Spinner /> : <TrashIcon className="h-3.5 w-3.5" />}
      </Button>
    </li>
  );
}

function TaskComposer({ users }: { users: Option[] }) {
  const { dealId, run } = useDealMutations();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const [priority, setPriority] = useState<TaskPriority>('medium');
  const [assignee, setAssignee] = useState('');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const id = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setErrors({ title: ['Enter what needs doing'] });
      return;
    }
    const dueAt = due ? localDateTimeToIso(due) : null;
    if (due && !dueAt) {
      setErrors({ due_at: ['Enter a date and time'] });
      return;
    }
    setPending(true);
    setErrors({});
    setMessage(null);
    const result = await run(() =>
      createTaskAction(dealId, { title, priority, ...(dueAt ? { due_at: dueAt } : {}), ...(assignee ? { assignee_id: assignee } : {}) }),
    );
    setPending(false);
    if (result.ok) {
      setTitle('');
      setDue('');
      setPriority('medium');
      toast.success('Task added');
    } else {
      setErrors(result.fieldErrors);
      if (Object.keys(result.fieldErrors).length === 0) setMessage(result.message);
    }
  };
  const err = (field: string) => errors[field]?.join(' ');
  return (
    <form onSubmit={submit} aria-label="Add a task" className="rounded-lg border border-slate-200 bg-slate-50/60 p-3">
      <label htmlFor={TASK_TITLE_INPUT_ID} className="sr-only">
        Task title
      </label>
      <input
        id={TASK_TITLE_INPUT_ID}
        aria-label="Task title"
        value={title}
        maxLength={300}
        placeholder="What needs to happen next?"
        aria-invalid={err('title') ? true : undefined}
        aria-describedby={err('title') ? `${id}-title-error` : undefined}
        onChange={(e) => setTitle(e.target.value)}
        className={inputClass}
      />
      {err('title') ? (
        <p id={`${id}-title-error`} role="alert" className="mt-1 text-xs text-red-600">
          {err('title')}
        </p>
      ) : null}
      <div className="mt-2 flex flex-wrap items-end gap-2">
        <div className="min-w-0 flex-1 basis-44">
          <label htmlFor={`${id}-due`} className="text-xs text-slate-500">
            Due
          </label>
          <input
            id={`${id}-due`}
            type="datetime-local"
            value={due}
            aria-invalid={err('due_at') ? true : undefined}
            onChange={(e) => setDue(e.target.value)}
            className={inputClass}
          />
        </div>
        <div className="basis-28">
          <label htmlFor={`${id}-priority`} className="text-xs text-slate-500">
            Priority
          </label>
          <select id={`${id}-priority`} value={priority} onChange={(e) => setPriority(e.target.value as TaskPriority)} className={inputClass}>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </select>
        </div>
        <div className="min-w-0 basis-36">
          <label htmlFor={`${id}-assignee`} className="text-xs text-slate-500">
            Assignee
          </label>
          <select id={`${id}-assignee`} value={assignee} onChange={(e) => setAssignee(e.target.value)} className={inputClass}>
            <option value="">Me</option>
            {users.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" tone="primary" disabled={pending} className="ml-auto">
          {pending ? <Spinner /> : null} Add task
        </Button>
      </div>
      {err('due_at') || err('assignee_id') ? (
        <p role="alert" className="mt-1 text-xs text-red-600">
          {err('due_at') ?? err('assignee_id')}
        </p>
      ) : null}
      {message ? (
        <p role="alert" className="mt-1 text-sm text-red-600">
          {message}
        </p>
      ) : null}
    </form>
  );
}
