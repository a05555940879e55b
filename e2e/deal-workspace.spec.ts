import { expect, test, type Locator, type Page } from '@playwright/test';

// The deal workspace (/deals/:id) as a rep uses it on the demo workspace: every field edited in
// place and saved, line items with live totals, activities, tasks, linked contacts, won/lost and
// stage moves with their history — each checked again after a reload, i.e. in the database.

// Each test takes its own open deal of the Sales pipeline (the tests share one database).
const used = new Set<string>();

interface DealRow {
  href: string;
  name: string;
}

async function openDeal(page: Page, fits: (page: Page) => Promise<boolean> = async () => true): Promise<DealRow> {
  await page.goto('/deals');
  // the table streams in behind a skeleton: read it once its rows (with their links) are there
  await page.getByRole('table', { name: 'Deals' }).locator('tbody tr a').first().waitFor();
  const rows = await page
    .getByRole('table', { name: 'Deals' })
    .locator('tbody tr')
    .evaluateAll((trs) =>
      trs.map((tr) => {
        const cells = [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '');
        const link = tr.querySelector('a');
        return { href: link?.getAttribute('href') ?? '', name: link?.textContent?.trim() ?? '', stage: cells[2] ?? '', status: cells[3] ?? '' };
      }),
    );
  for (const row of rows) {
    if (used.has(row.href) || row.status !== 'open' || !row.stage.startsWith('Sales ·')) continue;
    await page.goto(row.href);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    if (!(await fits(page))) continue;
    used.add(row.href);
    return { href: row.href, name: row.name };
  }
  throw new Error('No open Sales deal fits this test');
}

const withoutLineItems = async (page: Page) => (await page.getByTestId('line-item').count()) === 0;

function field(page: Page, name: string): Locator {
  return page.getByTestId(`field-${name}`);
}

function history(page: Page): Locator {
  return page.getByRole('region', { name: 'Stage history' }).getByTestId('history-row');
}

