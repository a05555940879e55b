import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/axe';

// Accessibility: axe-core (WCAG 2.1 A/AA) over every main page finds nothing serious or critical, and
// the keyboard paths a screen-reader or keyboard user relies on work: the skip link, arrow keys
// between the board's cards and columns, and the side panel giving focus back to its card. Uses the
// demo workspace; changes nothing.

test.use({ viewport: { width: 1440, height: 900 } });

async function openBoard(page: Page) {
  await page.goto('/pipelines');
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
}

const REPORTS = [
  { slug: 'movement', table: 'Stage movement matrix' },
  { slug: 'funnel', table: 'Conversion by stage' },
  { slug: 'time-in-stage', table: 'Time in stage' },
  { slug: 'snapshot', table: 'Board columns then' },
  { slug: 'forecast', table: 'Forecast by month' },
  { slug: 'lost-deals', table: 'Lost deals by reason' },
];

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
/** The name on a card (its link's text). */
async function nameOn(card: Locator): Promise<string> {
  return (await card.getByRole('link').first().textContent())!.trim();
}
/** The name on the card that has the keyboard focus. */
const focusedCardName = (page: Page) => page.locator('[data-testid="deal-card"]:focus a').first();

test.describe('axe finds no serious or critical violations', () => {
  // each test reads several pages and axe takes seconds over each
  test.describe.configure({ timeout: 180_000 });

  test('board, its side panel and a deal page', async ({ page }) => {
    await openBoard(page);
    await expectNoSeriousA11yViolations(page, 'the board');
    await page.screenshot({ path: 'e2e/artifacts/a11y-board.png' });

    const card = page.getByTestId('deal-card').first();
    const name = (await card.getByRole('link').first().textContent())!.trim();
    await card.getByRole('link', { name, exact: true }).click();
    const panel = page.getByTestId('deal-side-panel');
    await expect(panel.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(panel.getByRole('region', { name: 'Stage history' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the deal side panel');

    await page.goto(page.url());
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Stage history' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, 'the deal page');
    await page.screenshot({ path: 'e2e/artifacts/a11y-deal.png' });
  });

  test('deals table, contacts and companies', async ({ page }) => {
    await page.goto('/deals');
    await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'false');
    await expect(page.getByTestId('deal-row').first()).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/deals');
    await page.screenshot({ path: 'e2e/artifacts/a11y-deals.png' });

    await page.goto('/contacts');
    await expect(page.getByRole('table', { name: 'Contacts' }).getByRole('row').nth(1)).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/contacts');

    await page.goto('/companies');
    await expect(page.getByRole('table', { name: 'Companies' }).getByRole('row').nth(1)).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/companies');
  });

  test('every report', async ({ page }) => {
    await page.goto('/reports');
    await expect(page.getByRole('heading', { level: 1, name: 'Reports' })).toBeVisible();
    await expectNoSeriousA11yViolations(page, '/reports');
    for (const report of REPORTS) {
      await page.goto(`/reports/${report.slug}`);
      await expect(page.getByRole('table', { name: report.table }).locator('tbody tr').first()).toBeVisible();
      await expect(page.locator('figure .recharts-surface').first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, `/reports/${report.slug}`);
    }
  });

  test.describe('as an admin', () => {
    test.use({ storageState: 'e2e/.auth/admin.json' });

    /** Opens a settings page once it has its data, and runs axe over it. */
    async function checkSettingsPage(page: Page, path: string) {
      await page.goto(path);
      await expect(page.getByRole('navigation', { name: 'Settings' }).locator('[aria-current="page"]')).toBeVisible();
      await expect(page.locator('[aria-busy="true"], .animate-pulse')).toHaveCount(0);
      await expectNoSeriousA11yViolations(page, path);
    }

    test('the workspace settings pages', async ({ page }) => {
      for (const path of ['/settings', '/settings/pipelines', '/settings/products', '/settings/custom-fields', '/settings/lost-reasons']) {
        await checkSettingsPage(page, path);
      }
      await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Pipelines & stages' }).click();
      await page
        .getByRole('main')
        .getByRole('link', { name: /^Sales\b/ })
        .first()
        .click();
      await expect(page.getByLabel('Pipeline name')).toHaveValue('Sales');
      await expectNoSeriousA11yViolations(page, 'a pipeline’s settings');
    });

    test('the admin’s settings pages', async ({ page }) => {
      for (const path of ['/settings/api-keys', '/settings/users', '/settings/security', '/settings/audit-log', '/settings/webhooks']) {
        await checkSettingsPage(page, path);
      }
    });
  });

  test.describe('signed out', () => {
    test.use({ storageState: { cookies: [], origins: [] } });

    test('the sign-in page', async ({ page }) => {
      await page.goto('/sign-in');
      await expect(page.getByRole('button', { name: /sign in/i }).first()).toBeVisible();
      await expectNoSeriousA11yViolations(page, '/sign-in');
    });
  });
});

test('the skip link is the first Tab stop and takes the focus to the page', async ({ page }) => {
  await page.goto('/deals');
  await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'false');
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to main content' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('main')).toBeFocused();
  // the next Tab lands in the page, not in the navigation
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
});

test('arrow keys move the focus between cards and across columns; Tab reaches the board once', async ({ page }) => {
  await openBoard(page);
  const qualified = column(page, 'Qualified').getByTestId('deal-card');
  const contactMade = column(page, 'Contact Made').getByTestId('deal-card');
  const fourth = page.getByTestId('stage-column').nth(3);
  const fourthName = (await fourth.getAttribute('aria-label'))!;
  const firstOfFourth = fourth.getByTestId('deal-card').first();

  // Tab from the filters reaches the first card (only one card of the board is a Tab stop)
  await page.getByRole('searchbox', { name: 'Search deals' }).focus();
  for (let presses = 0; presses < 30; presses++) {
    await page.keyboard.press('Tab');
    if (await qualified.first().evaluate((card) => card === document.activeElement)) break;
  }
  await expect(qualified.first()).toBeFocused();
  await expect(page.locator('[data-testid="deal-card"][tabindex="0"]')).toHaveCount(1);

  await page.keyboard.press('ArrowDown');
  await expect(focusedCardName(page)).toHaveText(await nameOn(qualified.nth(1)));
  await page.keyboard.press('ArrowDown');
  await expect(focusedCardName(page)).toHaveText(await nameOn(qualified.nth(2)));
  await page.keyboard.press('ArrowUp');
  await expect(focusedCardName(page)).toHaveText(await nameOn(qualified.nth(1)));

  // sideways: the nearest card of the next column, then back
  await page.keyboard.press('ArrowRight');
  await expect(page.locator('[data-testid="deal-card"]:focus')).toHaveCount(1);
  expect(await contactMade.evaluateAll((cards) => cards.some((card) => card === document.activeElement))).toBe(true);
  await page.keyboard.press('ArrowLeft');
  await expect(focusedCardName(page)).toHaveText(await nameOn(qualified.nth(1)));

  // the first card of the fourth column: three presses away from the first of the first
  await page.keyboard.press('ArrowUp');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(focusedCardName(page)).toHaveText(await nameOn(firstOfFourth));
  await expect(page.locator('[data-testid="deal-card"]:focus')).toHaveAttribute('tabindex', '0');
  expect(await page.locator('[data-testid="deal-card"]:focus').evaluate((card) => card.closest('section')?.getAttribute('aria-label'))).toBe(fourthName);

  // Tab goes into the focused card (its link, its Move menu) and then leaves the board
  await page.keyboard.press('Tab');
  await expect(firstOfFourth.getByRole('link').first()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(firstOfFourth.getByRole('button', { name: 'Move to stage…' })).toBeFocused();
});

test('closing the side panel gives the focus back to its card (Escape and ×)', async ({ page }) => {
  await openBoard(page);
  const card = column(page, 'Qualified').getByTestId('deal-card').nth(1);
  const name = await nameOn(card);
  const panel = page.getByTestId('deal-side-panel');

  // from the keyboard: the card focused, Enter opens its deal, Escape closes it
  await card.focus();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(panel.getByRole('button', { name: 'Close the deal panel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();
  await expect(card).toBeFocused();

  // with the mouse: the card's link, then the panel's × button
  await card.getByRole('link', { name, exact: true }).click();
  await expect(panel.getByRole('heading', { level: 1, name })).toBeVisible();
  await panel.getByRole('button', { name: 'Close the deal panel' }).click();
  await expect(panel).toBeHidden();
  await expect(card).toBeFocused();
});
