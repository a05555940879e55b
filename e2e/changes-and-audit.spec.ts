import { expect, test, type Locator, type Page } from '@playwright/test';
import { storageStatePath } from './support/auth';

// The change record as people read it: a deal's Changes timeline after edits on its page (each
// change in words, with who and through which door), and Settings → Audit log narrowed by type
// and user. Screenshots at desktop and phone widths are kept with the test's output.

test.describe.configure({ mode: 'serial' });

function changes(page: Page): Locator {
  return page.getByRole('region', { name: 'Changes' }).getByTestId('change-entry');
}

function field(page: Page, name: string): Locator {
  return page.getByTestId(`field-${name}`);
}

/** An open deal of the Sales pipeline, from the deals table. */
async function openSalesDeal(page: Page): Promise<{ name: string }> {
  await page.goto('/deals');
  await page.getByRole('table', { name: 'Deals' }).locator('tbody tr a').first().waitFor();
  const rows = await page
    .getByRole('table', { name: 'Deals' })
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
        const link = tr.querySelector('a');
        return { href: link?.getAttribute('href') ?? '', name: link?.textContent?.trim() ?? '', stage: cells[2] ?? '', status: cells[3] ?? '' };
      }),
    );
  // open Sales deals from the bottom of the page (other specs take theirs from the top), the first
  // whose value can be edited: a deal with products takes its value from them
  const candidates = rows.filter((r) => r.status === 'open' && r.stage.startsWith('Sales ·')).reverse();
  for (const row of candidates) {
    await page.goto(row.href);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(row.name);
    await expect(page.getByTestId('field-value')).toBeVisible();
    if ((await page.getByRole('button', { name: 'Edit value' }).count()) > 0) return { name: row.name };
  }
  throw new Error('No open Sales deal without products in the demo workspace');
}

test("a deal's Changes timeline tells each edit in words, with who and the channel", async ({ page }, testInfo) => {
  const deal = await openSalesDeal(page);
  const newName = `${deal.name} (events)`;

  await page.getByRole('button', { name: 'Edit name' }).click();
  await page.getByRole('textbox', { name: 'Deal name' }).fill(newName);
  await page.getByRole('textbox', { name: 'Deal name' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(newName);
  await expect(changes(page).first()).toContainText('Changed name');

  await page.getByRole('button', { name: 'Edit value' }).click();
  await field(page, 'value').getByRole('textbox').fill('12,345.67');
  await field(page, 'value').getByRole('button', { name: 'Save value' }).click();
  await expect(changes(page).first()).toContainText('Changed value');

  const stageField = field(page, 'stage');
  const current = (await stageField.getByTestId('stage-name').textContent())!.trim();
  const target = current === 'Demo Scheduled' ? 'Proposal Sent' : 'Demo Scheduled';
  await page.getByRole('button', { name: 'Edit stage' }).click();
  await stageField.getByRole('combobox').selectOption({ label: target });
  await stageField.getByRole('button', { name: 'Save stage' }).click();
  await expect(changes(page).first()).toContainText(`Moved from ${current} to ${target}`);

  // newest first, each with who, when and the door it came through; after a reload too (the database)
  await page.reload();
  const [moved, valued, renamed] = [changes(page).nth(0), changes(page).nth(1), changes(page).nth(2)];
  await expect(moved.getByTestId('change-summary')).toHaveText(`Moved from ${current} to ${target}`);
  await expect(valued.getByTestId('change-summary')).toHaveText('Changed value');
  await expect(valued.getByTestId('change-line')).toContainText(/Value: \$[\d,]+\.\d\d → \$12,345\.67/);
  await expect(renamed.getByTestId('change-summary')).toHaveText('Changed name');
  await expect(renamed.getByTestId('change-line')).toHaveText(`Name: “${deal.name}” → “${newName}”`);
  for (const entry of [moved, valued, renamed]) {
    await expect(entry.getByTestId('change-actor')).toHaveText('Maya Manager');
    await expect(entry.getByTestId('change-channel')).toHaveText('App');
    await expect(entry.locator('time')).toHaveText('just now');
  }
  // bookkeeping (position, stage entry time) never shows as a change of its own
  await expect(moved.getByTestId('change-line')).toHaveCount(0);

  const timeline = page.getByRole('region', { name: 'Changes' });
  await timeline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('deal-changes-1440.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await timeline.scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('deal-changes-390.png') });
  await timeline.screenshot({ path: testInfo.outputPath('deal-changes-card-390.png') });
});

test.describe('as the admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('the audit log narrows to a type, then to a user, and keeps the filters in the address', async ({ page }, testInfo) => {
    await page.goto('/settings/audit-log');
    await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
    const rows = page.getByTestId('audit-row');
    await expect(rows.first()).toBeVisible();
    const types = await rows.evaluateAll((trs) => new Set(trs.map((tr) => tr.getAttribute('data-type'))).size);
    expect(types).toBeGreaterThan(1);

    const filters = page.getByRole('form', { name: 'Filter the audit log' });
    await filters.getByLabel('Type', { exact: true }).selectOption('deal.updated');
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/[?&]type=deal\.updated/);
    await expect(rows.first()).toBeVisible();
    expect(await rows.evaluateAll((trs) => trs.every((tr) => tr.getAttribute('data-type') === 'deal.updated'))).toBe(true);
    const byType = await rows.count();

    await filters.getByLabel('User', { exact: true }).selectOption({ label: 'Maya Manager' });
    await filters.getByRole('button', { name: 'Filter' }).click();
    await expect(page).toHaveURL(/[?&]user=user_/);
    await expect(page).toHaveURL(/[?&]type=deal\.updated/);
    await expect(rows.first()).toBeVisible();
    const byUser = await rows.count();
    expect(byUser).toBeLessThanOrEqual(byType);
    for (const actor of await rows.getByTestId('audit-actor').allTextContents()) expect(actor).toBe('Maya Manager');
    await expect(rows.getByTestId('audit-summary').filter({ hasText: 'Changed value' }).first()).toBeVisible();
    await expect(filters.getByLabel('User', { exact: true })).toHaveValue(/^user_/);

    // the filtered view is a link: a reload shows the same
    await page.reload();
    await expect(rows).toHaveCount(byUser);
    await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', /\/settings\/audit-log\/csv\?.*type=deal\.updated/);

    await page.screenshot({ path: testInfo.outputPath('audit-log-1440.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await expect(page.getByTestId('audit-card').first()).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('audit-log-390.png'), fullPage: true });
  });

  test('the CSV export holds the filtered events', async ({ page }) => {
    await page.goto('/settings/audit-log?type=deal.stage_changed');
    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Export CSV' }).click();
    const file = await (await download).path();
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(file, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toMatch(/^event_id,occurred_at,type,/);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line.split(',')[2]).toBe('deal.stage_changed');
  });
});
