import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { storageStatePath } from './support/auth';
import { expectNoSeriousA11yViolations } from './support/axe';

// Settings → Import as an admin uses it: upload a CSV, check the auto-mapping and the preview's row
// error, dry run, import and follow the progress to the end, find the deals on the board, download
// the rejected rows, undo the import and see the deals gone. A rep is refused the page.

const CSV = [
  'Name,Pipeline,Stage,Value,Currency,Contact email,External ID',
  'Zephyr Alpha,Sales,Qualified,1200.00,USD,alpha@zephyr.test,zephyr-1',
  'Zephyr Beta,Sales,Proposal Sent,800.50,EUR,beta@zephyr.test,zephyr-2',
  'Zephyr Gamma,Sales,Nowhere,10,USD,,zephyr-3',
].join('\r\n');

test.describe.configure({ mode: 'serial' });

test.describe('as an admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('upload, map, preview, dry run, import, board, rejected rows, undo', async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto('/settings/import');
    await expect(page.getByRole('heading', { name: 'Import from CSV' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Import' })).toHaveAttribute('aria-current', 'page');
    await expectNoSeriousA11yViolations(page, 'Settings → Import');

    await page.getByLabel('CSV file').setInputFiles({ name: 'zephyr-deals.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    // the columns are mapped by their names
    await expect(page.getByLabel('Field for column Name')).toHaveValue('name');
    await expect(page.getByLabel('Field for column Contact email')).toHaveValue('contact_email');
    await expect(page.getByLabel('Field for column External ID')).toHaveValue('external_id');
    // the preview says which row would be rejected, and why
    const preview = page.getByRole('table', { name: 'Preview' });
    await expect(preview.getByRole('row')).toHaveCount(4);
    await expect(preview.getByRole('row').nth(3)).toContainText('Stage "Nowhere" does not exist in pipeline "Sales"');
    await expect(preview.getByRole('row').nth(1)).toContainText('OK');
    await expectNoSeriousA11yViolations(page, 'Settings → Import with a preview');
    await page.screenshot({ path: 'e2e/artifacts/import-preview-1440.png', fullPage: true });

    await page.getByRole('button', { name: 'Dry run' }).click();
    const dryRun = page.getByRole('region', { name: 'Dry run result' });
    await expect(dryRun.getByText('Dry run: nothing was written')).toBeVisible();
    await expect(dryRun.getByTestId('count-created')).toHaveText('2');
    await expect(dryRun.getByTestId('count-rejected')).toHaveText('1');

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const progress = page.getByRole('region', { name: 'Import progress' });
    await expect(progress.getByTestId('import-status')).toHaveText('done', { timeout: 60_000 });
    await expect(progress.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100');
    await expect(progress.getByTestId('count-created')).toHaveText('2');
    await expect(progress.getByTestId('count-rejected')).toHaveText('1');
    await expect(progress.getByText('Row 4:')).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/import-done-1440.png', fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), progress.getByRole('link', { name: 'Download rejected rows' }).click()]);
    expect(download.suggestedFilename()).toBe('zephyr-deals-rejected-rows.csv');
    const rejected = fs.readFileSync((await download.path())!, 'utf8');
    expect(rejected.replace(/^\uFEFF/, '').split('\r\n')[1]).toContain('Zephyr Gamma,Sales,Nowhere,10,USD,,zephyr-3,4,"Stage ""Nowhere"" does not exist');

    await page.goto('/');
    await page.getByLabel('Search deals').fill('Zephyr');
    await expect(page.getByTestId('deal-card').filter({ hasText: 'Zephyr Alpha' })).toBeVisible({ timeout: 20_000 });
    await expect(page.getByTestId('deal-card').filter({ hasText: 'Zephyr Beta' })).toBeVisible();

    // someone works on an imported deal: the undo dialog will say its change goes too
    await page.getByTestId('deal-card').filter({ hasText: 'Zephyr Alpha' }).getByRole('link', { name: 'Zephyr Alpha' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Zephyr Alpha' })).toBeVisible();
    // a click before the page hydrated does nothing: click until the editor opens
    await expect(async () => {
      await page.getByRole('button', { name: 'Edit name' }).click();
      await expect(page.getByRole('textbox', { name: 'Deal name' })).toBeVisible({ timeout: 1_000 });
    }).toPass();
    await page.getByRole('textbox', { name: 'Deal name' }).fill('Zephyr Alpha (called)');
    await page.getByRole('textbox', { name: 'Deal name' }).press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/settings/import');
    const recent = page.getByRole('table', { name: 'Recent imports' });
    const row = recent.getByRole('row').filter({ hasText: 'zephyr-deals.csv' }).first();
    await expect(row).toContainText('done');
    await expectNoSeriousA11yViolations(page, 'Settings → Import at 390 px');
    await page.screenshot({ path: 'e2e/artifacts/import-390.png', fullPage: true });
    await row.getByRole('button', { name: 'Undo' }).click();
    const dialog = page.getByRole('dialog', { name: 'Undo this import?' });
    await expect(dialog).toContainText('The 2 records the import of zephyr-deals.csv created are removed');
    await expect(dialog.getByTestId('changed-since-import')).toHaveText(
      /^1 of these records was changed after the import .* Undoing takes those changes back too\.$/,
    );
    await page.screenshot({ path: 'e2e/artifacts/import-undo-390.png' });
    await dialog.getByRole('button', { name: 'Undo import' }).click();
    await expect(page.getByText('Import of zephyr-deals.csv undone')).toBeVisible();
    await expect(recent.getByRole('row').filter({ hasText: 'zephyr-deals.csv' }).first()).toContainText('undone');

    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
    await page.getByLabel('Search deals').fill('Zephyr');
    await expect(page.getByTestId('deal-card')).toHaveCount(0, { timeout: 20_000 });
    await page.getByLabel('Search deals').fill('Nordfjord');
    await expect(page.getByTestId('deal-card').first()).toBeVisible({ timeout: 20_000 });
  });
});

test.describe('as a rep', () => {
  test.use({ storageState: storageStatePath('rep') });

  test('the page says there is no access', async ({ page }) => {
    await page.goto('/settings/import');
    await expect(page.getByTestId('forbidden')).toBeVisible();
    await expect(page.getByLabel('CSV file')).toHaveCount(0);
  });
});
