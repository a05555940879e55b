import { expect, test, type Page } from '@playwright/test';

// A card opens its deal in a side panel over the board: the rep reads and edits the deal without
// losing the board (its filters, its scroll), closes the panel to be back where they were, and can
// still open the full deal page. Uses the demo workspace; changes nothing.

test.use({ viewport: { width: 1280, height: 800 } });

async function openBoard(page: Page, search = '') {
  await page.goto(`/pipelines${search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  await expect(page.getByTestId('deal-card').first()).toHaveAttribute('aria-roledescription', 'draggable deal');
  // dnd-kit's attributes are in the server's HTML too: data-board-ready says the board has hydrated
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
}

test('a card opens its deal beside the board; closing returns to the same board, filters kept', async ({ page }) => {
  await openBoard(page, '?status=open');
  const boardUrl = page.url();
  const card = page.getByTestId('deal-card').first();
  const name = (await card.getByRole('link').first().textContent())!.trim();

  await card.getByRole('link', { name, exact: true }).click();
  const panel = page.getByTestId('deal-side-panel');
  await expect(panel).toBeVisible();
  await expect(page).toHaveURL(/\/deals\/deal_/);
  // the whole workspace, in the panel: heading, history, activities
  await expect(panel.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(panel.getByRole('region', { name: 'Stage history' }).getByTestId('history-row').first()).toBeVisible();
  // the board is still there behind it
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeAttached();
  await expect(page.getByTestId('stage-column').first()).toBeAttached();
  await page.screenshot({ path: 'e2e/artifacts/board-side-panel.png' });

  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  expect(page.url()).toBe(boardUrl);
  await expect(page.getByTestId('deal-card').first()).toBeVisible();

  // the shade closes it too
  await page.getByTestId('deal-card').first().getByRole('link').first().click();
  await expect(panel).toBeVisible();
  await page.getByTestId('deal-panel-shade').click({ position: { x: 20, y: 400 } });
  await expect(panel).toBeHidden();
  expect(page.url()).toBe(boardUrl);
});

test('the deal URL opened directly, or "Open full page", is the full deal page', async ({ page }) => {
  await openBoard(page);
  const card = page.getByTestId('deal-card').first();
  const name = (await card.getByRole('link').first().textContent())!.trim();
  await card.getByRole('link', { name, exact: true }).click();
  await expect(page.getByTestId('deal-side-panel')).toBeVisible();
  const dealUrl = page.url();

  await page.getByTestId('deal-side-panel').getByRole('link', { name: 'Open full page' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('deal-side-panel')).toHaveCount(0);
  await expect(page.getByTestId('stage-column')).toHaveCount(0);

  await page.goto(dealUrl);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('deal-side-panel')).toHaveCount(0);
});
