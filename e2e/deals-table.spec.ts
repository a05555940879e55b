import { expect, test, type Page } from '@playwright/test';
import { holdScripts } from './support/hold-scripts';

// The /deals table the way a sales rep uses it: search and filters that live in the URL (and
// survive a reload), sorting by a column, paging, and bulk actions on selected deals (move to a
// stage, mark lost with a reason, delete). Runs against the demo workspace (the browser acts as Maya
// Manager); the bulk actions touch only deals this file creates, named with a unique prefix.

test.describe.configure({ mode: 'serial' });
test.use({ viewport: { width: 1280, height: 800 } });

const PREFIX = `Tbl${Date.now().toString(36)}`;
// name → value in dollars
const DEALS = { [`${PREFIX} Alpha`]: '1,000', [`${PREFIX} Bravo`]: '3,000', [`${PREFIX} Charlie`]: '2,000' };
const [ALPHA, BRAVO, CHARLIE] = Object.keys(DEALS) as [string, string, string];

const rows = (page: Page) => page.getByTestId('deal-row');
const rowOf = (page: Page, name: string) => rows(page).filter({ has: page.getByRole('link', { name, exact: true }) });
const dealNames = (page: Page) => rows(page).locator('td:nth-child(2) a');

/** Resolves when the next server action (a POST with a Next-Action header) has answered. */
function nextServerAction(page: Page) {
  return page.waitForResponse((response) => response.request().method() === 'POST' && Boolean(response.request().headers()['next-action']));
}

/** Waits until the page is interactive (hydrated): the filters are no longer busy. */
async function interactive(page: Page) {
  await expect(page.getByRole('heading', { level: 1, name: 'Deals' })).toBeVisible();
  await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'false');
}

async function openTable(page: Page, search = '') {
  await page.goto(`/deals${search}`);
  await interactive(page);
}

/** Just this file's deals (any status), by the prefix search. */
async function openOwnDeals(page: Page, count = 3) {
  await openTable(page, `?q=${PREFIX}&status=all`);
  await expect(rows(page)).toHaveCount(count);
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto('/pipelines');
  const qualified = page.getByRole('region', { name: 'Qualified', exact: true });
  await expect(qualified.getByTestId('deal-card').first()).toHaveAttribute('aria-roledescription', 'draggable deal');
  // dnd-kit's attributes are in the server's HTML too: data-board-ready says the board has hydrated
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
  await page.close();
});

test('search and filters live in the URL, survive a reload, and an empty result offers to clear them', async ({ page }) => {
  await openTable(page);
  await expect(page.getByTestId('deals-range')).toHaveText(/^1–50 of \d+/);

  await page.getByLabel('Search deals').fill(PREFIX.toUpperCase());
  await expect(page).toHaveURL(new RegExp(`[?&]q=${PREFIX.toUpperCase()}`));
  await expect(rows(page)).toHaveCount(3);
  // the new page arrives under the search box: still focused, typing goes on
  await expect(page.getByLabel('Search deals')).toBeFocused();
  await expect(page.getByTestId('deals-range')).toHaveText('1–3 of 3');

  await page.getByLabel('Pipeline', { exact: true }).selectOption({ label: 'Sales' });
  await expect(page).toHaveURL(/[?&]pipeline=pipe_/);
  await page.getByLabel('Stage', { exact: true }).selectOption({ label: 'Qualified' });
  await expect(page).toHaveURL(/[?&]stage=stg_/);
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'All statuses' });
  await expect(page).toHaveURL(/[?&]status=all/);
  await expect(rows(page)).toHaveCount(3);
  await page.getByRole('button', { name: 'Value & close date' }).click();
  await page.getByLabel('Minimum value').fill('1500');
  await page.getByLabel('Minimum value').press('Enter');
  await expect(page).toHaveURL(/[?&]min=1500/);
  await expect(rows(page)).toHaveCount(2);
  await expect(rowOf(page, BRAVO)).toBeVisible();
  await expect(rowOf(page, CHARLIE)).toBeVisible();

  await page.reload();
  await interactive(page);
  await expect(page.getByLabel('Search deals')).toHaveValue(PREFIX.toUpperCase());
  await expect(page.getByLabel('Stage', { exact: true })).toHaveValue(/^stg_/);
  await expect(page.getByLabel('Minimum value')).toHaveValue('1500');
  await expect(rows(page)).toHaveCount(2);

  // nobody else owns these deals: nothing matches
  await page.getByLabel('Owner', { exact: true }).selectOption({ label: 'Riley Rep' });
  await expect(page).toHaveURL(/[?&]owner=user_/);
  await expect(page.getByText('No deals match these filters')).toBeVisible();
  await page.getByTestId('deals-empty').getByRole('link', { name: 'Clear filters' }).click();
  await expect(page).toHaveURL(/\/deals$/);
  await expect(page.getByLabel('Search deals')).toHaveValue('');
  await expect(page.getByTestId('deals-range')).toHaveText(/^1–50 of /);
});

