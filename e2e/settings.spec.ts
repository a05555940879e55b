import { expect, test, type Locator, type Page } from '@playwright/test';
import { keyboardSensorListening } from './support/dnd';

// The Settings section as a manager uses it (the browser acts as Maya Manager): create a pipeline
// with stages, edit a stage (and be refused bad input), reorder stages by mouse drag, by keyboard and
// with the buttons (the board follows), delete a stage that holds a deal choosing where it goes, and
// add a product and a custom field. Only records this file creates are touched; the demo data is
// shared with the other specs. The tests run in order and share the pipeline the first one creates.

test.use({ viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: 'serial' });

const tag = Math.random().toString(36).slice(2, 7);
const pipelineName = `Settings E2E ${tag}`;
let pipelineUrl = '';

const stageRows = (page: Page) => page.getByTestId('stage-row');
const stageRow = (page: Page, name: string) => page.getByRole('listitem', { name: `Stage ${name}`, exact: true });
const stageOrder = (page: Page) => stageRows(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label')!.replace(/^Stage /, '')));
const liveRegion = (page: Page) => page.locator('[id^="DndLiveRegion"]');

/** Resolves when the next server action (a POST with a Next-Action header) has answered. */
function nextServerAction(page: Page) {
  return page.waitForResponse((response) => response.request().method() === 'POST' && Boolean(response.request().headers()['next-action']));
}

async function openPipelineSettings(page: Page) {
  await page.goto(pipelineUrl);
  await expect(page.getByLabel('Pipeline name')).toHaveValue(pipelineName);
  // interactive once hydrated: dnd-kit's live region exists only in the browser
  await expect(liveRegion(page)).toBeAttached();
}

/** A real mouse drag of a handle onto the upper part of another row (dnd-kit needs a few pixels to start). */
async function drag(page: Page, handle: Locator, target: Locator) {
  const from = (await handle.boundingBox())!;
  const to = (await target.boundingBox())!;
  const start = { x: from.x + from.width / 2, y: from.y + from.height / 2 };
  const end = { x: start.x, y: to.y + to.height * 0.3 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x, start.y - 8, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 20 });
  await page.mouse.move(end.x, end.y - 2, { steps: 2 });
  await page.mouse.up();
}

test('create a pipeline with three stages; an empty name is refused by the field and creates nothing', async ({ page }) => {
  await page.goto('/settings');
  await expect(page.getByRole('region', { name: 'Workspace' })).toContainText('You are signed in as Maya Manager');
  await page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Pipelines & stages' }).click();
  const form = page.getByRole('form', { name: 'New pipeline' });
  await expect(form).toBeVisible();

  await form.getByLabel('Stage 1 name').fill('Lead');
  await form.getByRole('button', { name: 'Create pipeline' }).click();
  const nameInput = form.getByLabel('Pipeline name');
  await expect(nameInput).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('name must not be empty')).toBeVisible();
  await expect(page).toHaveURL(/\/settings\/pipelines$/);

  await nameInput.fill(pipelineName);
  await expect(nameInput).not.toHaveAttribute('aria-invalid', 'true');
  await form.getByLabel('Stage 2 name').fill('Pitch');
  await form.getByLabel('Stage 3 name').fill('Close');
  await form.getByRole('button', { name: 'Create pipeline' }).click();
  await expect(page).toHaveURL(/\/settings\/pipelines\/pipe_\w+$/);
  pipelineUrl = new URL(page.url()).pathname;
  await openPipelineSettings(page);
  expect(await stageOrder(page)).toEqual(['Lead', 'Pitch', 'Close']);
  await page.screenshot({ path: 'e2e/artifacts/settings-pipeline.png', fullPage: true });

  // listed with its stages, once
  await page.goto('/settings/pipelines');
  await expect(page.getByRole('list', { name: 'Pipelines' }).getByRole('link').filter({ hasText: pipelineName })).toContainText('Lead → Pitch → Close');
});

