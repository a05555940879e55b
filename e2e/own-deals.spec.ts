import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { keyboardSensorListening } from './support/dnd';
import { contextAs, type DemoUser } from './support/auth';

// "Reps edit only their own deals" (Settings → Security), as the people concerned see it: the admin
// turns it on; a rep whose board was open before that drags the other rep's deal and is refused,
// the card going back; once the board is reloaded the other rep's cards are locked while their own
// still move; the other rep's deal page is view-only but takes tasks. The admin turns the setting
// off again at the end (afterAll, also when a step fails): the other spec files share this
// workspace and run after this one (one worker), as the manager mostly, whom it never restricts.

// serial: the first test turns the setting on for the ones after it
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
test.use({ viewport: DESKTOP });

/** The outcome columns: the default board (open deals) shows no cards there, and a drop there closes the deal. */
const OUTCOME_COLUMNS = ['Won', 'Lost'];
const REFUSED = /Reps can change only the deals they own/;

/** Who the reps are (their names as the app shows them) and the deals the tests pick, set as they go. */
const people = { rep: '', other: '' };
const picked = { otherDealHref: '' };
let settingOn = false;

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const cardWithId = (scope: Page | Locator, dealId: string) => scope.locator(`[data-testid="deal-card"][data-deal-id="${dealId}"]`);
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Resolves when the next server action (a POST with a Next-Action header) has answered. */
function nextServerAction(page: Page) {
  return page.waitForResponse((response) => response.request().method() === 'POST' && Boolean(response.request().headers()['next-action']));
}

async function nameOf(browser: Browser, user: DemoUser): Promise<string> {
  const context = await contextAs(browser, user);
  const page = await context.newPage();
  await page.goto('/account');
  const name = (await page.getByTestId('signed-in-user').textContent())!.trim();
  await context.close();
  return name;
}

async function openBoard(page: Page): Promise<void> {
  await page.goto('/pipelines');
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  await expect(page.getByTestId('deal-card').first()).toBeVisible();
  // hydrated: drags, keys and menus work from here on
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
}

/** The admin's Settings → Security: tick or untick the setting, save, and see it confirmed. */
async function setOwnDealsOnly(page: Page, on: boolean): Promise<void> {
  await page.goto('/settings/security');
  const form = page.getByRole('form', { name: 'Deal access settings' });
  const checkbox = form.getByRole('checkbox', { name: 'Reps edit only their own deals' });
  const save = form.getByRole('button', { name: 'Save' });
  await expect(save).toBeDisabled();
  await checkbox.setChecked(on);
  await expect(save).toBeEnabled();
  // from the click on, the setting may be saved: afterAll turns it off again if a step fails
  if (on) settingOn = true;
  await save.click();
  await expect(page.getByText(on ? 'Reps now edit only their own deals' : 'Reps can now edit every deal')).toBeVisible();
  settingOn = on;
  await page.reload();
  await expect(checkbox).toBeChecked({ checked: on });
}

async function asAdmin(browser: Browser, work: (page: Page) => Promise<void>): Promise<void> {
  const context = await contextAs(browser, 'admin');
  try {
    await work(await context.newPage());
  } finally {
    await context.close();
  }
}

interface PickedCard {
  id: string;
  name: string;
  href: string;
  column: string;
  /** the column to its right (an open stage) */
  next: string;
}

/** The first card on the board owned by `owner` whose column has an open stage to its right. */
async function cardOwnedBy(page: Page, owner: string): Promise<PickedCard> {
  const columns = await page.getByTestId('stage-column').evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label') ?? ''));
  for (let i = 0; i + 1 < columns.length; i += 1) {
    const [here, next] = [columns[i]!, columns[i + 1]!];
    if (OUTCOME_COLUMNS.includes(here) || OUTCOME_COLUMNS.includes(next)) continue;
    const cards = await column(page, here)
      .getByTestId('deal-card')
      .filter({ has: page.locator(`[title="Owner: ${owner}"]`) })
      .evaluateAll((articles) =>
        articles.map((a) => ({
          id: a.getAttribute('data-deal-id') ?? '',
          name: a.querySelector('a')?.textContent?.trim() ?? '',
          href: a.querySelector('a')?.getAttribute('href') ?? '',
        })),
      );
    const card = cards.find((c) => c.id && c.name && c.href);
    if (card) return { ...card, column: here, next };
  }
  throw new Error(`No card of ${owner} on the board has an open stage to its right`);
}

test.beforeAll(async ({ browser }) => {
  people.rep = await nameOf(browser, 'rep');
  people.other = await nameOf(browser, 'sam');
});

test.afterAll(async ({ browser }) => {
  // other spec files share this workspace: never leave the setting on
  if (settingOn) await asAdmin(browser, (page) => setOwnDealsOnly(page, false));
});

