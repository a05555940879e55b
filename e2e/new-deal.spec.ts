import { expect, test, type Page } from '@playwright/test';

// The one "New deal" form, from every door: a board column (its quick-add, and "More fields…" with
// the stage chosen), the deals table, a company's page (prefilled with the company), and the N
// shortcut — with a required custom field, which every door must ask for. The field is added in
// Settings first, as a manager would, and deleted at the end (other specs quick-add without it).
// Runs against the demo workspace as Maya Manager; the tests run in order and share the field.
// Each test is one journey through several pages, on a shared machine: they get more time.
test.describe.configure({ timeout: 120_000 });

const tag = Date.now().toString(36);
const fieldLabel = `Segment ${tag}`;
const requiredMessage = `${fieldLabel} is required`;

async function openBoard(page: Page) {
  await page.goto('/pipelines');
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
}

test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/settings/custom-fields');
  await page.getByRole('button', { name: 'New field' }).click();
  const form = page.getByRole('form', { name: 'New custom field' });
  await form.getByLabel('Label', { exact: true }).fill(fieldLabel);
  await form.getByLabel('Type').selectOption({ label: 'Choice from a list' });
  await form.getByLabel('Options, one per line').fill('Enterprise\nMid-market');
  await form.getByText('Required: every deal must carry a value').click();
  await form.getByRole('button', { name: 'Add field' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('custom-field-row').filter({ hasText: fieldLabel })).toHaveCount(1);
  await page.close();
});

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await page.goto('/settings/custom-fields');
  await page.getByRole('button', { name: `Delete field ${fieldLabel}` }).click();
  await page
    .getByRole('dialog', { name: `Delete custom field “${fieldLabel}”?` })
    .getByRole('button', { name: 'Delete field and its values' })
    .click();
  await expect(page.getByTestId('custom-field-row').filter({ hasText: fieldLabel })).toHaveCount(0);
  await page.close();
});

test('a column’s quick-add asks for the required field; “More fields…” opens the form on that stage', async ({ page }, testInfo) => {
  await openBoard(page);
  const qualified = page.getByRole('region', { name: 'Qualified', exact: true });
  await qualified.getByRole('button', { name: 'Add a deal to Qualified' }).click();
  const quick = page.getByRole('form', { name: 'Add a deal to Qualified' });
  const quickName = `Quick ${tag}`;
  await quick.getByLabel('Deal name').fill(quickName);
  await quick.getByRole('button', { name: 'Add deal' }).click();
  // refused by the field, nothing created
  await expect(quick.getByText(requiredMessage)).toBeVisible();
  await expect(quick.getByLabel(fieldLabel)).toHaveAttribute('aria-invalid', 'true');
  await quick.getByLabel(fieldLabel).selectOption('Enterprise');
  await quick.getByRole('button', { name: 'Add deal' }).click();
  await expect(quick).toBeHidden();
  await expect(qualified.getByTestId('deal-card').first().getByRole('link')).toHaveText(quickName);

  // the + of another column, then the whole form: the stage and the typed name come along
  const contactMade = page.getByRole('region', { name: 'Contact Made', exact: true });
  await contactMade.getByRole('button', { name: 'Add a deal to Contact Made' }).click();
  const name = `Board form ${tag}`;
  await page.getByRole('form', { name: 'Add a deal to Contact Made' }).getByLabel('Deal name').fill(name);
  await page.getByRole('form', { name: 'Add a deal to Contact Made' }).getByRole('button', { name: 'More fields…' }).click();
  const form = page.getByRole('form', { name: 'New deal' });
  await expect(form.getByLabel('Name')).toHaveValue(name);
  await expect(form.getByLabel('Pipeline')).toHaveValue(/^pipe_/);
  await expect(form.getByLabel('Stage').locator('option:checked')).toHaveText('Contact Made');
  await expect(form.getByLabel('Owner').locator('option:checked')).toHaveText(/\(me\)$/);
  await expect(form.getByLabel('Currency')).toHaveValue('USD');

  // every problem at once, each by its field
  await form.getByLabel('Name').fill('');
  await form.getByLabel('Value').fill('a lot');
  await form.getByRole('button', { name: 'Create deal' }).click();
  await expect(form.getByText('Name must not be empty')).toBeVisible();
  await expect(form.getByText(/Enter an amount such as 12500/)).toBeVisible();
  await expect(form.getByText(requiredMessage)).toBeVisible();
  for (const label of ['Name', 'Value', fieldLabel]) await expect(form.getByLabel(label)).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('new-deal-errors-1440.png') });

  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Value').fill('48,000');
  await form.getByLabel('Currency').selectOption('CHF');
  await form.getByLabel(fieldLabel).selectOption('Mid-market');
  await form.getByRole('button', { name: 'Create deal' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText(`“${name}” created`)).toBeVisible();
  // the board shows it in the chosen column, and the toast opens it
  await expect(contactMade.getByTestId('deal-card').filter({ hasText: name })).toBeVisible();
  await page.getByRole('button', { name: 'Open deal' }).click();
  await expect(page).toHaveURL(/\/deals\/deal_\w+$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByTestId('field-value')).toContainText('48,000');
  await expect(page.getByTestId(`field-custom_fields.${fieldLabel.toLowerCase().replace(' ', '_')}`)).toContainText('Mid-market');
});