test('rename a stage, set probability and rotting days: saved and still there after reload; bad input changes nothing', async ({ page }) => {
  await openPipelineSettings(page);
  const pitch = stageRow(page, 'Pitch');
  await pitch.getByLabel('Stage name').fill('Pitch call');
  await pitch.getByLabel('Probability (%)').fill('40');
  await pitch.getByLabel('Rotting (days)').fill('7');
  const saved = nextServerAction(page);
  await pitch.getByRole('button', { name: 'Save stage Pitch' }).click();
  expect((await saved).ok()).toBe(true);
  await expect(page.getByText('Stage “Pitch call” saved')).toBeVisible();

  await page.reload();
  const renamed = stageRow(page, 'Pitch call');
  await expect(renamed.getByLabel('Stage name')).toHaveValue('Pitch call');
  await expect(renamed.getByLabel('Probability (%)')).toHaveValue('40');
  await expect(renamed.getByLabel('Rotting (days)')).toHaveValue('7');

  // an empty name and a probability of 150: each refused next to its field
  await renamed.getByLabel('Stage name').fill('');
  await renamed.getByLabel('Probability (%)').fill('150');
  await renamed.getByRole('button', { name: 'Save stage Pitch call' }).click();
  await expect(renamed.getByLabel('Stage name')).toHaveAttribute('aria-invalid', 'true');
  await expect(renamed.getByText('name must not be empty')).toBeVisible();
  await expect(renamed.getByLabel('Probability (%)')).toHaveAttribute('aria-invalid', 'true');
  await expect(renamed.getByText('probability must be a whole number from 0 to 100')).toBeVisible();

  await page.reload();
  const after = stageRow(page, 'Pitch call');
  await expect(after.getByLabel('Stage name')).toHaveValue('Pitch call');
  await expect(after.getByLabel('Probability (%)')).toHaveValue('40');
  await expect(after.getByLabel('Rotting (days)')).toHaveValue('7');
});

test('reorder stages by mouse drag, by keyboard and with the buttons; the order persists and the board follows it', async ({ page }) => {
  await openPipelineSettings(page);
  expect(await stageOrder(page)).toEqual(['Lead', 'Pitch call', 'Close']);

  // mouse: drag Close's handle onto the first row
  let saved = nextServerAction(page);
  await drag(page, stageRow(page, 'Close').getByRole('button', { name: /^Reorder stage Close/ }), stageRow(page, 'Lead'));
  await expect.poll(() => stageOrder(page)).toEqual(['Close', 'Lead', 'Pitch call']);
  expect((await saved).ok()).toBe(true);
  await page.reload();
  await expect.poll(() => stageOrder(page)).toEqual(['Close', 'Lead', 'Pitch call']);

  // keyboard: pick Pitch call up with Space, one place up, drop with Space
  await openPipelineSettings(page);
  const handle = stageRow(page, 'Pitch call').getByRole('button', { name: /^Reorder stage Pitch call/ });
  await handle.focus();
  await page.keyboard.press('Space');
  await expect(liveRegion(page)).toHaveText('Picked up stage Pitch call, position 3 of 3.');
  await keyboardSensorListening(page);
  await page.keyboard.press('ArrowUp');
  await expect(liveRegion(page)).toHaveText('Stage Pitch call is over position 2 of 3.');
  saved = nextServerAction(page);
  await page.keyboard.press('Space');
  await expect.poll(() => stageOrder(page)).toEqual(['Close', 'Pitch call', 'Lead']);
  expect((await saved).ok()).toBe(true);
  await page.reload();
  await expect.poll(() => stageOrder(page)).toEqual(['Close', 'Pitch call', 'Lead']);

  // the buttons, for those who cannot drag
  saved = nextServerAction(page);
  await stageRow(page, 'Lead').getByRole('button', { name: 'Move Lead up' }).click();
  await expect.poll(() => stageOrder(page)).toEqual(['Close', 'Lead', 'Pitch call']);
  expect((await saved).ok()).toBe(true);
  await page.reload();
  await expect.poll(() => stageOrder(page)).toEqual(['Close', 'Lead', 'Pitch call']);

  await page.goto(pipelineUrl.replace('/settings/pipelines/', '/pipelines/'));
  await expect(page.getByRole('heading', { level: 1, name: pipelineName })).toBeVisible();
  await expect
    .poll(() => page.getByTestId('stage-column').evaluateAll((columns) => columns.map((c) => c.getAttribute('aria-label'))))
    .toEqual(['Close', 'Lead', 'Pitch call']);
});

