import { expect, test, type Locator, type Page } from '@playwright/test';
import { toPublicId } from '../lib/ids';
import { contextAs } from './support/auth';

// The live board: two people on the same board, each in their own browser. A move made in one —
// or through the REST API — shows up in the other as it commits, without a reload and without the
// board being read again; the mover's own board does not read the board after its own move. A
// board that cannot reach its stream says so, and catches up on what it missed when it can.
// Runs against the demo workspace; each test picks its own deals.

const column = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const cardsIn = (col: Locator) => col.getByTestId('deal-card');
const cardNamed = (scope: Locator, name: string) => scope.getByTestId('deal-card').filter({ has: scope.page().getByRole('link', { name, exact: true }) });
const countOf = async (col: Locator) => Number(await col.getByTestId('stage-count').textContent());

async function cardName(card: Locator): Promise<string> {
  return (await card.getByRole('link').first().textContent())!.trim();
}

/** Opens the Sales board and waits until it is hydrated and its live stream has caught up. */
async function openBoard(page: Page) {
  await page.goto('/pipelines');
  await expect(page.getByRole('heading', { level: 1, name: 'Sales' })).toBeVisible();
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
  await expect(page.getByTestId('board')).toHaveAttribute('data-live-stream', 'live');
}

/** Counts the board reads (the whole board: stages, totals, first pages) a page makes from now on. */
function countBoardReads(page: Page) {
  const reads = { count: 0 };
  page.on('request', (request) => {
    if (new URL(request.url()).pathname.endsWith('/board-data')) reads.count += 1;
  });
  return reads;
}

async function createApiKey(page: Page): Promise<string> {
  await page.goto('/account');
  const name = `Live board ${Date.now().toString(36)}`;
  await page.getByLabel("New key's name").fill(name);
  await page.getByRole('button', { name: 'Create key' }).click();
  return page.getByRole('status', { name: 'New API key' }).getByLabel(`The key ${name}`).inputValue();
}

/** The public IDs the REST API needs: a card's deal (from its link) and a column's stage. */
async function dealIdOf(card: Locator): Promise<string> {
  return (await card.getByRole('link').first().getAttribute('href'))!.split('/').pop()!;
}
async function stageIdOf(col: Locator): Promise<string> {
  return toPublicId('stage', Number(await col.getAttribute('data-stage-id')));
}

test('a move in one browser, or through the API, appears in the other without a reload; the mover reads no board', async ({
  page,
  browser,
  request,
}, testInfo) => {
  const key = await createApiKey(page);
  const other = await contextAs(browser, 'manager');
  const watcher = await other.newPage();
  await watcher.setViewportSize({ width: 1440, height: 900 });
  await openBoard(page);
  await openBoard(watcher);
  await watcher.evaluate(() => ((window as unknown as { boardMarker: string }).boardMarker = 'still the same page'));
  const moverReads = countBoardReads(page);
  const watcherReads = countBoardReads(watcher);

  // the mover uses the card's "Move to stage…" menu
  const name = await cardName(cardsIn(column(page, 'Qualified')).first());
  const qualifiedBefore = await countOf(column(watcher, 'Qualified'));
  const proposalBefore = await countOf(column(watcher, 'Proposal Sent'));
  await cardNamed(column(page, 'Qualified'), name).getByRole('button', { name: 'Move to stage…' }).click();
  await page
    .getByRole('menu')
    .getByRole('menuitem', { name: /Proposal Sent/ })
    .click();
  await expect(cardNamed(column(page, 'Proposal Sent'), name)).toBeVisible();

  // the watcher's board shows it where it went, counted there and not where it was
  await expect(cardNamed(column(watcher, 'Proposal Sent'), name)).toBeVisible();
  await expect(cardNamed(column(watcher, 'Qualified'), name)).toHaveCount(0);
  await expect(column(watcher, 'Proposal Sent').getByTestId('stage-count')).toHaveText(String(proposalBefore + 1));
  await expect(column(watcher, 'Qualified').getByTestId('stage-count')).toHaveText(String(qualifiedBefore - 1));

  // a move made through the REST API reaches both boards
  const contact = column(page, 'Contact Made');
  const apiCard = cardsIn(contact).first();
  const apiName = await cardName(apiCard);
  // to the top of the column, where both boards have it loaded (a long column loads 30 cards at first)
  const moved = await request.post(`/api/v1/deals/${await dealIdOf(apiCard)}/stage`, {
    headers: { 'X-Api-Key': key },
    data: { stage_id: await stageIdOf(column(page, 'Qualified')), position: 0 },
  });
  expect(moved.status()).toBe(200);
  for (const board of [page, watcher]) {
    await expect(cardNamed(column(board, 'Qualified'), apiName)).toBeVisible();
    await expect(cardNamed(column(board, 'Contact Made'), apiName)).toHaveCount(0);
  }

  // the API move came after the mover's own move on the stream: by now the echo of its own move
  // has arrived too, and neither board read the board again
  expect(moverReads.count).toBe(0);
  expect(watcherReads.count).toBe(0);
  expect(await watcher.evaluate(() => (window as unknown as { boardMarker?: string }).boardMarker)).toBe('still the same page');
  await expect(cardNamed(column(page, 'Proposal Sent'), name)).toBeVisible();

  await watcher.screenshot({ path: testInfo.outputPath('live-board-1440.png') });
  await watcher.setViewportSize({ width: 390, height: 844 });
  await cardNamed(column(watcher, 'Qualified'), apiName).scrollIntoViewIfNeeded();
  await watcher.screenshot({ path: testInfo.outputPath('live-board-390.png') });
  await other.close();
});

test('a board that cannot reach its stream says it is reconnecting, then catches up on what it missed', async ({ page, request }, testInfo) => {
  const key = await createApiKey(page);
  await page.setViewportSize({ width: 1440, height: 900 });
  // the stream is refused until further notice: the board shows its data, but hears nothing
  const isStream = (url: URL) => url.pathname.endsWith('/live');
  await page.route(isStream, (route) => route.abort());
  await page.goto('/pipelines');
  await expect(page.getByTestId('board')).toHaveAttribute('data-board-ready', 'true');
  await expect(page.getByText('Reconnecting…')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('live-board-reconnecting-1440.png') });
  const reads = countBoardReads(page);

  // moved while this board could not hear it
  const proposal = column(page, 'Proposal Sent');
  const card = cardsIn(proposal).first();
  const name = await cardName(card);
  const moved = await request.post(`/api/v1/deals/${await dealIdOf(card)}/stage`, {
    headers: { 'X-Api-Key': key },
    data: { stage_id: await stageIdOf(column(page, 'Contact Made')), position: 0 },
  });
  expect(moved.status()).toBe(200);
  await expect(cardNamed(proposal, name)).toBeVisible();

  // the stream comes back: it resumes after the last event the board holds, so the move arrives
  await page.unroute(isStream);
  await expect(page.getByTestId('board')).toHaveAttribute('data-live-stream', 'live');
  await expect(page.getByText('Reconnecting…')).toHaveCount(0);
  await expect(cardNamed(column(page, 'Contact Made'), name)).toBeVisible();
  await expect(cardNamed(proposal, name)).toHaveCount(0);
  expect(reads.count).toBe(0);
});
