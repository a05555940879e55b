import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

// The Reports section on the demo workspace (about six months of stage history): each report
// opens with a chart and its table, a filter changes the URL and the numbers, and the CSV
// download holds the report's table. Screenshots go to e2e/artifacts/report-*.png.

test.use({ viewport: { width: 1280, height: 900 } });

const REPORTS = [
  { slug: 'movement', title: 'Movement', table: 'Stage movement matrix', csvHeader: 'from,to,direction,moves,Value (USD),Unconverted,currency,value' },
  { slug: 'funnel', title: 'Funnel', table: 'Conversion by stage', csvHeader: 'owner,stage,entered,reached_next,conversion_rate_pct,won,win_rate_pct,lost' },
  { slug: 'time-in-stage', title: 'Time in stage', table: 'Time in stage', csvHeader: 'stage,deals,stays,median_days,p75_days,mean_days' },
  { slug: 'snapshot', title: 'Pipeline as of a date', table: 'Board columns then', csvHeader: 'as_of,stage,deals,Value (USD),Unconverted,currency,value' },
  {
    slug: 'forecast',
    title: 'Forecast',
    table: 'Forecast by month',
    csvHeader: 'month,Open value (USD),Weighted (USD),Won value (USD),Unconverted,currency,open_deals,open_value,weighted_value,won_deals,won_value',
  },
] as const;

async function expectChart(page: Page) {
  // recharts draws into an SVG once the browser measured the figure: bars, not an empty frame
  const chart = page.locator('figure svg.recharts-surface').first();
  await expect(chart).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('figure .recharts-bar-rectangle').first()).toBeVisible();
}

/** The whole report, not just the first screen: the report scrolls inside the app shell, so the viewport grows to fit it. */
async function screenshot(page: Page, name: string) {
  const size = page.viewportSize()!;
  const height = await page.locator('main > div.overflow-auto').evaluate((el) => el.scrollHeight + el.getBoundingClientRect().top);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(height)) });
  await page.waitForTimeout(300); // charts re-measure
  await page.screenshot({ path: `e2e/artifacts/${name}.png` });
  await page.setViewportSize(size);
}

async function downloadCsv(page: Page): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), text: fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '') };
}

test('the Reports section lists the reports and opens each from the sidebar', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/\/reports$/);
  for (const report of REPORTS) await expect(page.getByRole('link', { name: new RegExp(report.title) }).first()).toBeVisible();
  await page
    .getByRole('main')
    .getByRole('link', { name: /^Movement/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { level: 2, name: 'Movement' })).toBeVisible();
});

for (const report of REPORTS) {
  test(`${report.title}: chart, table, a filter in the URL, CSV download`, async ({ page }) => {
    await page.goto(`/reports/${report.slug}`);
    await expect(page.getByRole('heading', { level: 2, name: report.title })).toBeVisible();
    await expect(page.getByText(/Sales · all owners/)).toBeVisible();
    await expectChart(page);
    const table = page.getByRole('table', { name: report.table });
    await expect(table).toBeVisible();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(0);

    // change a filter: one owner's deals (and, for the snapshot, an earlier date)
    const filters = page.getByRole('form', { name: 'Report filters' });
    await filters.getByLabel('Owner').selectOption({ label: 'Riley Rep' });
    if (report.slug === 'snapshot') {
      const earlier = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 10);
      await filters.getByLabel('Board as of').fill(earlier);
    }
    await filters.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/owner=user_/);
    await expect(page.getByText(/Sales · Riley Rep’s deals/)).toBeVisible();
    if (report.slug === 'snapshot') await expect(page).toHaveURL(/as_of=\d{4}-\d{2}-\d{2}/);
    await expectChart(page);

    const csv = await downloadCsv(page);
    expect(csv.name).toMatch(new RegExp(`^dealboard-${report.slug}-sales-.*\\.csv$`));
    const lines = csv.text.trim().split(/\r\n/);
    expect(lines[0]).toContain(report.csvHeader);
    expect(lines.length).toBeGreaterThan(1);

    await screenshot(page, `report-${report.slug}`);
  });
}

test('the movement matrix and forecast read on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const slug of ['movement', 'funnel', 'forecast']) {
    await page.goto(`/reports/${slug}`);
    await expectChart(page);
    await screenshot(page, `report-${slug}-phone`);
  }
});
