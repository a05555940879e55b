import { expect, test, type Page } from '@playwright/test';

// /contacts and /companies as a rep uses them on the demo workspace: create a company and a contact
// (with field errors for bad input), find them by search, edit the company inline, link a deal to
// both and see it on their pages, click through to the deal. Every record here is the test's own
// (a random suffix); the deal lives in the Partnerships pipeline, away from the Sales deals other
// specs pick. Screenshots go to e2e/artifacts/company-page*.png and contact-page*.png.

test.use({ viewport: { width: 1280, height: 900 } });

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
const companyName = `Orbit Freight ${suffix}`;
const firstName = `Ezra${suffix}`;
const contactName = `${firstName} Quill`;
const dealName = `Orbit partnership ${suffix}`;

/** The whole page, not just the first screen: the content scrolls inside the app shell, so the viewport grows to fit it. */
async function screenshot(page: Page, name: string) {
  const size = page.viewportSize()!;
  const height = await page.locator('main > div.overflow-auto').evaluate((el) => el.scrollHeight + el.getBoundingClientRect().top);
  await page.setViewportSize({ width: size.width, height: Math.max(size.height, Math.ceil(height)) });
  await page.screenshot({ path: `e2e/artifacts/${name}.png` });
  await page.setViewportSize(size);
}