test('a search typed before the page is interactive is kept and applied once it is', async ({ page }) => {
  const scripts = await holdScripts(page);
  await page.goto('/deals', { waitUntil: 'commit' });
  const search = page.getByLabel('Search deals');
  await search.fill(PREFIX);
  await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'true');

  scripts.release();
  await interactive(page);
  await expect(page).toHaveURL(new RegExp(`[?&]q=${PREFIX}`));
  await expect(search).toHaveValue(PREFIX);
  await expect(rows(page)).toHaveCount(3);
});

test('sorting by value either way, and paging to page 2', async ({ page }) => {
  await openOwnDeals(page);
  await page.getByRole('link', { name: 'Value', exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=value/);
  await expect(page.getByRole('columnheader', { name: 'Value', exact: true })).toHaveAttribute('aria-sort', 'descending');
  await expect(dealNames(page)).toHaveText([BRAVO, CHARLIE, ALPHA]);
  await page.getByRole('link', { name: 'Value', exact: true }).click();
  await expect(page).toHaveURL(/[?&]dir=asc/);
  await expect(page.getByRole('columnheader', { name: 'Value', exact: true })).toHaveAttribute('aria-sort', 'ascending');
  await expect(dealNames(page)).toHaveText([ALPHA, CHARLIE, BRAVO]);
  await page.reload();
  await expect(dealNames(page)).toHaveText([ALPHA, CHARLIE, BRAVO]);

  // every deal, by name: page 2 continues where page 1 ended
  await openTable(page, '?status=all&sort=name');
  const total = Number((await page.getByTestId('deals-range').textContent())!.replace(/^.* of /, '').replace(/,/g, ''));
  expect(total).toBeGreaterThan(50);
  const lastOnPage1 = (await dealNames(page).last().textContent())!;
  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(page.getByTestId('deals-range')).toHaveText(new RegExp(`^51–${Math.min(100, total)} of `));
  await expect(dealNames(page).first()).not.toHaveText(lastOnPage1);
  expect((await dealNames(page).first().textContent())!.toLowerCase() >= lastOnPage1.toLowerCase()).toBe(true);
  await page.getByRole('link', { name: 'Previous page' }).click();
  await expect(page.getByTestId('deals-range')).toHaveText(/^1–50 of /);
});

test('bulk move: the selected deals land in the stage, each with a history row', async ({ page }) => {
  await openOwnDeals(page);
  await page.getByLabel('Select all deals on this page').check();
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
  await page.screenshot({ path: 'e2e/artifacts/deals-table-selection.png' });

  await page.getByRole('toolbar', { name: 'Bulk actions' }).getByRole('button', { name: 'Move to stage' }).click();
  const dialog = page.getByRole('dialog', { name: 'Move 3 deals to a stage' });
  await dialog.getByRole('button', { name: 'Move 3 deals' }).click();
  await expect(dialog.getByText('Choose a stage.')).toBeVisible();
  await dialog.getByLabel('Stage').selectOption({ label: 'Demo Scheduled' });
  const moved = nextServerAction(page);
  await dialog.getByRole('button', { name: 'Move 3 deals' }).click();
  expect((await moved).ok()).toBe(true);
  await expect(page.getByText('Moved 3 deals to Demo Scheduled')).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toBeHidden();
  for (const name of [ALPHA, BRAVO, CHARLIE]) await expect(rowOf(page, name).getByTestId('deal-stage')).toContainText('Demo Scheduled');

  await rowOf(page, ALPHA).getByRole('link', { name: ALPHA }).click();
  await expect(page.getByRole('heading', { level: 1, name: ALPHA })).toBeVisible();
  const history = page.getByRole('region', { name: 'Stage history' }).getByTestId('history-row');
  await expect(history.filter({ hasText: /Qualified\s*→\s*Demo Scheduled/ })).toHaveCount(1);
});

test('bulk mark lost asks for a reason from the list', async ({ page }) => {
  await openOwnDeals(page);
  await page.getByLabel(`Select ${ALPHA}`).check();
  await page.getByLabel(`Select ${BRAVO}`).check();
  await expect(page.getByTestId('selection-count')).toHaveText('2 selected');
  await page.getByRole('button', { name: 'Mark lost', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Mark 2 deals as lost' });
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(dialog.getByText('Choose why the deals were lost.')).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/deals-table-lost-dialog.png' });
  await dialog.getByLabel('Chose a competitor').check();
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(page.getByText('Marked 2 deals as lost')).toBeVisible();
  for (const name of [ALPHA, BRAVO]) {
    await expect(rowOf(page, name).getByTestId('deal-status')).toHaveText('lost');
    await expect(rowOf(page, name).getByTestId('deal-stage')).toContainText('Lost');
  }
  await expect(rowOf(page, CHARLIE).getByTestId('deal-status')).toHaveText('open');

  // the default view shows open deals only
  await openTable(page, `?q=${PREFIX}`);
  await expect(dealNames(page)).toHaveText([CHARLIE]);
});

test('a batch holding a deal deleted meanwhile changes nothing and names that deal', async ({ page, browser }) => {
  await openOwnDeals(page);
  await page.getByLabel('Select all deals on this page').check();

  // someone else deletes Charlie in the meantime
  const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await openOwnDeals(other);
  await other.getByLabel(`Select ${CHARLIE}`).check();
  await other.getByRole('button', { name: 'Delete', exact: true }).click();
  await other.getByRole('dialog', { name: 'Delete 1 deal?' }).getByRole('button', { name: 'Delete 1 deal' }).click();
  await expect(other.getByText('Deleted 1 deal')).toBeVisible();
  await other.close();

  await page.getByRole('button', { name: 'Mark won', exact: true }).click();
  await expect(page.getByText(`“${CHARLIE}” has been deleted; nothing was changed.`)).toBeVisible();
  await expect(page.getByTestId('selection-count')).toHaveText('3 selected');
  await openOwnDeals(page, 2);
  for (const name of [ALPHA, BRAVO]) await expect(rowOf(page, name).getByTestId('deal-status')).toHaveText('lost');
});

test('bulk delete asks for confirmation naming how many, then the deals are gone', async ({ page }) => {
  await openOwnDeals(page, 2);
  await page.getByLabel('Select all deals on this page').check();
  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete 2 deals?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(rows(page)).toHaveCount(2);

  await page.getByRole('button', { name: 'Delete', exact: true }).click();
  await dialog.getByRole('button', { name: 'Delete 2 deals' }).click();
  await expect(page.getByText('Deleted 2 deals')).toBeVisible();
  await expect(page.getByText('No deals match these filters')).toBeVisible();
  await page.reload();
  await expect(page.getByText('No deals match these filters')).toBeVisible();
});

test('screenshots at 1280 and 390 px: the table scrolls sideways on a phone', async ({ page }) => {
  await openTable(page, '?status=all&sort=value');
  await expect(rows(page)).toHaveCount(50);
  await page.screenshot({ path: 'e2e/artifacts/deals-table.png' });

  await page.setViewportSize({ width: 390, height: 844 });
  await openTable(page, '?status=all&sort=value');
  await expect(rows(page).first()).toBeVisible();
  await page.getByLabel(`Select ${(await dealNames(page).first().textContent())!}`).check();
  await expect(page.getByRole('toolbar', { name: 'Bulk actions' })).toBeVisible();
  const scroller = page.getByTestId('deals-table-scroll');
  const { scrollWidth, clientWidth } = await scroller.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth).toBeGreaterThan(clientWidth);
  // the page itself does not scroll sideways
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: 'e2e/artifacts/deals-table-phone.png' });
  await openTable(page, '?q=nothing-matches-this');
  await page.screenshot({ path: 'e2e/artifacts/deals-table-empty-phone.png' });
});
