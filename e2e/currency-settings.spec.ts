import { expect, test, type APIRequestContext, type Locator, type Page } from '@playwright/test';
import { expectNoSeriousA11yViolations } from './support/axe';
import { storageStatePath } from './support/auth';

// One currency on the board and in the deals table: an admin sets the home currency and enters
// exchange rates in Settings (a bad rate is refused by its field); a pipeline this file creates,
// with deals in USD, EUR, GBP and CHF (no CHF rate), then shows its column and header totals
// converted into USD, the per-currency breakdown on hover and keyboard focus, and a "no rate"
// marker; moving a card updates the converted totals; /deals shows and sorts by the converted
// value. The rates and the home currency are put back afterwards for the other specs.

test.describe.configure({ mode: 'serial', timeout: 90_000 });
test.use({ viewport: { width: 1440, height: 900 } });

const TAG = `Fx${Date.now().toString(36)}`;
// the rates this spec adds start today, so they are the ones in force on the board (the demo has its own, older ones)
const RATE_DAY = new Date().toISOString().slice(0, 10);
const SHOTS = `${process.env.PLAYWRIGHT_OUTPUT_DIR ?? 'test-results'}/shots`;

let apiKey = '';
let pipelineId = '';
let stageIds: string[] = [];

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const cardNamed = (scope: Locator, name: string) => scope.getByTestId('deal-card').filter({ has: scope.page().getByRole('link', { name, exact: true }) });

async function shoot(page: Page, name: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

async function api(request: APIRequestContext, method: 'POST' | 'DELETE', path: string, data?: unknown) {
  const answer = await request.fetch(`/api/v1${path}`, { method, headers: { 'X-Api-Key': apiKey }, data });
  expect(answer.ok(), `${method} ${path}: ${await answer.text()}`).toBe(true);
  return answer.status() === 204 ? null : ((await answer.json()) as { data: Record<string, unknown> }).data;
}

async function openBoard(page: Page) {
  await page.goto(`/pipelines/${pipelineId}`);
  await expect(page.getByRole('heading', { level: 1, name: `${TAG} pipeline` })).toBeVisible();
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/account');
  const keyName = `Currencies ${TAG}`;
  await page.getByLabel("New key's name").fill(keyName);
  await page.getByRole('button', { name: 'Create key' }).click();
  apiKey = await page.getByRole('status', { name: 'New API key' }).getByLabel(`The key ${keyName}`).inputValue();
  const request = page.context().request;
  const pipeline = await api(request, 'POST', '/pipelines', {
    name: `${TAG} pipeline`,
    stages: [
      { name: 'Discovery', probability: 50 },
      { name: 'Proposal', probability: 20 },
    ],
  });
  pipelineId = pipeline!.id as string;
  stageIds = (pipeline!.stages as { id: string }[]).map((s) => s.id);
  const deal = (name: string, stage: number, value: number, currency: string) =>
    api(request, 'POST', '/deals', { name: `${TAG} ${name}`, pipeline_id: pipelineId, stage_id: stageIds[stage], value, currency });
  await deal('Dollar', 0, 100_000, 'USD'); // $1,000.00
  await deal('Euro', 0, 100_000, 'EUR'); // €1,000.00 = $1,082.50
  await deal('Pound', 1, 100_000, 'GBP'); // £1,000.00 = $1,270.00
  await deal('Franc', 1, 50_000, 'CHF'); // no CHF rate
  await page.close();
});

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  for (const currency of ['EUR', 'GBP']) {
    await page.context().request.fetch(`/api/v1/exchange-rates/${currency}/${RATE_DAY}`, { method: 'DELETE', headers: { 'X-Api-Key': apiKey } });
  }
  await page.close();
});

test.describe('as an admin', () => {
  test.use({ storageState: storageStatePath('admin') });

  test('sets the home currency and adds rates in Settings; a bad rate is refused by its field', async ({ page }) => {
    await page.goto('/settings');
    const home = page.getByRole('combobox', { name: 'Home currency' });
    await expect(home).toHaveValue('USD');
    await expectNoSeriousA11yViolations(page, '/settings');
    await home.selectOption('GBP');
    await expect(page.getByText('Saving shows every figure in GBP, converted with the rates entered for GBP')).toBeVisible();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('The home currency is now GBP')).toBeVisible();
    await expect(page.getByText('Figures convert with the rates entered for GBP.')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('combobox', { name: 'Home currency' })).toHaveValue('GBP');
    await page.getByRole('combobox', { name: 'Home currency' }).selectOption('USD');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByText('The home currency is now USD')).toBeVisible();
    await shoot(page, 'settings-workspace');

    await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Currencies' }).click();
    await expect(page.getByRole('heading', { name: 'Exchange rates into USD' })).toBeVisible();
    await expect(page.getByTestId('rounding-rule')).toContainText('rounded half up');
    const form = page.getByRole('form', { name: 'Add a rate' });
    await form.getByLabel('Currency').fill('EUR');
    await form.getByLabel('Rate (USD for 1 unit)').fill('abc');
    await form.getByLabel('Valid from').fill(`${RATE_DAY}`);
    await form.getByRole('button', { name: 'Add rate' }).click();
    await expect(form.getByLabel('Rate (USD for 1 unit)')).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('Rate must be a positive decimal number such as "1.0825"')).toBeVisible();
    // the refused rate was not saved (the workspace may hold other rates already)
    await expect(page.getByTestId('exchange-rate-row').filter({ hasText: `${RATE_DAY}` })).toHaveCount(0);
    const ratesBefore = await page.getByTestId('exchange-rate-row').count();

    await form.getByLabel('Rate (USD for 1 unit)').fill('1.0825');
    await form.getByRole('button', { name: 'Add rate' }).click();
    await expect(page.getByTestId('exchange-rate-row').filter({ hasText: '1 EUR = 1.0825 USD' })).toContainText(`${RATE_DAY}`);
    await form.getByLabel('Currency').fill('GBP');
    await form.getByLabel('Rate (USD for 1 unit)').fill('1.27');
    await form.getByLabel('Valid from').fill(`${RATE_DAY}`);
    await form.getByRole('button', { name: 'Add rate' }).click();
    await expect(page.getByTestId('exchange-rate-row')).toHaveCount(ratesBefore + 2);
    await expect(
      page
        .getByTestId('exchange-rate-row')
        .filter({ hasText: '1 GBP = 1.27 USD' })
        .filter({ hasText: `${RATE_DAY}` }),
    ).toBeVisible();
    // the page itself, without the confirmation toasts
    await page.reload();
    await expect(page.getByTestId('exchange-rate-row')).toHaveCount(ratesBefore + 2);
    await expectNoSeriousA11yViolations(page, '/settings/currencies');
    await shoot(page, 'settings-currencies');
  });
});

