'use server';

import { refresh } from 'next/cache';
import { z } from 'zod';
import { getBrowserContext, readBrowserSession } from '../auth/get-browser-context';
import { revokeUserSessions } from '../services/sessions/revoke-user-sessions';
import { runAction, type ActionResult } from './run-action';

// The profile page's writes (password changes go straight to better-auth's endpoint).

const sessionIdInput = z.number({ error: 'Unknown session' }).int().positive();

/** Signs one of my other browsers out. */
export async function revokeSessionAction(sessionId: number): Promise<ActionResult<null>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    await revokeUserSessions({ ctx, input: { sessionId: sessionIdInput.parse(sessionId) } });
    refresh();
    return null;
  });
}

/** Signs me out of every browser but this one. */
export async function revokeOtherSessionsAction(): Promise<ActionResult<{ revoked: number }>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const current = await readBrowserSession();
    const result = await revokeUserSessions({ ctx, input: { allExcept: current?.sessionId ?? null } });
    refresh();
    return result;
  });
}
