import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/axe';

// The Lost deals report on the demo workspace, with figures this file makes itself: three new deals
// marked lost from the deals table for two reasons of its own (unique to the run), so their rows'
// numbers are known. A figure's count opens the deals table narrowed to the deals behind it; the
// table shows each lost deal's reason, sorts by it and filters by it. Screenshots at 1440 and 390
// px go to e2e/artifacts/lost-deals-*.png.

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1440, height: 900 } });

const PREFIX = `Lost${Date.now().toString(36)}`;
const BUDGET = `${PREFIX} budget cut`;
const SILENT = `${PREFIX} went silent`;
// name → value in dollars
const DEALS = { [`${PREFIX} Alpha`]: '1,000', [`${PREFIX} Bravo`]: '3,000', [`${PREFIX} Charlie`]: '2,000' };
const [ALPHA, BRAVO, CHARLIE] = Object.keys(DEALS) as [string, string, string];

const rows = (page: Page) => page.getByTestId('deal-row');
const rowOf = (page: Page, name: string) => rows(page).filter({ has: page.getByRole('link', { name, exact: true }) });

function nextServerAction(page: Page) {
  return page.waitForResponse((response) => response.request().method() === 'POST' && Boolean(response.request().headers()['next-action']));
}

async function openTable(page: Page, search: string) {
  await page.goto(`/deals${search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Deals' })).toBeVisible();
  await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'false');
}

async function markLost(page: Page, names: string[], reason: string) {
  await openTable(page, `?q=${PREFIX}&status=open`);
  for (const name of names) await page.getByLabel(`Select ${name}`).check();
  await page.getByRole('button', { name: 'Mark lost', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Mark ${names.length} ${names.length === 1 ? 'deal' : 'deals'} as lost` });
  await dialog.getByLabel('Another reason').check();
  await dialog.getByLabel('Lost reason').fill(reason);
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(page.getByText(`Marked ${names.length} ${names.length === 1 ? 'deal' : 'deals'} as lost`)).toBeVisible();
}

/** The whole page, not just the first screen: the report scrolls inside the app shell. */
async function screenshot(page: Page, name: string) {
  const size = page.viewportSize()!;
  const height = await page.locator('main > div.overflow-auto').evaluate((el) => el.scrollHeight + el.getBoundingClientRect().top);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(height)) });
  await expect(page.locator('figure svg.recharts-surface').first()).toBeVisible();
  await page.screenshot({ path: `e2e/artifacts/${name}.png` });
  await page.setViewportSize(size);
}

const reasonRow = (page: Page, reason: string) =>
  page
    .getByRole('table', { name: 'Lost deals by reason' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: reason, exact: true }) });

