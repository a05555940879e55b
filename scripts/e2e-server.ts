// The servers Playwright tests run against: a production build on a fresh embedded database
// holding the demo workspace, so every run starts from the same known data — or, with
// E2E_SEED_DEMO=false, on an empty one (the first-run test).
import fs from 'node:fs';
import path from 'node:path';
import { parseDatabaseUrl } from '../lib/database/config';
import { buildNext, hasProductionBuild, runNext } from './lib/next-process';
import { prepareDatabase } from './lib/prepare-database';

async function main(): Promise<void> {
  const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? 'e2e/.data', 'db');
  fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
  const databaseUrl = process.env.E2E_DATABASE_URL ?? `file:${dataDir}`;
  await prepareDatabase(parseDatabaseUrl(databaseUrl), { seedDemo: process.env.E2E_SEED_DEMO !== 'false' });
  if (!hasProductionBuild()) buildNext();
  // backups taken in the tests stay with the run's data (e2e/backups.spec.ts)
  const backupDir = process.env.BACKUP_DIR ?? path.join(path.dirname(dataDir), 'backups');
  runNext('start', Number(process.env.E2E_PORT ?? 3210), { ...process.env, DATABASE_URL: databaseUrl, BACKUP_DIR: backupDir });
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
