import fs from 'node:fs';
import { expect, test, type Download, type Locator, type Page } from '@playwright/test';
import { parse } from 'csv-parse/sync';
import { expectNoSeriousA11yViolations } from './support/axe';

// "Export CSV" on every list, the way a manager uses it on the demo workspace: the deals table with
// a search applied, a pipeline's board, contacts, companies and a deal's Changes. Each download is
// read back: a UTF-8 file with a byte-order mark, the contract's header, and the rows the page
// shows. The buttons are photographed at desktop and phone widths (test-results-…/…/export-*.png).

// each test visits a page, filters, photographs it at two widths and downloads: more than the default 30 s on a shared machine
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const DEAL_HEADER = [
  'ID',
  'Name',
  'Pipeline',
  'Stage',
  'Status',
  'Value',
  'Currency',
  'Expected close date',
  'Owner',
  'Owner email',
  'Contact',
  'Contact email',
  'Company',
  'Company domain',
  'Lost reason',
  'Closed at',
  'Created at',
  'Source',
  'External ID',
];

/** Clicks the link and reads the downloaded file as records (header first). */
async function download(page: Page, link: ReturnType<Page['getByRole']>): Promise<{ file: Download; records: string[][] }> {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const bytes = fs.readFileSync((await file.path())!);
  expect([...bytes.subarray(0, 3)], 'a UTF-8 byte-order mark').toEqual([0xef, 0xbb, 0xbf]);
  return { file, records: parse(bytes.subarray(3).toString('utf8')) as string[][] };
}