async function createDealInPartnerships(page: Page, name: string) {
  await page.goto('/pipelines');
  await page.getByRole('navigation', { name: 'Pipelines' }).getByRole('link', { name: 'Partnerships' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Partnerships' })).toBeVisible();
  const intro = page.getByRole('region', { name: 'Intro', exact: true });
  await expect(page.getByTestId('deal-card').first()).toHaveAttribute('aria-roledescription', 'draggable deal');
  // dnd-kit's attributes are in the server's HTML too: data-board-ready says the board has hydrated
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
  await intro.getByRole('button', { name: 'Add a deal to Intro' }).click();
  const form = page.getByRole('form', { name: 'Add a deal to Intro' });
  await form.getByLabel('Deal name').fill(name);
  await form.getByLabel('Value (USD)').fill('12,500');
  await form.getByRole('button', { name: 'Add deal' }).click();
  const card = intro.getByRole('link', { name, exact: true });
  await expect(card).toBeVisible();
  await card.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
}

test('create, search, edit inline, link a deal, and see it on the company and contact pages', async ({ page }, testInfo) => {
  test.setTimeout(120_000); // one journey through six pages, on a shared machine
  // a new company: an empty name is refused next to the field, then it is created
  await page.goto('/companies');
  await page.getByRole('button', { name: 'New company' }).click();
  const companyForm = page.getByRole('form', { name: 'New company' });
  await companyForm.getByLabel('Domain').fill('not a domain');
  await companyForm.getByRole('button', { name: 'Create company' }).click();
  await expect(companyForm.getByText('Name must not be empty')).toBeVisible();
  await expect(companyForm.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
  await expect(companyForm.getByText(/Must be a domain such as acme\.com/)).toBeVisible();
  await companyForm.getByLabel('Name').fill(companyName);
  await companyForm.getByLabel('Domain').fill(`orbit-${suffix}.example`);
  await companyForm.getByRole('button', { name: 'Create company' }).click();
  await expect(page).toHaveURL(/\/companies\/comp_\w+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(companyName);
  const companyUrl = page.url();

  // a new contact: a bad email shows its message next to the email field, nothing is created
  await page.goto('/contacts');
  await page.getByRole('button', { name: 'New contact' }).click();
  const contactForm = page.getByRole('form', { name: 'New contact' });
  await contactForm.getByLabel('First name').fill(firstName);
  await contactForm.getByLabel('Last name').fill('Quill');
  await contactForm.getByLabel('Email').fill('ezra-at-orbit');
  await contactForm.getByRole('button', { name: 'Create contact' }).click();
  await expect(contactForm.getByRole('alert')).toHaveText('Must be an email address such as ada@example.com');
  await expect(contactForm.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
  await page.screenshot({ path: testInfo.outputPath('new-contact-errors.png') });
  await expect(page).toHaveURL(/\/contacts$/);
  await contactForm.getByLabel('Email').fill(`ezra@orbit-${suffix}.example`);
  await contactForm.getByRole('combobox', { name: 'Company' }).fill(companyName);
  await contactForm.getByRole('option', { name: new RegExp(companyName) }).click();
  await contactForm.getByRole('button', { name: 'Create contact' }).click();
  await expect(page).toHaveURL(/\/contacts\/cont_\w+$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(contactName);
  await expect(page.getByTestId('field-company_id').getByRole('link', { name: companyName })).toBeVisible();
  const contactUrl = page.url();

  // search finds each, case-insensitively, with the search in the URL
  await page.goto('/contacts');
  await page.getByRole('searchbox', { name: 'Search contacts' }).fill(firstName.toUpperCase());
  await page.getByRole('searchbox', { name: 'Search contacts' }).press('Enter');
  await expect(page).toHaveURL(new RegExp(`q=${firstName.toUpperCase()}`));
  await expect(page.getByTestId('table-count')).toHaveText('1–1 of 1 contacts');
  await expect(page.getByRole('table', { name: 'Contacts' }).getByRole('link', { name: contactName })).toBeVisible();
  await page.goto('/companies');
  await page.getByRole('searchbox', { name: 'Search companies' }).fill(`ORBIT-${suffix}.example`);
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByTestId('table-count')).toHaveText('1–1 of 1 companies');
  const companyRow = page.getByRole('table', { name: 'Companies' }).locator('tbody tr');
  await expect(companyRow).toHaveCount(1);
  await expect(companyRow.getByRole('cell').nth(2)).toHaveText('1'); // its contact

  // the company page: edit the domain inline (a bad one is refused under the field), and it stays after a reload
  await companyRow.getByRole('link', { name: companyName }).click();
  await expect(page).toHaveURL(companyUrl);
  await expect(page.getByRole('list', { name: 'Contacts of this company' }).getByRole('link', { name: contactName })).toBeVisible();
  const domain = page.getByTestId('field-domain');
  await domain.getByRole('button', { name: 'Edit domain' }).click();
  await domain.getByRole('textbox').fill('orbit at example');
  await domain.getByRole('textbox').press('Enter');
  await expect(domain.getByRole('alert')).toContainText('Must be a domain such as acme.com');
  await domain.getByRole('textbox').fill(`https://www.New-Orbit-${suffix}.example/about`);
  await domain.getByRole('textbox').press('Enter');
  await expect(domain.getByRole('link', { name: `new-orbit-${suffix}.example` })).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('field-domain')).toContainText(`new-orbit-${suffix}.example`);
  await expect(page.getByRole('region', { name: 'Deals' }).getByText('No deals yet')).toBeVisible();

  // link a new deal to both from the deal's page
  await createDealInPartnerships(page, dealName);
  const people = page.getByRole('region', { name: 'People and companies' });
  await people.getByRole('combobox', { name: 'Link a company' }).fill(companyName);
  await people.getByRole('option', { name: new RegExp(companyName) }).click();
  // saved once the name turns into a link (while the save is in flight it shows greyed, as plain text)
  await expect(people.getByTestId('linked-company').getByRole('link', { name: companyName })).toBeVisible();
  await people.getByRole('combobox', { name: 'Link a contact' }).fill(firstName);
  await people.getByRole('option', { name: new RegExp(contactName) }).click();
  await expect(people.getByTestId('linked-contact').getByRole('link', { name: contactName })).toBeVisible();
  const dealUrl = page.url();
  await page.reload();
  await expect(people.getByTestId('linked-contact').filter({ hasText: contactName })).toBeVisible();

  // the company page lists the deal with its stage, status, value and open total
  await page.goto(companyUrl);
  const deals = page.getByRole('region', { name: 'Deals' });
  await expect(deals.getByRole('heading', { name: 'Deals (1)' })).toBeVisible();
  const row = deals.getByTestId('related-deal');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(dealName);
  await expect(row).toContainText('Intro');
  await expect(row).toContainText('Partnerships');
  await expect(row).toContainText('open');
  await expect(row).toContainText('$12,500.00');
  await expect(deals.getByTestId('open-totals')).toContainText('$12,500.00 (1 deal)');
  await screenshot(page, 'company-page');

  // …and so does the contact page, whose deal link opens the deal
  await page.goto(contactUrl);
  const contactDeals = page.getByRole('region', { name: 'Deals' });
  await expect(contactDeals.getByTestId('related-deal')).toHaveCount(1);
  await expect(contactDeals.getByTestId('open-totals')).toContainText('$12,500.00 (1 deal)');
  await screenshot(page, 'contact-page');
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(contactDeals.getByRole('link', { name: dealName })).toBeVisible();
  await screenshot(page, 'contact-page-phone');
  await page.goto(companyUrl);
  await expect(page.getByRole('region', { name: 'Deals' }).getByTestId('related-deal')).toHaveCount(1);
  await screenshot(page, 'company-page-phone');
  await page.goto(contactUrl);
  await page.getByRole('region', { name: 'Deals' }).getByRole('link', { name: dealName }).click();
  await expect(page).toHaveURL(dealUrl);
  await expect(page.getByRole('heading', { level: 1, name: dealName })).toBeVisible();
});

test('the lists sort and page in the URL, and a deleted company is gone', async ({ page }, testInfo) => {
  await page.goto('/contacts');
  const count = page.getByTestId('table-count');
  await expect(count).toHaveText(/^1–50 of \d+ contacts$/);
  await page.getByRole('link', { name: 'Next' }).click();
  await expect(page).toHaveURL(/page=2/);
  await expect(count).toHaveText(/^51–\d+ of \d+ contacts$/);
  // most deals first: the first row's count is the largest on the page
  await page.getByRole('columnheader', { name: 'Deals' }).getByRole('link').click();
  await expect(page).toHaveURL(/sort=-deals/);
  await expect(page).not.toHaveURL(/page=/);
  const dealCounts = async () => (await page.getByRole('table', { name: 'Contacts' }).locator('tbody tr td:last-child').allTextContents()).map(Number);
  await expect(page.getByRole('columnheader', { name: 'Deals' })).toHaveAttribute('aria-sort', 'descending');
  const counts = await dealCounts();
  expect(counts.length).toBe(50);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  await page.screenshot({ path: testInfo.outputPath('contacts-list.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/companies?q=orbit');
  await expect(page.getByRole('table', { name: 'Companies' })).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('companies-list-phone.png') });
  await page.setViewportSize({ width: 1280, height: 900 });

  // delete a company of our own, after confirming
  const doomed = `Doomed Ltd ${suffix}`;
  await page.goto('/companies');
  await page.getByRole('button', { name: 'New company' }).click();
  await page.getByRole('form', { name: 'New company' }).getByLabel('Name').fill(doomed);
  await page.getByRole('form', { name: 'New company' }).getByRole('button', { name: 'Create company' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(doomed);
  const url = page.url();
  await page.getByRole('button', { name: 'Delete company' }).click();
  const dialog = page.getByRole('dialog', { name: `Delete “${doomed}”?` });
  await dialog.getByRole('button', { name: 'Delete company' }).click();
  await expect(page).toHaveURL(/\/companies$/);
  const answer = await page.goto(url);
  expect(answer?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
});