test('deleting a stage that holds a deal asks where the deal goes, and the deal lands there', async ({ page }) => {
  const dealName = `Settings deal ${tag}`;
  // a deal in Pitch call, added on the pipeline's board
  await page.goto(pipelineUrl.replace('/settings/pipelines/', '/pipelines/'));
  const pitchColumn = page.getByRole('region', { name: 'Pitch call', exact: true });
  const quickAdd = pitchColumn.getByRole('form', { name: 'Add a deal to Pitch call' });
  // a click before the board hydrated does nothing: click until the form opens
  await expect(async () => {
    await pitchColumn.getByRole('button', { name: 'Add a deal to Pitch call' }).click();
    await expect(quickAdd).toBeVisible({ timeout: 1000 });
  }).toPass();
  await quickAdd.getByLabel('Deal name').fill(dealName);
  await quickAdd.getByLabel('Value (USD)').fill('2500');
  await quickAdd.getByRole('button', { name: 'Add deal' }).click();
  await expect(pitchColumn.getByRole('link', { name: dealName, exact: true })).toBeVisible();

  await openPipelineSettings(page);
  await expect(stageRow(page, 'Pitch call').getByTestId('stage-deal-count')).toHaveText('1 deal');
  await stageRow(page, 'Pitch call').getByRole('button', { name: 'Delete stage Pitch call' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete stage “Pitch call”?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('delete-stage-deal-count')).toHaveText('1 deal');
  const target = dialog.getByLabel('Move the deals to');
  // the other stages of the pipeline, and only those
  await expect(target.locator('option')).toHaveText(['Close', 'Lead']);
  await target.selectOption({ label: 'Close' });
  await page.screenshot({ path: 'e2e/artifacts/settings-delete-stage-dialog.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'e2e/artifacts/settings-delete-stage-dialog-phone.png' });
  await page.setViewportSize({ width: 1280, height: 800 });

  const deleted = nextServerAction(page);
  await dialog.getByRole('button', { name: 'Delete and move 1 deal' }).click();
  expect((await deleted).ok()).toBe(true);
  await expect(dialog).toBeHidden();
  await expect.poll(() => stageOrder(page)).toEqual(['Close', 'Lead']);
  await expect(stageRow(page, 'Close').getByTestId('stage-deal-count')).toHaveText('1 deal');

  await page.goto(pipelineUrl.replace('/settings/pipelines/', '/pipelines/'));
  await expect(page.getByRole('region', { name: 'Close', exact: true }).getByRole('link', { name: dealName, exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Pitch call', exact: true })).toHaveCount(0);

  // the move is in the deal's stage history, naming the deleted stage
  await page.getByRole('link', { name: dealName, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: dealName })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Stage history' }).getByTestId('history-row').filter({ hasText: 'Pitch call' }).first()).toBeVisible();
});

test('add a stage; a reorder the server refuses (the stage was deleted meanwhile) goes back, with a toast', async ({ page, context }) => {
  await openPipelineSettings(page);
  const add = page.getByRole('form', { name: 'Add a stage' });
  await add.getByLabel('New stage name').fill('Temp');
  await add.getByLabel('Rotting (days)').fill('30');
  await add.getByRole('button', { name: 'Add stage' }).click();
  await expect.poll(() => stageOrder(page)).toEqual(['Close', 'Lead', 'Temp']);
  await expect(stageRow(page, 'Temp').getByLabel('Rotting (days)')).toHaveValue('30');

  // another tab deletes Temp (it holds no deals: a plain confirmation)
  const other = await context.newPage();
  await openPipelineSettings(other);
  await stageRow(other, 'Temp').getByRole('button', { name: 'Delete stage Temp' }).click();
  const dialog = other.getByRole('dialog', { name: 'Delete stage “Temp”?' });
  await expect(dialog).toContainText('This stage holds no deals.');
  await dialog.getByRole('button', { name: 'Delete stage' }).click();
  await expect.poll(() => stageOrder(other)).toEqual(['Close', 'Lead']);
  await other.close();

  // this tab still shows Temp; moving it is refused, and the order comes back
  const refused = nextServerAction(page);
  await stageRow(page, 'Temp').getByRole('button', { name: 'Move Temp up' }).click();
  await refused;
  await expect(page.getByText('The new order was not saved: No stage with this ID exists.')).toBeVisible();
  await expect.poll(() => stageOrder(page)).toEqual(['Close', 'Lead', 'Temp']);
  await page.reload();
  await expect.poll(() => stageOrder(page)).toEqual(['Close', 'Lead']);
});

test('the pipelines settings page at phone width', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPipelineSettings(page);
  await page.screenshot({ path: 'e2e/artifacts/settings-pipeline-phone.png', fullPage: true });
  // nothing wider than the screen: the settings do not scroll sideways
  const content = page.getByTestId('settings-content');
  expect(await content.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});

test('create a product (a bad price is refused by the field) and see it listed', async ({ page }) => {
  const name = `E2E Widget ${tag}`;
  await page.goto('/settings/products');
  await page.getByRole('button', { name: 'New product' }).click();
  const form = page.getByRole('dialog', { name: 'New product' }).getByRole('form', { name: 'New product' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('SKU').fill(`E2E-${tag}`);
  await form.getByLabel('Unit price').fill('1.234');
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(form.getByLabel('Unit price')).toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByText('USD amounts have at most 2 decimals')).toBeVisible();

  await form.getByLabel('Unit price').fill('99.50');
  await form.getByLabel('Tax rate (%)').fill('7.5');
  await form.getByLabel('Unit', { exact: true }).fill('seat');
  await form.getByRole('button', { name: 'Add product' }).click();
  await expect(form).toBeHidden();
  const row = page.getByTestId('product-row').filter({ hasText: name });
  await expect(row).toContainText('$99.50');
  await expect(row).toContainText('7.5%');
  await expect(row).toContainText(`SKU E2E-${tag}`);
  await page.reload();
  await expect(page.getByTestId('product-row').filter({ hasText: name })).toHaveCount(1);
  await page.screenshot({ path: 'e2e/artifacts/settings-products.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: `Edit product ${name}` }).click();
  await expect(page.getByRole('dialog', { name: `Edit “${name}”` }).getByLabel('Unit price')).toHaveValue('99.50');
  await page.screenshot({ path: 'e2e/artifacts/settings-products-edit-phone.png' });
  await page
    .getByRole('dialog', { name: `Edit “${name}”` })
    .getByRole('button', { name: 'Cancel' })
    .click();

  // no line item uses it, so it can be deleted
  await page.getByRole('button', { name: `Delete product ${name}` }).click();
  await page
    .getByRole('dialog', { name: `Delete product “${name}”?` })
    .getByRole('button', { name: 'Delete product' })
    .click();
  await expect(page.getByTestId('product-row').filter({ hasText: name })).toHaveCount(0);
});

test('create a custom select field and see it listed', async ({ page }) => {
  const label = `E2E Term ${tag}`;
  await page.goto('/settings/custom-fields');
  await page.getByRole('button', { name: 'New field' }).click();
  const form = page.getByRole('form', { name: 'New custom field' });
  await form.getByLabel('Label', { exact: true }).fill(label);
  // the key follows the label until edited
  await expect(form.getByLabel('Key (used by the API)')).toHaveValue(`e2e_term_${tag}`);
  await form.getByLabel('Type').selectOption({ label: 'Choice from a list' });
  await form.getByRole('button', { name: 'Add field' }).click();
  await expect(form.getByText('options must not be empty')).toBeVisible();
  await form.getByLabel('Options, one per line').fill('Monthly\nYearly');
  await form.getByRole('button', { name: 'Add field' }).click();
  await expect(form).toBeHidden();
  const row = page.getByTestId('custom-field-row').filter({ hasText: label });
  await expect(row).toContainText(`e2e_term_${tag}`);
  await expect(row).toContainText('Monthly, Yearly');
  await page.reload();
  await expect(page.getByTestId('custom-field-row').filter({ hasText: label })).toHaveCount(1);
  await page.screenshot({ path: 'e2e/artifacts/settings-custom-fields.png' });

  // deleting warns that the deals' values go with it
  await page.getByRole('button', { name: `Delete field ${label}` }).click();
  const dialog = page.getByRole('dialog', { name: `Delete custom field “${label}”?` });
  await expect(dialog).toContainText('erases its value from every deal');
  await dialog.getByRole('button', { name: 'Delete field and its values' }).click();
  await expect(page.getByTestId('custom-field-row').filter({ hasText: label })).toHaveCount(0);
});

test('add a lost reason, see it listed, and delete it again', async ({ page }) => {
  const label = `E2E reason ${tag}`;
  await page.goto('/settings/lost-reasons');
  const form = page.getByRole('form', { name: 'Add a lost reason' });
  await form.getByRole('button', { name: 'Add reason' }).click();
  await expect(form.getByText('label must not be empty')).toBeVisible();
  await form.getByLabel('New lost reason').fill(label);
  await form.getByRole('button', { name: 'Add reason' }).click();
  const row = page.getByRole('listitem', { name: `Lost reason ${label}`, exact: true });
  await expect(row).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: 'e2e/artifacts/settings-lost-reasons-phone.png' });

  await row.getByRole('button', { name: `Delete lost reason ${label}` }).click();
  await page
    .getByRole('dialog', { name: `Delete lost reason “${label}”?` })
    .getByRole('button', { name: 'Delete reason' })
    .click();
  await expect(row).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('listitem', { name: `Lost reason ${label}`, exact: true })).toHaveCount(0);
});