async function shoot(page: Page, name: string, testInfo: { outputPath: (name: string) => string }, subject?: Locator) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await subject?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath(`export-${name}-${width}.png`) });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('the deals table exports its filtered deals', async ({ page }, testInfo) => {
  await page.goto('/deals?status=all');
  await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'false');
  const firstName = (await page.getByTestId('deal-row').first().locator('td:nth-child(2) a').textContent())!.trim();
  const word = firstName.split(/\s+/)[0]!;
  await page.getByLabel('Search deals').fill(word);
  // search as you type, after a pause: generous on a loaded machine
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(word).replace(/%20/g, '\\+')}`), { timeout: 15_000 });
  await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'false');
  const total = Number((await page.getByTestId('deals-total').textContent())!.replace(/[^\d]/g, ''));
  expect(total).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(50); // one page, so every row is on screen to compare
  const shown = await page.getByTestId('deal-row').locator('td:nth-child(2) a').allTextContents();

  const link = page.getByRole('link', { name: 'Export CSV' });
  await expect(link).toHaveAttribute('href', /^\/deals\/export\?.*q=/);
  await expectNoSeriousA11yViolations(page);
  await shoot(page, 'deals-table', testInfo);
  const { file, records } = await download(page, link);
  expect(file.suggestedFilename()).toMatch(/^deals-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(records[0]!.slice(0, DEAL_HEADER.length)).toEqual(DEAL_HEADER);
  // the table's rows, in the table's order (last updated first)
  expect(records.slice(1).map((row) => row[1])).toEqual(shown.map((name) => name.trim()));
  expect(records.slice(1).every((row) => row[0]!.startsWith('deal_'))).toBe(true);
});

test("a pipeline's board exports its deals", async ({ page }, testInfo) => {
  await page.goto('/pipelines');
  await page.getByRole('navigation', { name: 'Pipelines' }).getByRole('link').first().click();
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
  const pipelineName = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  const dealCount = page.getByTestId('board-totals').locator('strong').first();
  const openCount = (await dealCount.textContent())!.trim();
  // the board's filters change the URL in the browser: the export follows them
  await page.getByRole('search', { name: 'Filter the board' }).getByLabel('Status').selectOption('all');
  await expect(page).toHaveURL(/[?&]status=all/);
  await expect(page.getByRole('link', { name: 'Export CSV' })).toHaveAttribute('href', /status=all/);
  // won and lost deals join the open ones
  await expect(dealCount).not.toHaveText(openCount);
  await expect(page.getByTestId('board-totals').getByRole('status')).toHaveCount(0);
  const count = Number((await dealCount.textContent())!.trim());
  const cardName = (await page.getByTestId('deal-card').first().getByRole('link').first().textContent())!.trim();
  await shoot(page, 'board', testInfo);
  const { records } = await download(page, page.getByRole('link', { name: 'Export CSV' }));
  expect(records[0]!.slice(0, DEAL_HEADER.length)).toEqual(DEAL_HEADER);
  const rows = records.slice(1);
  expect(rows.length).toBe(count);
  expect(new Set(rows.map((row) => row[2]))).toEqual(new Set([pipelineName]));
  expect(new Set(rows.map((row) => row[4])).size).toBeGreaterThan(1); // every status, not only open
  // in board order: the columns left to right, each column's cards top to bottom
  expect(rows[0]![1]).toBe(cardName);
  const columns = await page.getByTestId('stage-column').evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? ''));
  const stagesInFile = [...new Set(rows.map((row) => row[3]!))];
  expect(stagesInFile).toEqual(columns.filter((name) => stagesInFile.includes(name)));
});

test('contacts and companies export what their search finds', async ({ page }, testInfo) => {
  await page.goto('/contacts');
  const contactName = (await page.getByRole('table').locator('tbody tr').first().locator('a').first().textContent())!.trim();
  const lastName = contactName.split(/\s+/).at(-1)!;
  await page.goto(`/contacts?q=${encodeURIComponent(lastName)}`);
  await shoot(page, 'contacts', testInfo);
  const contacts = await download(page, page.getByRole('link', { name: 'Export CSV' }));
  expect(contacts.file.suggestedFilename()).toMatch(/^contacts-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(contacts.records[0]).toEqual(['ID', 'First name', 'Last name', 'Email', 'Phone', 'Company', 'Company domain', 'External ID', 'Created at']);
  expect(contacts.records.slice(1).map((row) => `${row[1]} ${row[2]}`.trim())).toContain(contactName);
  expect(
    contacts.records
      .slice(1)
      .every(
        (row) =>
          row[2]!.toLowerCase().includes(lastName.toLowerCase()) ||
          row[1]!.toLowerCase().includes(lastName.toLowerCase()) ||
          row[3]!.toLowerCase().includes(lastName.toLowerCase()),
      ),
  ).toBe(true);

  await page.goto('/companies');
  const companyName = (await page.getByRole('table').locator('tbody tr').first().locator('a').first().textContent())!.trim();
  await page.goto(`/companies?q=${encodeURIComponent(companyName)}`);
  const companies = await download(page, page.getByRole('link', { name: 'Export CSV' }));
  expect(companies.records[0]).toEqual(['ID', 'Name', 'Domain', 'External ID', 'Created at']);
  expect(companies.records.slice(1).map((row) => row[1])).toContain(companyName);
});

test("a deal's Changes export as CSV", async ({ page }, testInfo) => {
  await page.goto('/deals');
  const row = page.getByTestId('deal-row').last().locator('td:nth-child(2) a');
  const name = (await row.textContent())!.trim();
  await row.click();
  await expect(page).toHaveURL(/\/deals\/deal_/);
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toHaveText(name);
  const newName = `${name} (exported)`;
  await page.getByRole('button', { name: 'Edit name' }).click();
  await page.getByRole('textbox', { name: 'Deal name' }).fill(newName);
  await page.getByRole('textbox', { name: 'Deal name' }).press('Enter');
  await expect(heading).toHaveText(newName);
  const changes = page.getByRole('region', { name: 'Changes' });
  await expect(changes.getByTestId('change-entry').first()).toContainText('Changed name');
  await shoot(page, 'deal-changes', testInfo, changes.getByRole('link', { name: 'Export CSV' }));
  const { file, records } = await download(page, changes.getByRole('link', { name: 'Export CSV' }));
  expect(file.suggestedFilename()).toMatch(/^deal_\w+-changes-\d{4}-\d{2}-\d{2}\.csv$/);
  expect(records[0]!.slice(0, 3)).toEqual(['event_id', 'occurred_at', 'type']);
  const newest = records[1]!;
  expect(newest[2]).toBe('deal.updated');
  expect(newest.join(' ')).toContain(newName);
});