test('the board shows converted column and header totals, the breakdown on hover and focus, and the deals without a rate', async ({ page }) => {
  await openBoard(page);
  const discovery = column(page, 'Discovery');
  const proposal = column(page, 'Proposal');
  // $1,000.00 + $1,082.50; £1,000.00 = $1,270.00 (the franc deal is not in it)
  await expect(discovery.getByTestId('stage-total')).toHaveText('$2,083');
  await expect(discovery.getByTestId('stage-weighted')).toHaveText('$1,041');
  await expect(proposal.getByTestId('stage-total')).toHaveText('$1,270');
  await expect(proposal.getByTestId('stage-unconverted')).toHaveText('+ 1 deal in CHF: no CHF rate');
  await expect(discovery.getByTestId('stage-unconverted')).toHaveCount(0);
  await expect(page.getByTestId('board-total')).toHaveText('$3,353');
  await expect(page.getByTestId('board-unconverted')).toHaveText('+ 1 deal in CHF: no CHF rate');

  // the breakdown: on hover…
  const breakdown = discovery.getByTestId('stage-total-breakdown');
  await expect(breakdown).toBeHidden();
  await discovery.getByTestId('stage-total').hover();
  await expect(breakdown).toBeVisible();
  await expect(breakdown).toContainText('Discovery total: $2,082.50');
  await expect(breakdown).toContainText('1 in EUR: €1,000.00');
  await expect(breakdown).toContainText(`1 EUR = 1.0825 USD (from ${RATE_DAY})`);
  await shoot(page, 'board-breakdown');
  await page.mouse.move(0, 0);
  await expect(breakdown).toBeHidden();
  // …and on keyboard focus
  await page.getByTestId('board-total').focus();
  const header = page.getByTestId('board-total-breakdown');
  await expect(header).toBeVisible();
  await expect(header).toContainText('Board total: $3,352.50');
  await expect(header).toContainText('+ 1 deal in CHF: no CHF rate');
  await page.keyboard.press('Tab');
  await expect(header).toBeHidden();
});

test('moving a card updates the converted totals', async ({ page }) => {
  await openBoard(page);
  const discovery = column(page, 'Discovery');
  const proposal = column(page, 'Proposal');
  await cardNamed(discovery, `${TAG} Euro`).getByRole('button', { name: 'Move to stage…' }).click();
  await page
    .getByRole('menu')
    .getByRole('menuitem', { name: /Proposal/ })
    .click();
  await expect(cardNamed(proposal, `${TAG} Euro`)).toBeVisible();
  await expect(discovery.getByTestId('stage-total')).toHaveText('$1,000');
  // $1,270.00 + $1,082.50
  await expect(proposal.getByTestId('stage-total')).toHaveText('$2,353');
  await expect(page.getByTestId('board-total')).toHaveText('$3,353');
  // what the browser worked out is what the server reads
  await openBoard(page);
  await expect(column(page, 'Proposal').getByTestId('stage-total')).toHaveText('$2,353');
  await expect(column(page, 'Discovery').getByTestId('stage-total')).toHaveText('$1,000');
});

test('the deals table shows the value in USD and sorts by it', async ({ page }) => {
  await page.goto(`/deals?q=${TAG}&status=all`);
  await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'false');
  await page.getByRole('link', { name: 'Value in USD', exact: true }).click();
  await expect(page).toHaveURL(/[?&]sort=value/);
  await expect(page.getByRole('columnheader', { name: 'Value in USD', exact: true })).toHaveAttribute('aria-sort', 'descending');
  const rows = page.getByTestId('deal-row');
  await expect(rows.locator('td:nth-child(2) a')).toHaveText([`${TAG} Pound`, `${TAG} Euro`, `${TAG} Dollar`, `${TAG} Franc`]);
  await expect(rows.getByTestId('deal-converted-value')).toHaveText(['$1,270.00', '$1,082.50', '$1,000.00', '—Not converted: no CHF rate']);
  await expect(rows.last().getByTitle('Not converted: no CHF rate')).toBeVisible();
  await page.getByRole('link', { name: 'Value in USD', exact: true }).click();
  await expect(page).toHaveURL(/[?&]dir=asc/);
  // ascending too, the deal without a rate comes last
  await expect(rows.locator('td:nth-child(2) a')).toHaveText([`${TAG} Dollar`, `${TAG} Euro`, `${TAG} Pound`, `${TAG} Franc`]);
  await shoot(page, 'deals-converted');
});
