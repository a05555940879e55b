import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { verifyBackupFile } from '../lib/backups/backup-file';
import { DEMO_USERS, signInRequest, storageStatePath } from './support/auth';

// Settings → Backups as an admin uses it: "Back up now", the backup in the list, its download — a
// valid backup file (marker, manifest, checksum) of the demo workspace. Then the real proof: the
// downloaded file, restored with `npm run cli -- restore` into a new data directory, serves the main
// pages from the production build (next start), signed in as the demo admin. A manager is refused
// the page and the download.

const port = Number(process.env.E2E_PORT ?? 3210) + 2; // 3210/3211 are the demo and empty servers
const dataRoot = path.resolve(`${process.env.E2E_DATA_DIR ?? 'e2e/.data'}-restored`);
const downloaded = path.join(dataRoot, 'downloaded.dealboard-backup');
let backupId = '';

test.describe.configure({ mode: 'serial' });

test.describe('as an admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('back up now, see it listed, download a valid backup', async ({ page }) => {
    await page.goto('/settings/backups');
    await expect(page.getByRole('heading', { name: 'Backups', exact: true })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Backups' })).toHaveAttribute('aria-current', 'page');
    const table = page.getByRole('table', { name: 'Backups' });
    const before = await table.getByRole('row').count();

    await page.getByRole('button', { name: 'Back up now' }).click();
    await expect(page.getByText(/Backup written \(\d/)).toBeVisible({ timeout: 60_000 });
    const newest = page.getByRole('table', { name: 'Backups' }).getByRole('row').nth(1);
    await expect(page.getByRole('table', { name: 'Backups' }).getByRole('row')).toHaveCount(Math.max(before, 1) + 1);
    await expect(newest).toContainText('Ada Admin');
    await expect(newest).toContainText(/\d+(\.\d)? MB/);
    backupId = ((await newest.getAttribute('aria-label')) ?? '').replace(/^Backup /, '');
    expect(backupId).toMatch(/^bk_\d{8}T\d{6}Z_[a-z0-9]{6}$/);
    await page.screenshot({ path: 'e2e/artifacts/backups.png', fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), newest.getByRole('link', { name: `Download backup ${backupId}` }).click()]);
    expect(download.suggestedFilename()).toBe(`dealboard-${backupId}.dealboard-backup`);
    fs.rmSync(dataRoot, { recursive: true, force: true });
    fs.mkdirSync(dataRoot, { recursive: true });
    await download.saveAs(downloaded);
    const { manifest } = await verifyBackupFile(downloaded);
    expect(manifest).toMatchObject({ id: backupId, engine: 'embedded', createdBy: { kind: 'user', name: 'Ada Admin' } });
    expect(manifest.rowCounts.deals).toBeGreaterThan(0);
  });

  test('the downloaded backup, restored into a new data directory, serves every main page', async ({ browser }) => {
    test.setTimeout(300_000);
    expect(fs.existsSync(downloaded), 'the previous test downloaded a backup').toBe(true);
    const dataDir = path.join(dataRoot, 'db');
    const env = { ...process.env, DATABASE_URL: `file:${dataDir}`, BACKUP_DIR: path.join(dataRoot, 'backups') };
    const restored = spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', '--conditions=react-server', 'scripts/cli.ts', 'restore', downloaded], {
      env,
      encoding: 'utf8',
      timeout: 180_000,
    });
    expect(restored.status, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/Restored .* into /);

    const server = startServer(env);
    try {
      await waitForHealth(server);
      const baseURL = `http://127.0.0.1:${port}`;
      const signedIn = await signInRequest(baseURL, DEMO_USERS.admin);
      const context = await browser.newContext({ baseURL, storageState: await signedIn.storageState() });
      await signedIn.dispose();
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));

      const open = async (url: string, heading: RegExp | string) => {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(200);
        await expect(page.getByRole('heading', { level: 1, name: heading }).first(), url).toBeVisible();
        await expect(page.getByText('Something went wrong'), url).toHaveCount(0);
      };
      await open('/', 'Sales'); // the board of the default pipeline
      await expect(page.getByTestId('stage-scroll').first()).toBeVisible();
      await open('/deals', 'Deals');
      const firstDeal = page.getByTestId('deal-row').first().getByRole('link').first();
      const dealName = (await firstDeal.textContent())?.trim() ?? '';
      await firstDeal.click();
      await expect(page.getByRole('heading', { level: 1, name: dealName })).toBeVisible();
      await open('/contacts', 'Contacts');
      await open('/companies', 'Companies');
      await open('/reports', 'Reports');
      await open('/settings', 'Settings');
      await open('/settings/backups', 'Settings');
      expect(errors).toEqual([]);
      await context.close();
    } finally {
      server.kill('SIGTERM');
      if (server.exitCode === null) await new Promise((resolve) => server.once('exit', resolve));
    }
  });
});

test.describe('as a manager', () => {
  test('the page and the download are refused', async ({ page }) => {
    await page.goto('/settings/backups');
    await expect(page.getByText('Only admins take and download backups.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Back up now' })).toHaveCount(0);
    await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Backups' })).toHaveCount(0);
    const id = backupId || 'bk_20260101T000000Z_aaaaaa';
    const response = await page.request.get(`/settings/backups/${id}/download`);
    expect(response.status()).toBe(403);
    expect(await response.text()).toMatch(/Only admins/);
  });
});

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(process.execPath, ['node_modules/next/dist/bin/next', 'start', '-p', String(port)], {
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4_000);
  });
  (child as ChildProcess & { output: () => string }).output = () => output;
  return child;
}

async function waitForHealth(server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited (${server.exitCode}): ${(server as ChildProcess & { output: () => string }).output()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/api/health`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the restored server did not answer /api/health within 2 minutes: ${(server as ChildProcess & { output: () => string }).output()}`);
}
