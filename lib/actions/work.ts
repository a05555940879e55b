'use server';

import { refresh } from 'next/cache';
import { cookies } from 'next/headers';
import type { z } from 'zod';
import { runAction, type ActionResult } from './run-action';
import { getBrowserContext } from '../auth/get-browser-context';
import { AppError } from '../errors';
import { fromPublicId } from '../ids';
import { updateActivityBody } from '../schemas/activity';
import { updateTaskBody } from '../schemas/task';
import { updateActivity } from '../services/activities/update-activity';
import { updateTask } from '../services/tasks/update-task';
import { listWorkItems } from '../services/work/list-work-items';
import type { WorkItem } from '../work/work-item';
import { parseWorkScope } from '../work/work-scope';
import { TIME_ZONE_COOKIE, validTimeZone } from '../work/work-day';

// The "My work" inbox's reads and writes: thin — parse with the API's schemas, act as the browser's
// user, call the services. Writes refresh the page in the same response, so the sidebar's count follows.

function idOf(kind: 'task' | 'activity', publicId: unknown, what: string): number {
  const id = typeof publicId === 'string' ? fromPublicId(kind, publicId) : null;
  if (id === null) throw new AppError('not_found', `No such ${what}.`);
  return id;
}

/** The open work of `scope` (me, team or a user ID), for the inbox's cache. */
export async function loadWorkAction(scope: string): Promise<ActionResult<{ items: WorkItem[]; truncated: boolean }>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const whose = parseWorkScope(scope, ctx.user.id);
    if (whose === null) throw new AppError('not_found', 'No such person.');
    return listWorkItems({ ctx, input: { whose } });
  });
}

/** Completes, reschedules, edits or reassigns a task. */
export async function updateWorkTaskAction(taskId: string, changes: z.input<typeof updateTaskBody>): Promise<ActionResult<null>> {
  return runAction(async () => {
    const input = updateTaskBody.parse(changes);
    const ctx = await getBrowserContext();
    await updateTask({ ctx, input: { taskId: idOf('task', taskId, 'task'), changes: input } });
    refresh();
    return null;
  });
}

/** Marks a planned activity done, reschedules, edits or reassigns it. */
export async function updateWorkActivityAction(activityId: string, changes: z.input<typeof updateActivityBody>): Promise<ActionResult<null>> {
  return runAction(async () => {
    const input = updateActivityBody.parse(changes);
    const ctx = await getBrowserContext();
    await updateActivity({ ctx, input: { activityId: idOf('activity', activityId, 'activity'), changes: input } });
    refresh();
    return null;
  });
}

/** Keeps the browser's time zone in a cookie, so the server's "today" (the sidebar's count) is the person's day. */
export async function rememberTimeZoneAction(zone: string): Promise<ActionResult<{ timeZone: string }>> {
  return runAction(async () => {
    const timeZone = validTimeZone(typeof zone === 'string' ? zone : null);
    (await cookies()).set(TIME_ZONE_COOKIE, timeZone, { path: '/', maxAge: 365 * 86_400, sameSite: 'lax', httpOnly: true });
    return { timeZone };
  });
}
