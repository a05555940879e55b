import { expect, test, type Locator, type Page } from '@playwright/test';
import { keyboardSensorListening } from './support/dnd';
import { holdScripts } from './support/hold-scripts';

// The interactive pipeline board, the way a sales team uses it: dragging deals between stages and
// within a stage (mouse and keyboard), Won/Lost targets, what happens when the server refuses a
// move, another user's changes showing up without a reload, filters in the URL, collapsing
// columns, quick-add. Runs against the demo workspace (the browser acts as Maya Manager).
// The tests share one database and run in order; each picks its own deals.

test.use({ viewport: { width: 1280, height: 800 } });

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const cardsIn = (col: Locator) => col.getByTestId('deal-card');
const cardNamed = (scope: Page | Locator, name: string) => {
  const page = 'page' in scope && typeof scope.page === 'function' ? scope.page() : (scope as Page);
  return scope.getByTestId('deal-card').filter({ has: page.getByRole('link', { name, exact: true }) });
};
const countOf = async (col: Locator) => Number(await col.getByTestId('stage-count').textContent());

async function cardName(card: Locator): Promise<string> {
  return (await card.getByRole('link').first().textContent())!.trim();
}

/** Resolves when the next server action (a POST with a Next-Action header) has answered. */
function nextServerAction(page: Page) {
  return page.waitForResponse((response) => response.request().method() === 'POST' && Boolean(response.request().headers()['next-action']));
}