test('the deals table: the N shortcut opens the form, and the new deal is listed', async ({ page }, testInfo) => {
  await page.goto('/deals');
  const button = page.getByRole('button', { name: 'New deal' });
  await expect(button).toHaveAttribute('title', 'New deal (N)');
  await expect(button).toHaveAttribute('aria-keyshortcuts', 'N');

  // N typed in a text field is a letter, not the shortcut (the shortcut's listener exists once the page is interactive)
  await expect(page.getByRole('search', { name: 'Filter deals' })).toHaveAttribute('aria-busy', 'false');
  const search = page.getByRole('searchbox').first();
  await search.press('n');
  await expect(search).toHaveValue('n');
  await expect(page.getByRole('form', { name: 'New deal' })).toHaveCount(0);
  await page.goto('/deals');

  const form = page.getByRole('form', { name: 'New deal' });
  // the shortcut works once the page has hydrated
  await expect(async () => {
    await page.keyboard.press('n');
    await expect(form).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await expect(form.getByLabel('Name')).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('new-deal-table-1440.png') });
  const name = `Table deal ${tag}`;
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Expected close').fill('2027-03-31');
  await form.getByLabel(fieldLabel).selectOption('Enterprise');
  await form.getByRole('button', { name: 'Create deal' }).click();
  await expect(form).toBeHidden();
  await expect(page.getByText(`“${name}” created`)).toBeVisible();
  // newest first: the table shows it without a reload
  await expect(page.getByTestId('deal-row').filter({ hasText: name })).toBeVisible();

  // on a phone
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: 'New deal' }).click();
  await expect(form).toBeVisible();
  await form.getByRole('button', { name: 'Create deal' }).click();
  await expect(form.getByText(requiredMessage)).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('new-deal-phone-390.png') });
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(form).toBeHidden();
  await page.screenshot({ path: testInfo.outputPath('deals-table-phone-390.png') });
});

test('a company’s page: the form starts with the company, a contact is created inline, the deal is listed there', async ({ page }, testInfo) => {
  await page.goto('/companies');
  const companyHref = await page.locator('a[href^="/companies/comp_"]').first().getAttribute('href');
  await page.goto(companyHref!);
  const companyName = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  const deals = page.getByRole('region', { name: 'Deals' });
  const before = Number((await deals.getByRole('heading', { level: 2 }).textContent())!.match(/\((\d+)\)/)![1]);

  await deals.getByRole('button', { name: 'New deal' }).click();
  const form = page.getByRole('form', { name: 'New deal' });
  await expect(form.getByTestId('new-deal-company')).toContainText(companyName);

  // a contact who is not in the workspace yet, created from the picker
  const contactName = `Inline Person${tag}`;
  await form.getByRole('combobox', { name: 'Contact' }).fill(contactName);
  await form.getByRole('option', { name: `Create contact “${contactName}”` }).click();
  await expect(form.getByTestId('new-deal-contact')).toContainText(contactName);

  const name = `Company deal ${tag}`;
  await form.getByLabel('Name').fill(name);
  await form.getByLabel(fieldLabel).selectOption('Enterprise');
  await page.screenshot({ path: testInfo.outputPath('new-deal-company-1440.png') });
  await form.getByRole('button', { name: 'Create deal' }).click();
  await expect(form).toBeHidden();
  await expect(deals.getByRole('heading', { level: 2 })).toHaveText(`Deals (${before + 1})`);
  await expect(deals.getByRole('link', { name, exact: true }).first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('company-page-1440.png') });

  // N on this page does what its button does: the company again
  await page.getByRole('heading', { level: 1 }).click();
  await page.keyboard.press('n');
  await expect(form.getByTestId('new-deal-company')).toContainText(companyName);
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('company-page-390.png'), fullPage: true });
});
