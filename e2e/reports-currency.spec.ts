import fs from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/axe';

// Converted figures in the reports, on the demo workspace: USD is home; EUR has a rate from before
// the history and another from 60 days ago; GBP has a rate only from 30 days ago, so older GBP
// amounts cannot be converted and are shown apart, named. Screenshots go to e2e/artifacts/.

test.use({ viewport: { width: 1440, height: 900 } });

/** The whole report: the viewport grows to fit it (the report scrolls inside the app shell). */
async function screenshot(page: Page, name: string) {
  const size = page.viewportSize()!;
  const height = await page.locator('main > div.overflow-auto').evaluate((el) => el.scrollHeight + el.getBoundingClientRect().top);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(height)) });
  await expect(page.locator('figure svg.recharts-surface').first()).toBeVisible();
  await page.screenshot({ path: `e2e/artifacts/${name}.png` });
  await page.setViewportSize(size);
}

const conversionNote = (page: Page) => page.getByRole('note', { name: 'Currency conversion' });

test('forecast: the converted figure first, the per-currency amounts behind a toggle, the rates used', async ({ page }) => {
  await page.goto('/reports/forecast');
  const openValue = page.getByText('Open value', { exact: true }).locator('..');
  // the converted figure, in dollars, leads the card
  await expect(openValue.locator('[data-converted="USD"]')).toHaveText(/^\$[\d.,]+[KM]?$/);
  // the per-currency amounts open from the keyboard
  const toggle = openValue.getByText('By currency');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(openValue.getByText(/^€[\d,]+\.\d\d$/)).toBeVisible();
  await expect(openValue.getByText(/^£[\d,]+\.\d\d$/)).toBeVisible();
  // which rates: EUR's two rates of the period, GBP's one
  await expect(conversionNote(page)).toContainText('Converted to USD at the rates in force today for open deals');
  await expect(conversionNote(page)).toContainText(/1 EUR = 1\.08 USD \(from \d{4}-\d{2}-\d{2}\)/);
  await expect(conversionNote(page)).toContainText(/1 EUR = 1\.12 USD/);
  await expect(conversionNote(page)).toContainText(/1 GBP = 1\.27 USD/);
  await expect(page.getByRole('table', { name: 'Forecast by month' }).getByRole('columnheader', { name: 'Open value (USD)' })).toBeVisible();
  await expectNoSeriousA11yViolations(page);
  await screenshot(page, 'report-currency-forecast');
});

test('the currency picker changes the figures and stays in the URL', async ({ page }) => {
  await page.goto('/reports/forecast');
  const figure = page.getByText('Open value', { exact: true }).locator('..').locator('[data-converted]');
  const inDollars = await figure.textContent();
  const filters = page.getByRole('form', { name: 'Report filters' });
  await filters.getByLabel('Currency').selectOption('EUR');
  await filters.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/currency=EUR/);
  await expect(figure).toHaveAttribute('data-converted', 'EUR');
  await expect(figure).toHaveText(/^€[\d.,]+[KM]?$/);
  expect(await figure.textContent()).not.toBe(inDollars);
  await expect(conversionNote(page)).toContainText('Converted to EUR');
  await expect(page.getByRole('table', { name: 'Forecast by month' }).getByRole('columnheader', { name: 'Open value (EUR)' })).toBeVisible();
  // the tabs carry the currency to the other money reports
  await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Movement' }).click();
  await expect(page).toHaveURL(/\/reports\/movement\?.*currency=EUR/);
  await expect(conversionNote(page)).toContainText('Converted to EUR at the rates in force on each move’s date');
});

test('movement: money without a rate is named apart, and the breakdown toggle shows the amounts per currency', async ({ page }) => {
  await page.goto('/reports/movement');
  // GBP moved before its first rate (30 days ago) in the last 90 days
  await expect(conversionNote(page)).toContainText(/Not converted, shown apart: (.*; )?no GBP rate before \d{4}-\d{2}-\d{2}/);
  await expect(page.getByText(/not converted$/).first()).toBeVisible();
  const matrix = page.getByRole('table', { name: 'Stage movement matrix' });
  await expect(matrix.getByText(/^€/).first()).toBeHidden();
  await page.getByRole('link', { name: 'Show amounts per currency' }).click();
  await expect(page).toHaveURL(/breakdown=1/);
  await expect(matrix.getByText(/^€/).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'Hide amounts per currency' })).toBeVisible();
  await screenshot(page, 'report-currency-movement');
});

test('snapshot: the columns converted at the board date’s rates', async ({ page }) => {
  await page.goto('/reports/snapshot');
  const table = page.getByRole('table', { name: 'Board columns then' });
  await expect(table.getByRole('columnheader', { name: 'Value (USD)' })).toBeVisible();
  await expect(table.locator('tfoot')).toContainText(/All stages.*\$/);
  await expect(conversionNote(page)).toContainText(/rates in force on \d+ \w+ \d{4}, the board’s date/);
  await expect(conversionNote(page)).toContainText(/1 EUR = 1\.12 USD/);
  await screenshot(page, 'report-currency-snapshot');
});

test('the CSV leads with the converted columns and names the rates used', async ({ page }) => {
  await page.goto('/reports/forecast?currency=EUR');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  const text = fs.readFileSync(await download.path(), 'utf8').replace(/^\uFEFF/, '');
  const lines = text.trim().split(/\r\n/);
  expect(lines[0]).toBe('month,Open value (EUR),Weighted (EUR),Won value (EUR),Unconverted,currency,open_deals,open_value,weighted_value,won_deals,won_value');
  expect(lines[1]).toMatch(/^\d{4}-\d{2},\d+\.\d\d,\d+\.\d\d,\d+\.\d\d,/);
  const rates = lines.indexOf('converted_to,rate_currency,rate,valid_from');
  expect(rates).toBeGreaterThan(0);
  expect(lines.slice(rates + 1)).toContainEqual(expect.stringMatching(/^EUR,EUR,1\.12,\d{4}-\d{2}-\d{2}$/));
});

test('on a phone the converted figures still read', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const slug of ['forecast', 'movement', 'snapshot']) {
    await page.goto(`/reports/${slug}`);
    await expect(conversionNote(page)).toBeVisible();
    await screenshot(page, `report-currency-${slug}-phone`);
  }
});
