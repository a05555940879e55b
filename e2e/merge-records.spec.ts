import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

// Clean records, as a manager on the demo workspace: typing the email of an existing contact or
// the domain of an existing company into the "New" dialogs warns with a link to it (creating stays
// possible); merging one company into another keeps every deal of both on the survivor's page, and
// the merged company's old address opens the survivor. Every record here is the test's own (a
// random suffix), its deals in the Partnerships pipeline. Screenshots at 1440 and 390 px go to
// the test's output directory.

const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;

async function createApiKey(page: Page): Promise<string> {
  await page.goto('/account');
  const name = `Merge records ${suffix}`;
  await page.getByLabel("New key's name").fill(name);
  await page.getByRole('button', { name: 'Create key' }).click();
  return page.getByRole('status', { name: 'New API key' }).getByLabel(`The key ${name}`).inputValue();
}

/** REST writes with the test's own key: the records the UI then finds. */
function api(request: APIRequestContext, key: string) {
  const post = async (path: string, data: unknown) => {
    const answer = await request.post(`/api/v1${path}`, { headers: { 'X-Api-Key': key }, data });
    expect(answer.status(), await answer.text()).toBe(201);
    return (await answer.json()).data as { id: string };
  };
  return {
    post,
    async firstStage() {
      const answer = await request.get('/api/v1/pipelines', { headers: { 'X-Api-Key': key } });
      const pipelines = (await answer.json()).data as { id: string; name: string; stages: { id: string }[] }[];
      const partnerships = pipelines.find((p) => p.name === 'Partnerships') ?? pipelines[0]!;
      return { pipeline_id: partnerships.id, stage_id: partnerships.stages[0]!.id };
    },
  };
}

async function shoot(page: Page, name: string, testInfo: { outputPath: (name: string) => string }) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`) });
}

test('typing an existing email or domain warns with a link to the existing record', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000); // two dialogs at two widths, on a shared machine
  const rest = api(request, await createApiKey(page));
  const email = `ezra.${suffix}@orbit.example`;
  const existing = await rest.post('/contacts', { first_name: 'Ezra', last_name: `Quill${suffix}`, email });
  const domain = `orbit-${suffix}.example`;
  const company = await rest.post('/companies', { name: `Orbit Freight ${suffix}`, domain });

  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('/contacts');
    await page.getByRole('button', { name: 'New contact' }).click();
    const form = page.getByRole('form', { name: 'New contact' });
    await form.getByLabel('First name').fill('Ezra');
    // another case, as people type it
    await form.getByLabel('Email').fill(email.toUpperCase());
    const warning = form.getByRole('status');
    await expect(warning).toContainText('Another contact has this email');
    await expect(warning.getByRole('link', { name: `Ezra Quill${suffix}` })).toHaveAttribute('href', `/contacts/${existing.id}`);
    await shoot(page, `duplicate-contact-warning-${width}`, testInfo);
    await form.getByRole('button', { name: 'Cancel' }).click();

    await page.goto('/companies');
    await page.getByRole('button', { name: 'New company' }).click();
    const companyForm = page.getByRole('form', { name: 'New company' });
    await companyForm.getByLabel('Name').fill('Orbit');
    await companyForm.getByLabel('Domain').fill(`https://www.${domain.toUpperCase()}/about`);
    const companyWarning = companyForm.getByRole('status');
    await expect(companyWarning).toContainText('Another company has this domain');
    await expect(companyWarning.getByRole('link', { name: `Orbit Freight ${suffix}` })).toHaveAttribute('href', `/companies/${company.id}`);
    await shoot(page, `duplicate-company-warning-${width}`, testInfo);
    await companyForm.getByRole('button', { name: 'Cancel' }).click();
  }

  // a warning, not a block: the duplicate can still be created, and its page names the other
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/contacts');
  await page.getByRole('button', { name: 'New contact' }).click();
  const form = page.getByRole('form', { name: 'New contact' });
  await form.getByLabel('First name').fill('Ezra');
  await form.getByLabel('Email').fill(email);
  await expect(form.getByRole('status')).toContainText('Another contact has this email');
  await form.getByRole('button', { name: 'Create contact' }).click();
  await expect(page).toHaveURL(/\/contacts\/cont_\w+$/);
  await expect(page.getByRole('status').filter({ hasText: 'Another contact has this email' })).toBeVisible();
});

test('merging a company into another keeps every deal of both on the survivor', async ({ page, request }, testInfo) => {
  test.setTimeout(120_000);
  const rest = api(request, await createApiKey(page));
  const stage = await rest.firstStage();
  const survivor = await rest.post('/companies', { name: `Nimbus Labs ${suffix}` });
  const merged = await rest.post('/companies', { name: `Nimbus Laboratories ${suffix}`, domain: `nimbus-${suffix}.example` });
  const dealNames = [`Nimbus kept A ${suffix}`, `Nimbus kept B ${suffix}`, `Nimbus moved A ${suffix}`, `Nimbus moved B ${suffix}`];
  for (const [index, name] of dealNames.entries()) {
    await rest.post('/deals', { name, ...stage, company_id: index < 2 ? survivor.id : merged.id });
  }
  await rest.post('/contacts', { first_name: 'Nia', last_name: `Moved${suffix}`, company_id: merged.id });

  await page.goto(`/companies/${merged.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Nimbus Laboratories ${suffix}`);
  await page.getByRole('button', { name: 'Merge into…' }).click();
  const dialog = page.getByRole('form', { name: 'Merge company' });
  await dialog.getByRole('combobox', { name: 'Company to keep' }).fill(`Nimbus Labs ${suffix}`);
  await dialog.getByRole('option', { name: new RegExp(`Nimbus Labs ${suffix}`) }).click();
  await expect(dialog).toContainText('2 deals, 0 activities and 0 tasks on them, 1 contact');
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await shoot(page, `merge-company-dialog-${width}`, testInfo);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
  await dialog.getByRole('button', { name: 'Merge companies' }).click();

  // the survivor's page lists every deal, the moved contact, and the merged company's details
  await expect(page).toHaveURL(new RegExp(`/companies/${survivor.id}$`));
  const deals = page.getByRole('table', { name: 'Deals of this company' });
  for (const name of dealNames) await expect(deals.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Deals' })).toContainText('Deals (4)');
  await expect(page.getByRole('list', { name: 'Contacts of this company' })).toContainText(`Nia Moved${suffix}`);
  await expect(page.getByRole('region', { name: 'Merged records' })).toContainText(`nimbus-${suffix}.example`);
  // the survivor had no domain: it took the merged company's
  await expect(page.getByRole('region', { name: 'Company details' })).toContainText(`nimbus-${suffix}.example`);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await shoot(page, `merged-company-page-${width}`, testInfo);
  }

  // the merged company's old address opens the survivor
  await page.goto(`/companies/${merged.id}`);
  await expect(page).toHaveURL(new RegExp(`/companies/${survivor.id}$`));
});
