import fs from 'node:fs';
import path from 'node:path';
import { request, type APIRequestContext, type Browser, type BrowserContext } from '@playwright/test';

// Signing in for the end-to-end tests: through the JSON sign-in endpoint, as scripts do, with the
// demo workspace's accounts. Each role's cookies are saved once and reused by the specs.

export const DEMO_PASSWORD = 'dealboard-demo';
export const DEMO_USERS = {
  manager: 'manager@dealboard.test',
  rep: 'rep@dealboard.test',
  sam: 'sam@dealboard.test',
  admin: 'admin@dealboard.test',
} as const;
export type DemoUser = keyof typeof DEMO_USERS;

export const AUTH_DIR = path.resolve('e2e/.auth');

export function storageStatePath(user: DemoUser): string {
  return path.join(AUTH_DIR, `${user}.json`);
}

/** Signs in over HTTP and returns the request context holding the session cookie. */
export async function signInRequest(baseURL: string, email: string, password = DEMO_PASSWORD): Promise<APIRequestContext> {
  const context = await request.newContext({ baseURL });
  const response = await context.post('/api/auth/sign-in/email', { data: { email, password }, headers: { Origin: baseURL } });
  if (!response.ok()) throw new Error(`Signing in as ${email} failed: ${response.status()} ${await response.text()}`);
  return context;
}

/** Saves a demo user's signed-in cookies for `test.use({ storageState })`. */
export async function saveStorageState(baseURL: string, user: DemoUser): Promise<void> {
  fs.mkdirSync(AUTH_DIR, { recursive: true });
  const context = await signInRequest(baseURL, DEMO_USERS[user]);
  await context.storageState({ path: storageStatePath(user) });
  await context.dispose();
}

/** A new browser context signed in as a demo user (a second person in the same test). */
export async function contextAs(browser: Browser, user: DemoUser): Promise<BrowserContext> {
  return browser.newContext({ storageState: storageStatePath(user) });
}