test('a board opened before the setting was turned on: dragging the other rep’s deal is refused and the card goes back', async ({ browser }) => {
  const rep = await contextAs(browser, 'rep');
  const page = await rep.newPage();
  await openBoard(page);
  // before: the other rep's cards are draggable for everyone
  const other = await cardOwnedBy(page, people.other);
  const card = cardWithId(page, other.id);
  await expect(card).toHaveAttribute('aria-roledescription', 'draggable deal');
  await expect(card).not.toHaveAttribute('data-locked', 'true');

  // meanwhile the admin turns the setting on (their own browser)
  await asAdmin(browser, (adminPage) => setOwnDealsOnly(adminPage, true));

  // the rep's board still shows the card as draggable: drag it one stage right with the keyboard
  const liveRegion = page.locator('[id^="DndLiveRegion"]');
  await card.scrollIntoViewIfNeeded();
  await card.focus();
  await page.keyboard.press('Space');
  await expect(liveRegion).toContainText(`Picked up deal ${other.name} in stage ${other.column}`);
  await keyboardSensorListening(page);
  await page.keyboard.press('ArrowRight');
  await expect(liveRegion).toContainText(`is over stage ${other.next}`);
  await expect(cardWithId(column(page, other.next), other.id)).toBeVisible();
  const refused = nextServerAction(page);
  await page.keyboard.press('Space');
  await refused;

  // the server refuses, the rep is told why, and the card is back where it was
  await expect(page.getByText(REFUSED)).toBeVisible();
  await expect(page.getByText(`“${other.name}” was put back where it was.`)).toBeVisible();
  await expect(cardWithId(column(page, other.column), other.id)).toBeVisible();
  await expect(cardWithId(column(page, other.next), other.id)).toHaveCount(0);

  // and that is where the deal really is: after a reload, now locked
  await page.reload();
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
  await expect(cardWithId(column(page, other.column), other.id)).toHaveAttribute('data-locked', 'true');
  await page.goto(other.href);
  await expect(page.getByRole('heading', { level: 1, name: other.name })).toBeVisible();
  await expect(page.getByTestId('field-stage').getByTestId('stage-name')).toHaveText(other.column);
  await rep.close();
  picked.otherDealHref = other.href;
});