test.beforeAll(async ({ browser }, testInfo) => {
  // three deals made on the board and two bulk actions: more than one test's time on a busy machine
  testInfo.setTimeout(120_000);
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto('/pipelines');
  const qualified = page.getByRole('region', { name: 'Qualified', exact: true });
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
  for (const [name, value] of Object.entries(DEALS)) {
    await qualified.getByRole('button', { name: 'Add a deal to Qualified' }).click();
    const form = page.getByRole('form', { name: 'Add a deal to Qualified' });
    await form.getByLabel('Deal name').fill(name);
    await form.getByLabel('Value (USD)').fill(value);
    const created = nextServerAction(page);
    await form.getByRole('button', { name: 'Add deal' }).click();
    expect((await created).ok()).toBe(true);
    await expect(qualified.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await markLost(page, [ALPHA, BRAVO], BUDGET);
  await markLost(page, [CHARLIE], SILENT);
  await page.close();
});

test('the report shows the period’s losses by reason, and a count opens the deals behind it', async ({ page }) => {
  await page.goto('/reports/lost-deals');
  await expect(page.getByRole('heading', { level: 2, name: 'Lost deals' })).toBeVisible();
  await expect(page.getByText(/Sales · all owners/)).toBeVisible();
  await expect(page.locator('figure .recharts-bar-rectangle').first()).toBeVisible();

  const total = Number(await page.getByRole('link', { name: /^Show the \d+ deals lost$/ }).textContent());
  expect(total).toBeGreaterThanOrEqual(3);
  const share = (count: number) => `${Math.round((count * 1000) / total) / 10}%`.replace('.0%', '%');
  const budget = reasonRow(page, BUDGET);
  // deals, share, value in the home currency (USD), per currency
  await expect(budget.getByRole('cell')).toHaveText(['2', share(2), '$4,000.00', '$4,000.00']);
  await expect(reasonRow(page, SILENT).getByRole('cell')).toHaveText(['1', share(1), '$2,000.00', '$2,000.00']);
  // the other breakdowns hold this run's deals too: lost from Qualified, Maya's, this month
  await expect(page.getByRole('table', { name: 'Lost deals by stage lost from' }).getByRole('rowheader', { name: 'Qualified' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Lost deals by owner' }).getByRole('rowheader', { name: 'Maya Manager' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Lost deals by month' }).getByRole('row')).not.toHaveCount(1);
  // which rates converted the values, as in the other reports
  await expect(page.getByRole('note', { name: 'Currency conversion' })).toContainText(
    /Converted to USD at the rates in force on the day each deal was lost — rates used:/,
  );

  await screenshot(page, 'lost-deals-report-1440');
  // opened at a phone's width, as a phone opens it: a resized page's charts are still animating
  // their bars from the wide layout to the narrow one
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await screenshot(page, 'lost-deals-report-390');
  await page.setViewportSize({ width: 1440, height: 900 });

  await budget.getByRole('link', { name: `Show the 2 deals lost to “${BUDGET}”` }).click();
  await expect(page).toHaveURL(/\/deals\?.*lost_reason=/);
  await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'false');
  await expect(rows(page)).toHaveCount(2);
  for (const name of [ALPHA, BRAVO]) await expect(rowOf(page, name).getByTestId('deal-loss-reason')).toHaveText(BUDGET);
  await expect(page.getByLabel('Loss reason')).toHaveValue(BUDGET);
  await expect(page.getByLabel('Status')).toHaveValue('lost');
  // the period the report covered, as closed dates
  await expect(page.getByLabel('Closed from')).not.toHaveValue('');
  await expect(page.getByLabel('Closed to')).toHaveValue(new Date().toISOString().slice(0, 10));
});

test('the CSV download holds the same figures', async ({ page }) => {
  await page.goto('/reports/lost-deals');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^dealboard-lost-deals-sales-.*\.csv$/);
  const text = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r\n/);
  // the converted figure first, as in the other reports' CSVs, then the amounts per currency, then the rates used
  expect(lines[0]).toBe('breakdown,item,deals,share_pct,Value (USD),Unconverted,currency,value');
  expect(lines.find((l) => l.startsWith(`reason,${BUDGET},`))).toMatch(new RegExp(`^reason,${BUDGET},2,[\\d.]+,4000\\.00,,USD,4000\\.00$`));
  expect(lines.find((l) => l.startsWith(`reason,${SILENT},`))).toMatch(new RegExp(`^reason,${SILENT},1,[\\d.]+,2000\\.00,,USD,2000\\.00$`));
  expect(lines).toContain('converted_to,rate_currency,rate,valid_from');
});

test('the deals table shows each lost deal’s reason, sorts by it and filters by it', async ({ page }) => {
  await openTable(page, `?q=${PREFIX}&status=all`);
  await expect(rows(page)).toHaveCount(3);
  await expect(rowOf(page, CHARLIE).getByTestId('deal-loss-reason')).toHaveText(SILENT);

  await page.getByRole('link', { name: 'Loss reason' }).click();
  await expect(page).toHaveURL(/sort=lost_reason/);
  await expect(page.getByRole('columnheader', { name: 'Loss reason' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(rows(page).locator('td:nth-child(2) a')).toHaveText([ALPHA, BRAVO, CHARLIE]);

  await page.getByLabel('Loss reason').selectOption({ label: SILENT });
  await expect(page).toHaveURL(/lost_reason=/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rowOf(page, CHARLIE)).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/lost-deals-table-1440.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'e2e/artifacts/lost-deals-table-390.png' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // the filter lives in the URL: a reload keeps it
  await page.reload();
  await expect(page.getByLabel('Loss reason')).toHaveValue(SILENT);
  await expect(rows(page)).toHaveCount(1);
});

test('the report page passes the accessibility check', async ({ page }) => {
  await page.goto('/reports/lost-deals');
  await expect(page.getByRole('table', { name: 'Lost deals by reason' }).locator('tbody tr').first()).toBeVisible();
  await expect(page.locator('figure .recharts-surface').first()).toBeVisible();
  await expectNoSeriousA11yViolations(page, '/reports/lost-deals');
});