async function openBoard(page: Page, search = '') {
  await page.goto(`/pipelines${search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  await expect(page.getByTestId('deal-card').first()).toBeVisible();
  // the board is interactive once hydrated (the drag handles carry dnd-kit's description)
  await expect(page.getByTestId('deal-card').first()).toHaveAttribute('aria-roledescription', 'draggable deal');
  // dnd-kit's attributes are in the server's HTML too: data-board-ready says the board has hydrated
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
}

/**
 * A real mouse drag: press on the card, move in steps (dnd-kit needs a few pixels to start), release
 * over the target ('top': just inside its top edge, so the card goes before it; 'center').
 */
async function drag(page: Page, source: Locator, target: Locator, where: 'top' | 'center' = 'center') {
  await source.scrollIntoViewIfNeeded();
  const from = (await source.boundingBox())!;
  const to = (await target.boundingBox())!;
  const end = { x: to.x + to.width / 2, y: where === 'top' ? to.y + Math.min(12, to.height / 4) : to.y + to.height / 2 };
  // the card's top padding: on the card itself, not on its link or menu button
  const start = { x: from.x + 40, y: from.y + 5 };
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
  await page.mouse.move(end.x, end.y, { steps: 25 });
  await page.waitForTimeout(120);
  await page.mouse.move(end.x + 1, end.y + 1, { steps: 2 });
  await page.mouse.up();
}

async function stageHistoryOf(page: Page, dealName: string) {
  await cardNamed(page, dealName).getByRole('link', { name: dealName, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: dealName })).toBeVisible();
  return page.getByRole('region', { name: 'Stage history' }).getByTestId('history-row');
}

test('drag a card to another stage with the mouse: it stays there after reload and in the stage history', async ({ page }) => {
  await openBoard(page);
  const qualified = column(page, 'Qualified');
  const demo = column(page, 'Demo Scheduled');
  const [qualifiedBefore, demoBefore] = [await countOf(qualified), await countOf(demo)];
  const card = cardsIn(qualified).first();
  const name = await cardName(card);

  const dealId = (await card.getAttribute('data-deal-id'))!;

  const saved = nextServerAction(page);
  await drag(page, card, cardsIn(demo).first(), 'top');
  // optimistic: it lands at once, counts follow
  await expect(cardsIn(demo).first()).toHaveAttribute('data-deal-id', dealId);
  await expect(cardNamed(qualified, name)).toHaveCount(0);
  await expect(qualified.getByTestId('stage-count')).toHaveText(String(qualifiedBefore - 1));
  await expect(demo.getByTestId('stage-count')).toHaveText(String(demoBefore + 1));
  expect((await saved).ok()).toBe(true);

  await page.reload();
  await expect(cardsIn(column(page, 'Demo Scheduled')).first().getByRole('link')).toHaveText(name);
  await expect(cardNamed(column(page, 'Qualified'), name)).toHaveCount(0);

  const history = await stageHistoryOf(page, name);
  const move = history.filter({ hasText: /Qualified\s*→\s*Demo Scheduled/ });
  await expect(move).toHaveCount(1);
  await expect(move).toContainText('Maya Manager');
});

test('move a card with the keyboard (Space, ArrowRight, Space), announced for screen readers', async ({ page }) => {
  await openBoard(page);
  const contact = column(page, 'Contact Made');
  const card = cardsIn(contact).first();
  const name = await cardName(card);
  // everything the screen reader is told (dnd-kit's live region), in order
  await page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => {
      const text = document.querySelector('[id^="DndLiveRegion"]')?.textContent;
      if (text && said[said.length - 1] !== text) said.push(text);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const announced = () => page.evaluate(() => (window as unknown as { said: string[] }).said.join('\n'));

  await card.focus();
  await page.keyboard.press('Space');
  await expect.poll(announced).toContain(`Picked up deal ${name} in stage Contact Made, position 1 of`);
  await keyboardSensorListening(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(announced).toContain(`Deal ${name} is over stage Demo Scheduled`);
  await page.waitForTimeout(150);
  const saved = nextServerAction(page);
  await page.keyboard.press('Space');
  await expect.poll(announced).toContain(`Deal ${name} was dropped in stage Demo Scheduled.`);
  await expect(cardNamed(column(page, 'Demo Scheduled'), name)).toBeVisible();
  await expect(cardNamed(contact, name)).toHaveCount(0);
  expect((await saved).ok()).toBe(true);

  await page.reload();
  await expect(cardNamed(column(page, 'Demo Scheduled'), name)).toBeVisible();
  const history = await stageHistoryOf(page, name);
  await expect(history.filter({ hasText: /Contact Made\s*→\s*Demo Scheduled/ }).first()).toContainText('Maya Manager');
});

test('reorder within a column: the order persists after reload', async ({ page }) => {
  await openBoard(page);
  const proposal = column(page, 'Proposal Sent');
  const names = await Promise.all([0, 1, 2].map((i) => cardName(cardsIn(proposal).nth(i))));

  const saved = nextServerAction(page);
  await drag(page, cardsIn(proposal).nth(2), cardsIn(proposal).nth(0), 'top');
  const expected = [names[2], names[0], names[1]];
  await expect.poll(() => Promise.all([0, 1, 2].map((i) => cardName(cardsIn(proposal).nth(i))))).toEqual(expected);
  expect((await saved).ok()).toBe(true);

  await page.reload();
  const after = column(page, 'Proposal Sent');
  await expect.poll(() => Promise.all([0, 1, 2].map((i) => cardName(cardsIn(after).nth(i))))).toEqual(expected);
});

test('a refused move rolls the card back and says why', async ({ page, browser }) => {
  // this board never hears about changes (its live stream is refused), so it keeps the old version of the deal
  await page.route(
    (url) => url.pathname.endsWith('/live'),
    (route) => route.abort(),
  );
  await openBoard(page);
  const qualified = column(page, 'Qualified');
  const card = cardsIn(qualified).first();
  const name = await cardName(card);

  // meanwhile another user moves that deal (their own browser, the "Move to stage…" menu)
  const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const otherPage = await other.newPage();
  await openBoard(otherPage);
  const moved = nextServerAction(otherPage);
  await cardNamed(otherPage, name).getByRole('button', { name: 'Move to stage…' }).click();
  await otherPage
    .getByRole('menu')
    .getByRole('menuitem', { name: /Proposal Sent/ })
    .click();
  expect((await moved).ok()).toBe(true);
  await other.close();

  // the stale board tries to move it: the server refuses (the deal changed), the card goes back
  const refused = nextServerAction(page);
  await drag(page, card, column(page, 'Contact Made').getByRole('heading', { name: 'Contact Made' }));
  await refused;
  await expect(page.getByText(/The deal changed since you read it/)).toBeVisible();
  await expect(page.getByText(`“${name}” was put back where it was.`)).toBeVisible();
  await expect(cardNamed(column(page, 'Contact Made'), name)).toHaveCount(0);
  // and the board shows where the deal really is now
  await expect(cardNamed(column(page, 'Proposal Sent'), name)).toBeVisible();
});

test('another user’s changes appear on an open board within two seconds, without a reload', async ({ page, browser }) => {
  await openBoard(page);
  await page.evaluate(() => ((window as unknown as { boardMarker: string }).boardMarker = 'still the same page'));
  const qualified = column(page, 'Qualified');
  const before = await countOf(qualified);

  const other = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const otherPage = await other.newPage();
  await openBoard(otherPage);
  const name = `Live deal ${Date.now().toString(36)}`;
  const otherQualified = column(otherPage, 'Qualified');
  await otherQualified.getByRole('button', { name: 'Add a deal to Qualified' }).click();
  const form = otherPage.getByRole('form', { name: 'Add a deal to Qualified' });
  // field errors are shown next to their field
  await form.getByLabel('Value (USD)').fill('a lot');
  await form.getByRole('button', { name: 'Add deal' }).click();
  await expect(form.getByText('Name must not be empty')).toBeVisible();
  await expect(form.getByText(/Enter an amount such as 12500/)).toBeVisible();
  await form.getByLabel('Deal name').fill(name);
  await form.getByLabel('Value (USD)').fill('12,500');
  const created = nextServerAction(otherPage);
  await form.getByRole('button', { name: 'Add deal' }).click();
  expect((await created).ok()).toBe(true);
  await expect(cardsIn(otherQualified).first().getByRole('link')).toHaveText(name);

  // the first user's board shows it, at the top of the column, counted
  await expect(cardsIn(qualified).first().getByRole('link')).toHaveText(name, { timeout: 2_500 });
  await expect(qualified.getByTestId('stage-count')).toHaveText(String(before + 1));

  // a move made elsewhere shows up too
  const moved = nextServerAction(otherPage);
  await cardNamed(otherPage, name).getByRole('button', { name: 'Move to stage…' }).click();
  await otherPage.getByRole('menuitem', { name: /Contact Made/ }).click();
  expect((await moved).ok()).toBe(true);
  await expect(cardNamed(column(page, 'Contact Made'), name)).toBeVisible({ timeout: 2_500 });
  await expect(cardNamed(qualified, name)).toHaveCount(0);
  await other.close();

  expect(await page.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker)).toBe('still the same page');
});

test('drop a card on Won: the deal is won', async ({ page }) => {
  await openBoard(page);
  const demo = column(page, 'Demo Scheduled');
  const before = await countOf(demo);
  const card = cardsIn(demo).first();
  const name = await cardName(card);

  const saved = nextServerAction(page);
  await drag(page, card, page.getByTestId('drop-won'));
  // the default view shows open deals: the won deal leaves the board
  await expect(cardNamed(page, name)).toHaveCount(0);
  await expect(demo.getByTestId('stage-count')).toHaveText(String(before - 1));
  expect((await saved).ok()).toBe(true);
  await expect(page.getByText(`“${name}” is won`)).toBeVisible();

  // the Won column lists it (found with the search filter: it is the newest of many won deals)
  await openBoard(page, `?status=won&q=${encodeURIComponent(name)}`);
  await expect(cardNamed(column(page, 'Won'), name)).toBeVisible();
  await expect(cardNamed(column(page, 'Won'), name)).toHaveAttribute('data-status', 'won');
});

test('drop a card on Lost: a reason from the list is asked for, then the deal is lost', async ({ page }) => {
  await openBoard(page);
  const proposal = column(page, 'Proposal Sent');
  const card = cardsIn(proposal).nth(1);
  const name = await cardName(card);

  await drag(page, card, page.getByTestId('drop-lost'));
  const dialog = page.getByRole('dialog', { name: `Mark “${name}” as lost` });
  await expect(dialog).toBeVisible();
  // the card has not moved yet
  await expect(cardNamed(proposal, name)).toBeVisible();
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(dialog.getByText('Choose why the deal was lost.')).toBeVisible();
  await dialog.getByRole('radio', { name: 'Price too high' }).check();
  const saved = nextServerAction(page);
  await dialog.getByRole('button', { name: 'Mark as lost' }).click();
  await expect(dialog).toBeHidden();
  await expect(cardNamed(page, name)).toHaveCount(0);
  expect((await saved).ok()).toBe(true);

  await openBoard(page, `?status=lost&q=${encodeURIComponent(name)}`);
  const lostCard = cardNamed(column(page, 'Lost'), name);
  await expect(lostCard).toHaveAttribute('data-status', 'lost');
  await lostCard.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(
    page
      .getByTestId('lost-reason')
      .or(page.getByRole('region', { name: 'Summary' }))
      .first(),
  ).toContainText('Price too high');
});

test('filter by owner through the URL: a shareable link to one rep’s deals', async ({ page }) => {
  await openBoard(page);
  const columns = page.getByTestId('stage-column');
  let everyone = 0;
  for (const col of await columns.all()) everyone += await countOf(col);
  const riley = await page.getByLabel('Owner').locator('option', { hasText: 'Riley Rep' }).getAttribute('value');
  expect(riley).toMatch(/^user_/);

  await openBoard(page, `?owner=${riley}`);
  await expect(page.getByLabel('Owner')).toHaveValue(riley!);
  let rileys = 0;
  for (const col of await columns.all()) rileys += await countOf(col);
  expect(rileys).toBeGreaterThan(0);
  expect(rileys).toBeLessThan(everyone);
  const owners = await page.getByTestId('deal-card').evaluateAll((cards) => cards.map((c) => c.querySelector('[title^="Owner:"]')?.getAttribute('title')));
  expect(owners.length).toBeGreaterThan(0);
  expect(new Set(owners)).toEqual(new Set(['Owner: Riley Rep']));
  await expect(page.getByTestId('board-totals')).toContainText(`${rileys} deals`);

  // choosing another owner updates the link, without a reload
  await page.getByLabel('Owner').selectOption({ label: 'Sam Seller' });
  await expect(page).toHaveURL(/owner=user_/);
  await expect
    .poll(async () =>
      page.getByTestId('deal-card').evaluateAll((cards) => [...new Set(cards.map((c) => c.querySelector('[title^="Owner:"]')?.getAttribute('title')))]),
    )
    .toEqual(['Owner: Sam Seller']);
});

test('a search typed before the board is interactive is kept and applied once it is', async ({ page }) => {
  await openBoard(page);
  const name = await cardName(page.getByTestId('deal-card').first());
  const word = name.split(' ').sort((a, b) => b.length - a.length)[0]!;

  const scripts = await holdScripts(page);
  await page.goto('/pipelines', { waitUntil: 'commit' });
  await page.getByLabel('Search deals').fill(word);
  await expect(page.getByTestId('board')).not.toHaveAttribute('data-board-ready', 'true');
  scripts.release();
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
  await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(word)}`));
  await expect(page.getByLabel('Search deals')).toHaveValue(word);
  await expect(cardNamed(page, name)).toBeVisible();
});

test('a collapsed column is remembered, and the board works on a phone', async ({ page }) => {
  await openBoard(page);
  const lost = column(page, 'Lost');
  const saved = nextServerAction(page);
  await lost.getByRole('button', { name: 'Collapse Lost' }).click();
  await expect(lost).toHaveAttribute('data-collapsed', 'true');
  await saved;
  await page.reload();
  await expect(column(page, 'Lost')).toHaveAttribute('data-collapsed', 'true');
  await expect(column(page, 'Lost').getByTestId('stage-count')).toHaveText('0');
  await page.screenshot({ path: 'e2e/artifacts/board-interactive.png' });

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(column(page, 'Qualified')).toBeVisible();
  const board = page.getByTestId('board');
  expect(await board.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
  await page.screenshot({ path: 'e2e/artifacts/board-phone.png' });

  await page.setViewportSize({ width: 1280, height: 800 });
  const restored = nextServerAction(page);
  await column(page, 'Lost').getByRole('button', { name: 'Expand Lost' }).click();
  await restored;
  await expect(column(page, 'Lost')).not.toHaveAttribute('data-collapsed', 'true');
});
