import type { FullConfig } from '@playwright/test';
import { saveStorageState, type DemoUser } from './auth';

// Before any spec: sign each demo user in once; specs start signed in as the manager unless they
// choose another user (or none).
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]!.use.baseURL!;
  for (const user of ['manager', 'rep', 'sam', 'admin'] satisfies DemoUser[]) await saveStorageState(baseURL, user);
}