test('with the setting on, a rep’s board locks the other rep’s cards; their own still move and stay moved', async ({ browser }) => {
  const rep = await contextAs(browser, 'rep');
  const page = await rep.newPage();
  await openBoard(page);

  // someone else's card: a lock that says whose it is, no Move menu, not draggable
  const other = await cardOwnedBy(page, people.other);
  const locked = cardWithId(page, other.id);
  const reason = `${people.other}’s deal: only they or a manager can change it`;
  await expect(locked).toHaveAttribute('data-locked', 'true');
  await expect(locked).toHaveAttribute('aria-roledescription', 'deal');
  await expect(locked.locator(`[title="${reason}"]`)).toHaveCount(1);
  await expect(locked).toContainText(reason);
  await expect(locked.getByRole('button', { name: 'Move to stage…' })).toHaveCount(0);

  // its deal opens beside the board in view-only mode, like the full page (only the drag is off:
  // the card is not marked disabled, so its link stays an ordinary link)
  await expect(locked).not.toHaveAttribute('aria-disabled', /.*/);
  await locked.getByRole('link', { name: other.name, exact: true }).click();
  const panel = page.getByTestId('deal-side-panel');
  await expect(panel.getByRole('heading', { level: 1, name: other.name })).toBeVisible();
  await expect(panel.getByTestId('deal-view-only')).toContainText(`${people.other} owns this deal`);
  await expect(panel.getByRole('button', { name: 'Edit name' })).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // their own card: draggable, with its menu; moved to the next stage it stays there
  const own = await cardOwnedBy(page, people.rep);
  const mine = cardWithId(page, own.id);
  await expect(mine).toHaveAttribute('aria-roledescription', 'draggable deal');
  await expect(mine).not.toHaveAttribute('data-locked', 'true');
  const moved = nextServerAction(page);
  await mine.getByRole('button', { name: 'Move to stage…' }).click();
  await page
    .getByRole('menu', { name: `Move “${own.name}”` })
    .getByRole('menuitem', { name: new RegExp(`^${escapeRegExp(own.next)}`) })
    .click();
  expect((await moved).ok()).toBe(true);
  await expect(cardWithId(column(page, own.next), own.id)).toBeVisible();
  await expect(page.getByText(REFUSED)).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
  await expect(cardWithId(column(page, own.next), own.id)).toBeVisible();
  await expect(cardWithId(column(page, own.column), own.id)).toHaveCount(0);

  // their own deal's page is editable, except handing it to someone else
  await page.goto(own.href);
  await expect(page.getByRole('heading', { level: 1, name: own.name })).toBeVisible();
  await expect(page.getByTestId('deal-view-only')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Edit name' })).toBeVisible();
  await expect(page.getByTestId('field-stage').getByTestId('stage-name')).toHaveText(own.next);
  const owner = page.getByTestId('field-owner_id');
  await expect(owner).toContainText('Only managers and admins hand deals to someone else.');
  await expect(owner.getByRole('button', { name: 'Edit owner' })).toHaveCount(0);
  await rep.close();
});

test('the other rep’s deal page is view-only for a rep, tasks still work; a manager edits it as before', async ({ browser, page }, testInfo) => {
  expect(picked.otherDealHref).not.toBe('');
  // the manager (this file's default user) is never restricted: they put a product on the deal
  await page.goto(picked.otherDealHref);
  await expect(page.getByRole('button', { name: 'Edit name' })).toBeVisible();
  await expect(page.getByTestId('deal-view-only')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Won', exact: true }).or(page.getByRole('button', { name: 'Reopen', exact: true }))).toBeVisible();
  const managerProducts = page.getByRole('region', { name: 'Products' });
  const linesBefore = await managerProducts.getByTestId('line-item').count();
  await managerProducts.getByRole('combobox', { name: 'Add product from catalog' }).fill('growth');
  await managerProducts.getByRole('option', { name: /Growth plan \(annual\)/ }).click();
  await managerProducts.getByRole('button', { name: 'Save products' }).click();
  await expect(managerProducts.getByText('Unsaved changes')).toBeHidden();
  await expect(page.getByText('Products saved')).toBeVisible();
  const total = (await managerProducts.getByTestId('total-total').textContent())!.trim();

  const rep = await contextAs(browser, 'rep');
  const repPage = await rep.newPage();
  await repPage.setViewportSize(DESKTOP);
  await repPage.goto(picked.otherDealHref);
  await expect(repPage.getByRole('heading', { level: 1 })).toBeVisible();

  // one calm explanation at the top
  const banner = repPage.getByTestId('deal-view-only');
  await expect(banner).toHaveRole('status');
  await expect(banner).toHaveText(`${people.other} owns this deal: you can view it and add activities and tasks; only they or a manager can change it.`);

  // nothing that changes the deal itself: no pencils, no Won/Lost/Reopen/Delete, no stage moves…
  // (the deal's tasks and activities stay open to everyone, decision 003: their own Edit buttons stay)
  await expect(repPage.getByRole('button', { name: /^Edit (?!task |activity )/ })).toHaveCount(0);
  for (const name of ['Won', 'Lost', 'Reopen', 'Delete deal']) await expect(repPage.getByRole('button', { name, exact: true })).toHaveCount(0);
  const stages = repPage.getByRole('list', { name: 'Pipeline stages' });
  await expect(stages.getByRole('listitem').first()).toBeVisible();
  await expect(stages.getByRole('button')).toHaveCount(0);
  // …no product editing (the saved lines are shown as text)…
  const products = repPage.getByRole('region', { name: 'Products' });
  await expect(products.getByTestId('line-item')).toHaveCount(linesBefore + 1);
  // (the deal may hold this product already: the manager's line is the last one)
  await expect(products.getByTestId('line-item').last()).toContainText('Growth plan (annual)');
  await expect(products.getByTestId('total-total')).toHaveText(total);
  await expect(products.getByRole('textbox')).toHaveCount(0);
  await expect(products.getByRole('combobox')).toHaveCount(0);
  await expect(products.getByRole('button')).toHaveCount(0);
  // …and no linking or unlinking of people and companies
  const links = repPage.getByRole('region', { name: 'People and companies' });
  await expect(links.getByRole('combobox')).toHaveCount(0);
  await expect(links.getByRole('button', { name: /^Unlink / })).toHaveCount(0);

  await repPage.screenshot({ path: testInfo.outputPath('own-deals-view-only.png') });
  await products.scrollIntoViewIfNeeded();
  await repPage.screenshot({ path: testInfo.outputPath('own-deals-view-only-products.png') });

  // a task is still theirs to add, and it is saved
  const title = `Call ${people.other} about the handover ${Date.now().toString(36)}`;
  const tasks = repPage.getByRole('region', { name: 'Tasks' });
  const added = nextServerAction(repPage);
  await tasks.getByRole('textbox', { name: 'Task title' }).fill(title);
  await tasks.getByRole('button', { name: 'Add task' }).click();
  expect((await added).ok()).toBe(true);
  await expect(repPage.getByText('Task added')).toBeVisible();
  await expect(tasks.getByTestId('task').filter({ hasText: title })).toHaveAttribute('data-status', 'pending');
  await repPage.reload();
  await expect(repPage.getByRole('region', { name: 'Tasks' }).getByTestId('task').filter({ hasText: title })).toHaveAttribute('data-status', 'pending');
  await expect(repPage.getByTestId('deal-view-only')).toBeVisible();

  // on a phone: the banner fits, nothing spills sideways
  await repPage.setViewportSize(PHONE);
  await expect(repPage.getByTestId('deal-view-only')).toBeInViewport();
  expect(await repPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await repPage.screenshot({ path: testInfo.outputPath('own-deals-view-only-phone.png') });
  await repPage.getByRole('region', { name: 'Products' }).scrollIntoViewIfNeeded();
  await repPage.screenshot({ path: testInfo.outputPath('own-deals-view-only-products-phone.png') });
  await repPage.getByRole('region', { name: 'People and companies' }).scrollIntoViewIfNeeded();
  await repPage.screenshot({ path: testInfo.outputPath('own-deals-view-only-links-phone.png') });
  await rep.close();
});