test('edit the name and the value inline; a bad value is refused by the field and nothing is saved', async ({ page }) => {
  const deal = await openDeal(page, withoutLineItems);
  const newName = `${deal.name} (renewal)`;

  await page.getByRole('button', { name: 'Edit name' }).click();
  await page.getByRole('textbox', { name: 'Deal name' }).fill(newName);
  await page.getByRole('textbox', { name: 'Deal name' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(newName);
  await expect(page.getByRole('status').filter({ hasText: 'Saved' }).first()).toBeVisible();

  await page.getByRole('button', { name: 'Edit value' }).click();
  await field(page, 'value').getByRole('textbox').fill('12,345.67');
  await field(page, 'value').getByRole('button', { name: 'Save value' }).click();
  await expect(field(page, 'value')).toContainText('12,345.67');
  await expect(field(page, 'value').getByRole('status')).toHaveText('Saved');
  await expect(page.getByTestId('deal-value')).toContainText('12,345.67');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(newName);
  await expect(page.getByTestId('deal-value')).toContainText('12,345.67');

  // a bad amount: the message shows under the field, the editor stays open, nothing is written
  await page.getByRole('button', { name: 'Edit value' }).click();
  const input = field(page, 'value').getByRole('textbox');
  await input.fill('12.3.4 dollars');
  await input.press('Enter');
  await expect(field(page, 'value').getByRole('alert')).toContainText('Enter an amount such as');
  await expect(input).toHaveAttribute('aria-invalid', 'true');
  await input.fill('99.999');
  await input.press('Enter');
  await expect(field(page, 'value').getByRole('alert')).toContainText('at most 2 decimals');
  await page.reload();
  await expect(page.getByTestId('deal-value')).toContainText('12,345.67');
});

test('line items: a catalog product and a free item with a percent discount and tax; live totals equal the saved ones and the value follows', async ({
  page,
}) => {
  await openDeal(page, withoutLineItems);
  const products = page.getByRole('region', { name: 'Products' });
  await expect(products.getByText('No products on this deal')).toBeVisible();
  await products.getByRole('combobox', { name: 'Tax type' }).selectOption('exclusive');

  // from the catalog: Growth plan, $780.00 per seat, 7.5 % sales tax
  await products.getByRole('combobox', { name: 'Add product from catalog' }).fill('growth');
  await products.getByRole('option', { name: /Growth plan \(annual\)/ }).click();
  const lines = products.getByTestId('line-item');
  await expect(lines).toHaveCount(1);
  await expect(lines.nth(0).getByLabel('Item name')).toHaveValue('Growth plan (annual)');
  await expect(lines.nth(0).getByLabel('Unit price')).toHaveValue('780.00');
  await expect(lines.nth(0).getByLabel('Tax rate')).toHaveValue('7.5');
  await lines.nth(0).getByLabel('Quantity').fill('3');
  // 3 × 780.00 = 2,340.00 + 7.5 % = 2,515.50
  await expect(lines.nth(0).getByTestId('line-total')).toContainText('2,515.50');

  // a free item: 2 × 1,250.00, 10 % off, 20 % tax = 2,250.00 + 450.00 = 2,700.00
  await products.getByRole('button', { name: 'Custom item' }).click();
  await expect(lines).toHaveCount(2);
  const free = lines.nth(1);
  await free.getByLabel('Item name').fill('Onsite workshop');
  await free.getByLabel('Quantity').fill('2');
  await free.getByLabel('Unit price').fill('1,250.00');
  await expect(free.getByTestId('line-total')).toContainText('2,500.00');
  await free.getByLabel('Discount', { exact: true }).fill('10');
  await free.getByLabel('Tax rate').fill('20');
  await expect(free.getByTestId('line-total')).toContainText('2,700.00');
  await expect(free.getByTestId('line-breakdown')).toContainText('Subtotal');
  await expect(free.getByTestId('line-breakdown')).toContainText('2,500.00');
  await expect(free.getByTestId('line-breakdown')).toContainText('250.00');
  await expect(free.getByTestId('line-breakdown')).toContainText('450.00');

  // the deal's totals while typing, before anything is saved
  await expect(products.getByTestId('total-total')).toContainText('5,215.50');
  const live = {
    subtotal: await products.getByTestId('total-subtotal').textContent(),
    discount: await products.getByTestId('total-discount').textContent(),
    tax: await products.getByTestId('total-tax').textContent(),
    total: await products.getByTestId('total-total').textContent(),
  };
  expect(live.subtotal).toContain('4,840.00');
  expect(live.discount).toContain('250.00');
  expect(live.tax).toContain('625.50');
  await expect(products.getByText('Unsaved changes')).toBeVisible();

  await products.getByRole('button', { name: 'Save products' }).click();
  await expect(products.getByText('Unsaved changes')).toBeHidden();
  await expect(page.getByTestId('deal-value')).toHaveText(live.total!);

  // what the server saved and computed, after a reload
  await page.reload();
  await expect(lines).toHaveCount(2);
  await expect(products.getByTestId('total-subtotal')).toHaveText(live.subtotal!);
  await expect(products.getByTestId('total-discount')).toHaveText(live.discount!);
  await expect(products.getByTestId('total-tax')).toHaveText(live.tax!);
  await expect(products.getByTestId('total-total')).toHaveText(live.total!);
  await expect(page.getByTestId('deal-value')).toHaveText(live.total!);
  await expect(lines.nth(1).getByLabel('Item name')).toHaveValue('Onsite workshop');
  await expect(lines.nth(1).getByLabel('Discount', { exact: true })).toHaveValue('10');
  // the value is the products' total now: read-only, with the reason
  await expect(page.getByRole('button', { name: 'Edit value' })).toHaveCount(0);
  await expect(field(page, 'value')).toContainText('Set by the products’ total');
});

test('log an activity and see it in the list', async ({ page }) => {
  await openDeal(page);
  const activities = page.getByRole('region', { name: 'Activities' });
  await activities.getByRole('form', { name: 'Log an activity' }).getByText('Meeting', { exact: true }).click();
  await activities.getByRole('textbox', { name: 'Subject' }).fill('Pricing workshop with the buying committee');
  await activities.getByRole('textbox', { name: 'Details' }).fill('They want a 3-year term.\nSend the draft by Friday.');
  await activities.getByRole('button', { name: 'Log meeting' }).click();
  // newest first by when it happened — planned activities later than now stay above it
  const first = activities.getByTestId('activity').filter({ hasText: 'Pricing workshop with the buying committee' });
  await expect(first).toHaveCount(1);
  await expect(first).toContainText('They want a 3-year term.');
  await expect(first).toContainText('Meeting');
  await expect(first).toContainText('Maya Manager');
  await expect(activities.getByRole('textbox', { name: 'Subject' })).toHaveValue('');

  // an empty subject is refused by the field
  await activities.getByRole('button', { name: 'Log meeting' }).click();
  await expect(activities.getByRole('alert')).toContainText('Enter a subject');

  await page.reload();
  await expect(
    page.getByRole('region', { name: 'Activities' }).getByTestId('activity').filter({ hasText: 'Pricing workshop with the buying committee' }),
  ).toHaveCount(1);
});

test('add a task, see an overdue one stand out, complete a task and reopen it', async ({ page }) => {
  await openDeal(page);
  const tasks = page.getByRole('region', { name: 'Tasks' });
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

  await tasks.getByRole('textbox', { name: 'Task title' }).fill('Chase the signed order form');
  await tasks.getByLabel('Due').fill(local(new Date(Date.now() - 2 * 86_400_000)));
  await tasks.getByLabel('Priority').selectOption('high');
  await tasks.getByRole('button', { name: 'Add task' }).click();
  const overdue = tasks.getByTestId('task').filter({ hasText: 'Chase the signed order form' });
  await expect(overdue).toBeVisible();
  await expect(overdue).toHaveAttribute('data-overdue', 'true');
  await expect(overdue.getByTestId('overdue-label')).toHaveText('Overdue');

  await tasks.getByRole('textbox', { name: 'Task title' }).fill('Send the revised proposal');
  await tasks.getByLabel('Due').fill(local(new Date(Date.now() + 86_400_000)));
  await tasks.getByRole('button', { name: 'Add task' }).click();
  const task = tasks.getByTestId('task').filter({ hasText: 'Send the revised proposal' });
  await expect(task).toHaveAttribute('data-status', 'pending');
  await expect(task).not.toHaveAttribute('data-overdue', 'true');

  // the next open task is the overdue one (or an even older one), shown at the top in red
  await expect(page.getByTestId('next-task')).toHaveAttribute('data-overdue', 'true');

  await tasks.getByRole('checkbox', { name: 'Complete Send the revised proposal' }).click();
  await expect(task).toHaveAttribute('data-status', 'completed');
  await page.reload();
  const reloaded = page.getByRole('region', { name: 'Tasks' });
  const done = reloaded.getByTestId('task').filter({ hasText: 'Send the revised proposal' });
  await expect(done).toHaveAttribute('data-status', 'completed');
  await reloaded.getByText(/^Completed \(\d+\)$/).click();
  await reloaded.getByRole('checkbox', { name: 'Reopen Send the revised proposal' }).click();
  await expect(reloaded.getByTestId('task').filter({ hasText: 'Send the revised proposal' })).toHaveAttribute('data-status', 'pending');
});

test('link a contact to the deal and unlink it', async ({ page }) => {
  await openDeal(page);
  const people = page.getByRole('region', { name: 'People and companies' });
  const linked = people.getByTestId('linked-contact');
  const before = await linked.count();
  await people.getByRole('combobox', { name: 'Link a contact' }).click();
  const option = people.getByRole('option').first();
  await expect(option).toBeVisible();
  const name = (await option.locator('span').first().textContent())!.trim();
  await option.click();
  await expect(linked).toHaveCount(before + 1);
  // saved once the name turns into a link (while the save is in flight it shows greyed, as plain text)
  await expect(linked.getByRole('link', { name })).toBeVisible();

  await page.reload();
  await expect(linked.filter({ hasText: name })).toBeVisible();
  // the unlink leaves the list at once; the reload waits for the server's answer to it
  const unlinked = page.waitForResponse((response) => response.request().method() === 'POST' && response.request().headers()['next-action'] !== undefined);
  await people.getByRole('button', { name: `Unlink ${name}` }).click();
  await expect(linked.filter({ hasText: name })).toHaveCount(0);
  await unlinked;
  await page.reload();
  await expect(linked).toHaveCount(before);
  await expect(linked.filter({ hasText: name })).toHaveCount(0);
});

test('mark a deal lost with a reason from the list', async ({ page }) => {
  await openDeal(page);
  await page.getByRole('button', { name: 'Lost', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /as lost/ });
  await expect(dialog).toBeVisible();
  // a reason is required
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Choose why the deal was lost');
  await dialog.getByRole('combobox', { name: 'Lost reason' }).selectOption('Chose a competitor');
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('deal-status').first()).toHaveText('lost');
  await expect(page.getByTestId('lost-reason')).toHaveText('Chose a competitor');
  await expect(history(page).last()).toContainText('→ Lost');

  await page.reload();
  await expect(page.getByTestId('deal-status').first()).toHaveText('lost');
  await expect(page.getByTestId('lost-reason')).toHaveText('Chose a competitor');
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
});

test('the stage picker moves the deal and the stage history shows the move', async ({ page }) => {
  await openDeal(page);
  const stageField = field(page, 'stage');
  const current = (await stageField.getByTestId('stage-name').textContent())!.trim();
  const target = current === 'Demo Scheduled' ? 'Proposal Sent' : 'Demo Scheduled';
  const rowsBefore = await history(page).count();
  await expect(history(page).first()).toContainText('Created in');

  await page.getByRole('button', { name: 'Edit stage' }).click();
  await stageField.getByRole('combobox').selectOption({ label: target });
  await stageField.getByRole('button', { name: 'Save stage' }).click();
  await expect(history(page)).toHaveCount(rowsBefore + 1);
  const move = history(page).last();
  await expect(move).toContainText(`${current} → ${target}`);
  await expect(move).toContainText('Maya Manager');
  await expect(move).toContainText('in the app');
  await expect(move).toContainText('so far');
  await expect(page.getByRole('list', { name: 'Pipeline stages' }).getByRole('button', { name: `${target} (current stage)` })).toBeVisible();

  await page.reload();
  await expect(history(page)).toHaveCount(rowsBefore + 1);
  await expect(history(page).last()).toContainText(`${current} → ${target}`);
  await expect(page.getByRole('region', { name: 'Stage history' }).getByTestId('stage-bar-segment').last()).toHaveAttribute(
    'title',
    new RegExp(`^${target}: .*\\(current\\)`),
  );
});

test('a change made elsewhere since the page opened is not overwritten: the field says so and offers a reload', async ({ page, context }) => {
  const deal = await openDeal(page, withoutLineItems);
  const other = await context.newPage();
  await other.goto(deal.href);
  await other.getByRole('button', { name: 'Edit name' }).click();
  await other.getByRole('textbox', { name: 'Deal name' }).fill(`${deal.name} – changed elsewhere`);
  await other.getByRole('textbox', { name: 'Deal name' }).press('Enter');
  await expect(other.getByRole('heading', { level: 1 })).toHaveText(`${deal.name} – changed elsewhere`);
  await other.close();

  await page.getByRole('button', { name: 'Edit source' }).click();
  await field(page, 'source').getByRole('combobox').fill('trade show');
  await field(page, 'source').getByRole('combobox').press('Enter');
  await expect(field(page, 'source').getByRole('alert')).toContainText('changed since you opened it');
  const banner = page
    .getByRole('alert')
    .filter({ hasText: 'reload' })
    .filter({ has: page.getByRole('button', { name: 'Reload' }) });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: 'Reload' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${deal.name} – changed elsewhere`);
  await expect(banner).toBeHidden();
  // now the same edit goes through
  await field(page, 'source').getByRole('button', { name: 'Save source' }).click();
  await expect(field(page, 'source')).toContainText('trade show');
});

test('delete a deal after confirming, then land on its pipeline board; its page is gone', async ({ page }) => {
  const deal = await openDeal(page);
  await page.getByRole('button', { name: 'Delete deal' }).click();
  const dialog = page.getByRole('dialog', { name: /Delete/ });
  await expect(dialog).toContainText('Its stage history is kept for reports');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Delete deal' }).click();
  await dialog.getByRole('button', { name: 'Delete deal' }).click();
  await expect(page).toHaveURL(/\/pipelines\/pipe_/);
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  const response = await page.goto(deal.href);
  expect(response?.status()).toBe(404);
});

test('the deal page scrolls inside the app, never the window: the sidebar stays put under the wheel', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openDeal(page);
  // a page taller than the window: its own area scrolls, the document stays one window high
  const workspace = page.getByTestId('deal-workspace');
  expect(await workspace.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(900);
  const nav = page.getByRole('navigation', { name: 'Main' });
  const navBox = (await nav.boundingBox())!;
  await page.mouse.move(navBox.x + navBox.width / 2, 600);
  await page.mouse.wheel(0, 2000);
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBe(0);
  expect((await nav.boundingBox())!.y).toBe(navBox.y);
  // and the wheel over the deal scrolls the deal
  const box = (await workspace.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 600);
  await expect.poll(() => workspace.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('screenshots of a busy deal at 1280 px and on a phone', async ({ page }) => {
  // it opens deal after deal until one is busy enough, several page loads on a loaded machine
  test.slow();
  await page.setViewportSize({ width: 1280, height: 900 });
  // a busy demo deal: products, activities and a few stage moves
  await openDeal(
    page,
    async (p) => (await p.getByTestId('line-item').count()) > 0 && (await p.getByTestId('activity').count()) > 1 && (await history(p).count()) >= 3,
  );
  await expect(page.getByRole('region', { name: 'Stage history' })).toBeVisible();
  const fullHeight = async () => page.getByTestId('deal-workspace').evaluate((el) => el.scrollHeight + el.getBoundingClientRect().top);
  await page.setViewportSize({ width: 1280, height: Math.ceil(await fullHeight()) });
  await page.screenshot({ path: 'e2e/artifacts/deal-workspace.png', fullPage: true });

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // nothing wider than the phone
  const overflow = await page.getByTestId('deal-workspace').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.setViewportSize({ width: 390, height: Math.ceil(await fullHeight()) });
  await page.screenshot({ path: 'e2e/artifacts/deal-workspace-phone.png', fullPage: true });
});
