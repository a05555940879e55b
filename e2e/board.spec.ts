import { expect, test } from '@playwright/test';

// The demo workspace as a new user first sees it: the default pipeline's board with real columns
// and cards from the database, the app shell's navigation, and a deal's own page.

test('the home page opens the Sales board with its stages and deals', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/pipelines\/pipe_/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();

  const columns = page.getByTestId('stage-column');
  await expect(columns).toHaveCount(6);
  const names = await columns.locator('h2').allTextContents();
  expect(names).toEqual(['Qualified', 'Contact Made', 'Demo Scheduled', 'Proposal Sent', 'Won', 'Lost']);

  // each column's count badge matches the cards it holds, and the board is not empty. Columns are
  // virtualised and load more cards as they scroll: scrolled to the end, the last card is number `count`
  let total = 0;
  for (const column of await columns.all()) {
    const count = Number(await column.getByTestId('stage-count').textContent());
    total += count;
    if (count === 0) {
      await expect(column.getByTestId('deal-card')).toHaveCount(0);
      continue;
    }
    const scroller = column.getByTestId('stage-scroll');
    await expect
      .poll(
        async () => {
          await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight));
          return column.getByRole('listitem').last().getAttribute('aria-posinset');
        },
        { timeout: 15_000 },
      )
      .toBe(String(count));
    await scroller.evaluate((el) => el.scrollTo(0, 0));
  }
  expect(total).toBeGreaterThan(50);

  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const label of ['Pipelines', 'Deals', 'Contacts', 'Companies', 'Reports', 'Settings']) {
    await expect(nav.getByRole('link', { name: label })).toBeVisible();
  }
  await page.screenshot({ path: 'e2e/artifacts/demo-board.png', fullPage: true });
});

test('another pipeline is one click away and a card opens its deal with its stage history', async ({ page }) => {
  await page.goto('/pipelines');
  await page.getByRole('navigation', { name: 'Pipelines' }).getByRole('link', { name: 'Partnerships' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Partnerships' })).toBeVisible();
  await expect(page.getByTestId('stage-column')).toHaveCount(4);

  const card = page.getByTestId('deal-card').first();
  const dealName = (await card.getByRole('link').textContent())!.trim();
  await card.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: dealName })).toBeVisible();
  const history = page.getByRole('region', { name: 'Stage history' }).getByTestId('history-row');
  await expect(history.first()).toContainText('Created in');
  await page.screenshot({ path: 'e2e/artifacts/deal-page.png', fullPage: true });
});

test('the deals, contacts and companies pages list the demo records', async ({ page }) => {
  await page.goto('/deals');
  // 50 to a page, and the range line says how many match in all
  await expect(page.getByRole('table', { name: 'Deals' }).getByRole('row')).toHaveCount(51);
  await expect(page.getByTestId('deals-range')).toHaveText(/^1–50 of /);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
  await expect(page.getByRole('table', { name: 'Contacts' })).toBeVisible();
  // 50 to a page; the count line says how many there are in all
  await expect(page.getByTestId('table-count')).toHaveText(/^1–50 of \d+ contacts$/);
  expect(Number((await page.getByTestId('table-count').textContent())!.match(/of (\d+)/)![1])).toBeGreaterThan(70);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Companies' }).click();
  await expect(page.getByRole('table', { name: 'Companies' })).toBeVisible();
  expect(await page.getByRole('table', { name: 'Companies' }).getByRole('row').count()).toBeGreaterThan(25);
});

test('an unknown deal shows a not-found page, not an error', async ({ page }) => {
  const response = await page.goto('/deals/deal_doesnotexist');
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});

test('before any script runs, the server-rendered board already shows its cards apart, none drawn over another', async ({ browser }) => {
  // the HTML as it paints before hydration (the app's scripts never arrive; React's inline
  // streaming scripts still reveal the board): the cards' real heights vary, and none is measured
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.route('**/_next/static/**/*.js', (route) => route.abort());
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  const columns = await page.getByTestId('stage-scroll').all();
  let compared = 0;
  for (const column of columns) {
    const boxes = await column
      .getByRole('listitem')
      .evaluateAll((items) => items.map((item) => item.getBoundingClientRect()).map((r) => ({ top: r.top, bottom: r.bottom })));
    boxes.sort((a, b) => a.top - b.top);
    for (let i = 1; i < boxes.length; i += 1) {
      // each card starts below the one above it ends (with the 8 px gap between them)
      expect(boxes[i]!.top).toBeGreaterThanOrEqual(boxes[i - 1]!.bottom);
      compared += 1;
    }
  }
  expect(compared).toBeGreaterThan(10);
  await context.close();
});
