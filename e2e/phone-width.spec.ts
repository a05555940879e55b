import { expect, test, type Page } from '@playwright/test';

// The app on a phone (390 × 844): the navigation reaches every entry through its Menu button, the
// deal's stage bar shows whole stage names (scrolling sideways, opened on the current stage), the
// deals table scrolls sideways with the deal kept in view, and each main page is usable. Screenshots
// go to e2e/artifacts/phone-*.png. Uses the demo workspace; changes nothing.

test.use({ viewport: { width: 390, height: 844 } });

const shot = (page: Page, name: string) => page.screenshot({ path: `e2e/artifacts/phone-${name}.png` });

/** Opens the navigation's menu and follows one of its entries. */
async function navigateTo(page: Page, entry: string) {
  const nav = page.getByRole('navigation', { name: 'Main' });
  const menu = nav.getByRole('button', { name: 'Menu' });
  await menu.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  const link = nav.getByRole('link', { name: entry, exact: true });
  await expect(link).toBeInViewport();
  await link.click();
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
}

/** Nothing sticks out sideways: the page itself never scrolls horizontally. */
async function expectNoSidewaysPage(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test('the navigation menu reaches every entry, Reports and Settings included', async ({ page }) => {
  await page.goto('/pipelines');
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  // closed, the bar is one line: the entries wait behind the Menu button
  await expect(nav.getByRole('link', { name: 'Reports', exact: true })).toBeHidden();

  await nav.getByRole('button', { name: 'Menu' }).click();
  for (const entry of ['Pipelines', 'Deals', 'Contacts', 'Companies', 'Reports', 'Settings']) {
    await expect(nav.getByRole('link', { name: entry, exact: true })).toBeInViewport();
  }
  await expect(nav.getByRole('button', { name: 'Sign out' })).toBeInViewport();
  await shot(page, 'nav-open');
  // Escape closes it and gives the focus back to the button
  await page.keyboard.press('Escape');
  await expect(nav.getByRole('button', { name: 'Menu' })).toBeFocused();
  await expect(nav.getByRole('link', { name: 'Reports', exact: true })).toBeHidden();

  await navigateTo(page, 'Reports');
  await expect(page).toHaveURL(/\/reports/);
  await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
  await expectNoSidewaysPage(page);

  await navigateTo(page, 'Settings');
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Settings' })).toBeVisible();
  await expectNoSidewaysPage(page);
  await shot(page, 'settings');

  await navigateTo(page, 'Pipelines');
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
});

test('the board: columns a thumb-swipe apart, cards readable', async ({ page }) => {
  await page.goto('/pipelines');
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
  const first = page.getByTestId('deal-card').first();
  await expect(first).toBeInViewport();
  // a card fits the width: its name and its Move menu are on screen
  await expect(first.getByRole('button', { name: 'Move to stage…' })).toBeInViewport();
  await expectNoSidewaysPage(page);
  await shot(page, 'board');
});

test('a deal: the stage bar shows whole stage names and opens on the current stage', async ({ page }) => {
  await page.goto('/pipelines');
  const card = page.getByRole('region', { name: 'Proposal Sent', exact: true }).getByTestId('deal-card').first();
  const href = (await card.getByRole('link').first().getAttribute('href'))!;
  await page.goto(href);
  const bar = page.getByRole('list', { name: 'Pipeline stages' });
  await expect(bar).toBeVisible();
  const current = bar.getByRole('button', { name: 'Proposal Sent (current stage)' });
  await expect(current).toBeInViewport({ ratio: 1 });
  // no stage name is cut: each label fits its chevron, and the others are a sideways scroll away
  const cut = await bar.locator('li span').evaluateAll((spans) => spans.filter((span) => span.scrollWidth > span.clientWidth).length);
  expect(cut).toBe(0);
  const first = bar.getByRole('listitem').first().getByRole('button');
  await first.scrollIntoViewIfNeeded();
  await expect(first).toBeInViewport({ ratio: 1 });
  await expect(page.getByRole('button', { name: 'Won' })).toBeInViewport();
  await expectNoSidewaysPage(page);
  await current.scrollIntoViewIfNeeded();
  await shot(page, 'deal');
});

test('the deals table: Stage, Value and Owner are reachable beside each deal', async ({ page }) => {
  await page.goto('/deals');
  await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'false');
  const row = page.getByTestId('deal-row').first();
  const dealLink = row.getByRole('link').first();
  await expect(dealLink).toBeInViewport();
  await shot(page, 'deals');

  const table = page.getByRole('table', { name: 'Deals' });
  const dealColumn = table.getByRole('columnheader', { name: 'Deal', exact: true });
  const headers = await table.getByRole('columnheader').allInnerTexts();
  for (const header of ['Stage', 'Value', 'Owner']) {
    const th = table.getByRole('columnheader', { name: header, exact: true });
    await th.scrollIntoViewIfNeeded();
    // wholly in sight: on the screen and clear of the Deal column kept at the left (sub-pixel
    // column edges aside)
    const box = (await th.boundingBox())!;
    const kept = (await dealColumn.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(kept.x + kept.width - 1);
    expect(box.x + box.width).toBeLessThanOrEqual(390 + 1);
    // the deal stays beside the column scrolled to
    await expect(dealLink).toBeInViewport();
  }
  const owner = row.getByRole('cell').nth(headers.findIndex((text) => /^owner\b/i.test(text.trim())));
  await expect(owner).toBeInViewport();
  await expect(owner).not.toBeEmpty();
  await expectNoSidewaysPage(page);
  await shot(page, 'deals-scrolled');
});

test('contacts, companies, reports and settings fit the width', async ({ page }) => {
  await page.goto('/contacts');
  await expect(page.getByRole('table', { name: 'Contacts' }).getByRole('row').nth(1).getByRole('link').first()).toBeInViewport();
  await expectNoSidewaysPage(page);
  await shot(page, 'contacts');

  await page.goto('/companies');
  await expect(page.getByRole('table', { name: 'Companies' }).getByRole('row').nth(1).getByRole('link').first()).toBeInViewport();
  await expectNoSidewaysPage(page);
  await shot(page, 'companies');

  for (const slug of ['movement', 'funnel', 'forecast']) {
    await page.goto(`/reports/${slug}`);
    await expect(page.locator('figure .recharts-surface').first()).toBeVisible();
    await expect(page.getByRole('form', { name: 'Report filters' })).toBeInViewport();
    await expectNoSidewaysPage(page);
    await shot(page, `report-${slug}`);
  }

  await page.goto('/settings/pipelines');
  await expect(
    page
      .getByRole('main')
      .getByRole('link', { name: /^Sales\b/ })
      .first(),
  ).toBeInViewport();
  await expectNoSidewaysPage(page);
  await shot(page, 'settings-pipelines');
});
