import AxeBuilder from '@axe-core/playwright';
import { expect as baseExpect, test, type APIRequestContext, type Browser, type Locator, type Page } from '@playwright/test';
import { contextAs, type DemoUser } from './support/auth';

// "My work" (/work) as the demo rep and manager use it: the rep's open tasks and planned activities
// grouped Overdue / Today / Upcoming / No date, completed, rescheduled (one click and the date
// picker), edited and reassigned in place; a manager switching to the rep's and the team's work; a
// task and an activity edited and rescheduled on a deal page; no serious accessibility violation.
// The items are made through the REST API with each person's own key, named with this run's tag.

test.use({ timezoneId: 'UTC' });
// each test walks a whole flow (and axe reads a long page) on a shared, busy machine
test.describe.configure({ timeout: 120_000 });
const expect = baseExpect.configure({ timeout: 15_000 });

const TAG = Math.random().toString(36).slice(2, 7);
const DAY = 86_400_000;

/** An API key of `user`, made the way a person does it (Your account). */
async function apiKeyOf(browser: Browser, user: DemoUser): Promise<string> {
  const context = await contextAs(browser, user);
  const page = await context.newPage();
  await page.goto('/account');
  const name = `E2E work ${user} ${TAG}`;
  await page.getByLabel("New key's name").fill(name);
  await page.getByRole('button', { name: 'Create key' }).click();
  const key = await page.getByRole('status', { name: 'New API key' }).getByLabel(`The key ${name}`).inputValue();
  await context.close();
  return key;
}

async function api<T = { data: Record<string, unknown> }>(
  request: APIRequestContext,
  key: string,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  data?: unknown,
): Promise<T> {
  const answer = await request.fetch(path, { method, headers: { 'X-Api-Key': key }, data });
  expect(answer.ok(), `${method} ${path}: ${await answer.text()}`).toBe(true);
  return (await answer.json()) as T;
}

/** Today's date in UTC shifted by `days`, at hour:minute, as an instant. */
function utcDay(days: number, hour: number, minute = 0): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, hour, minute));
}

function item(page: Page, title: string): Locator {
  return page.getByTestId('work-item').filter({ hasText: title });
}

let repKey: string;
let repId: string;
let dealId: string;

test.beforeAll(async ({ browser, request }) => {
  repKey = await apiKeyOf(browser, 'rep');
  repId = (await api<{ data: { id: string } }>(request, repKey, 'GET', '/api/v1/users/me')).data.id;
  const deals = await api<{ data: { id: string }[] }>(request, repKey, 'GET', '/api/v1/deals?limit=1&status=open');
  dealId = deals.data[0]!.id;
});

/**
 * Waits for the next UTC day when the current one ends within `margin` ms: a test that makes
 * "today's" work and then reads the groups must not see the day change under it (run across
 * midnight, today's task had become overdue by the time the page showed it).
 */
async function clearOfMidnight(margin: number): Promise<void> {
  const untilMidnight = utcDay(1, 0).getTime() - Date.now();
  if (untilMidnight > margin) return;
  test.info().setTimeout(test.info().timeout + untilMidnight);
  await new Promise((resolve) => setTimeout(resolve, untilMidnight + 1_000));
}

test('the rep sees their work grouped, completes, reschedules, edits and reassigns it in place', async ({ browser, request }) => {
  await clearOfMidnight(3 * 60_000);
  const now = Date.now();
  // today's item: later today, unless the day is nearly over (then it would be tomorrow's)
  const laterToday = Math.min(now + 60 * 60_000, utcDay(0, 23, 58).getTime());
  const titles = {
    overdue: `Overdue follow-up ${TAG}`,
    today: `Call back today ${TAG}`,
    upcoming: `Send contract ${TAG}`,
    undated: `Read their RFP ${TAG}`,
    planned: `Planned demo ${TAG}`,
  };
  await api(request, repKey, 'POST', '/api/v1/tasks', {
    deal_id: dealId,
    title: titles.overdue,
    due_at: new Date(now - 2 * DAY).toISOString(),
    priority: 'high',
  });
  await api(request, repKey, 'POST', '/api/v1/tasks', { deal_id: dealId, title: titles.today, due_at: new Date(laterToday).toISOString() });
  await api(request, repKey, 'POST', '/api/v1/tasks', { deal_id: dealId, title: titles.upcoming, due_at: utcDay(5, 15).toISOString() });
  const undated = await api(request, repKey, 'POST', '/api/v1/tasks', { deal_id: dealId, title: titles.undated });
  const planned = await api(request, repKey, 'POST', '/api/v1/activities', {
    deal_id: dealId,
    type: 'meeting',
    subject: titles.planned,
    status: 'planned',
    occurred_at: utcDay(3, 10).toISOString(),
  });

  const context = await contextAs(browser, 'rep');
  const page = await context.newPage();
  await page.goto('/work');
  await expect(page.getByRole('heading', { name: 'Your open work' })).toBeVisible();
  await expect(page.getByTestId('work-group-overdue')).toContainText(titles.overdue);
  await expect(page.getByTestId('work-group-today')).toContainText(titles.today);
  await expect(page.getByTestId('work-group-upcoming')).toContainText(titles.upcoming);
  await expect(page.getByTestId('work-group-upcoming')).toContainText(titles.planned);
  await expect(page.getByTestId('work-group-no_date')).toContainText(titles.undated);
  // each line names its deal
  await expect(item(page, titles.upcoming).getByRole('link')).toHaveAttribute('href', `/deals/${dealId}`);
  const count = page.getByTestId('work-due-count');
  const dueBefore = Number((await count.textContent())?.match(/\d+/)?.[0]);
  expect(dueBefore).toBeGreaterThanOrEqual(2);

  // complete: gone from the list at once, and the sidebar counts one fewer
  await page.getByRole('checkbox', { name: `Complete ${titles.today}` }).click();
  await expect(item(page, titles.today)).toHaveCount(0);
  await expect(page.getByText(`Completed “${titles.today}”`)).toBeVisible();
  await expect(count).toHaveText(new RegExp(`^${dueBefore - 1}\\D`));

  // "Tomorrow" moves the overdue task out of Overdue, keeping its time of day
  await item(page, titles.overdue).getByRole('button', { name: 'Tomorrow' }).click();
  await expect(page.getByTestId('work-group-upcoming')).toContainText(titles.overdue);
  await expect(item(page, titles.overdue)).toContainText('(tomorrow)');

  // the date picker gives the undated task a date (9:00 when it had no time)
  const picked = utcDay(10, 9);
  await item(page, titles.undated).getByRole('button', { name: 'Pick date' }).click();
  await item(page, titles.undated).getByLabel(`New date for ${titles.undated}`, { exact: true }).fill(picked.toISOString().slice(0, 10));
  await item(page, titles.undated).getByRole('button', { name: 'Move' }).click();
  await expect(page.getByTestId('work-group-upcoming')).toContainText(titles.undated);
  await expect(item(page, titles.undated)).toContainText('(in 10 days)');

  // edit the title and priority in place
  const renamed = `Send signed contract ${TAG}`;
  await item(page, titles.upcoming)
    .getByRole('button', { name: `Edit ${titles.upcoming}` })
    .click();
  const editor = page.getByRole('form', { name: `Edit ${titles.upcoming}` });
  await editor.getByLabel('Title').fill(renamed);
  await editor.getByLabel('Priority').selectOption('high');
  await editor.getByRole('button', { name: 'Save' }).click();
  await expect(item(page, renamed)).toContainText('high');

  // reassign the planned meeting to Sam: it leaves the rep's inbox
  await item(page, titles.planned)
    .getByRole('button', { name: `Edit ${titles.planned}` })
    .click();
  await page
    .getByRole('form', { name: `Edit ${titles.planned}` })
    .getByLabel('Owner')
    .selectOption({ label: 'Sam Seller' });
  await page
    .getByRole('form', { name: `Edit ${titles.planned}` })
    .getByRole('button', { name: 'Save' })
    .click();
  await expect(item(page, titles.planned)).toHaveCount(0);
  await expect(page.getByText(`“${titles.planned}” is now Sam Seller’s`)).toBeVisible();

  // all of it was saved: after a reload, and in the API
  await page.reload();
  await expect(page.getByTestId('work-group-upcoming')).toContainText(titles.overdue);
  await expect(page.getByTestId('work-group-upcoming')).toContainText(titles.undated);
  await expect(item(page, renamed)).toBeVisible();
  await expect(page.getByText(titles.today)).toHaveCount(0);
  await expect(page.getByText(titles.planned)).toHaveCount(0);
  const task = await api<{ data: { due_at: string } }>(request, repKey, 'GET', `/api/v1/tasks/${undated.data.id}`);
  expect(task.data.due_at).toBe(`${picked.toISOString().slice(0, 19)}Z`);
  const meeting = await api<{ data: { owner_id: string } }>(request, repKey, 'GET', `/api/v1/activities/${planned.data.id}`);
  expect(meeting.data.owner_id).not.toBe(repId);
  expect(meeting.data.owner_id).not.toBeNull();

  // a rep cannot open someone else's inbox or the team's
  await page.goto('/work?person=team');
  await expect(page.getByTestId('forbidden')).toBeVisible();
  await expect(page.getByTestId('work-item')).toHaveCount(0);
  await context.close();
});

test('a failed change is rolled back with a message', async ({ browser, request }) => {
  const title = `Vanishing task ${TAG}`;
  const created = await api(request, repKey, 'POST', '/api/v1/tasks', { deal_id: dealId, title, due_at: utcDay(2, 11).toISOString() });
  const context = await contextAs(browser, 'rep');
  const page = await context.newPage();
  await page.goto('/work');
  await expect(item(page, title)).toBeVisible();
  // someone deletes it meanwhile
  const gone = await request.fetch(`/api/v1/tasks/${created.data.id}`, { method: 'DELETE', headers: { 'X-Api-Key': repKey } });
  expect(gone.status()).toBe(204);
  await item(page, title)
    .getByRole('checkbox', { name: `Complete ${title}` })
    .click();
  await expect(page.getByText('No task with this ID exists.')).toBeVisible();
  await context.close();
});

test('a manager switches to the rep’s work and to the whole team’s', async ({ page, request }) => {
  const title = `Rep’s task for the manager ${TAG}`;
  await api(request, repKey, 'POST', '/api/v1/tasks', { deal_id: dealId, title, due_at: utcDay(1, 12).toISOString() });
  await page.goto('/work');
  await expect(page.getByRole('heading', { name: 'Your open work' })).toBeVisible();
  await expect(item(page, title)).toHaveCount(0);

  await page.getByLabel('Whose work').selectOption({ label: 'Riley Rep' });
  await expect(page).toHaveURL(/\/work\?person=user_/);
  await expect(page.getByRole('heading', { name: 'Riley Rep’s open work' })).toBeVisible();
  await expect(item(page, title)).toBeVisible();

  await page.getByLabel('Whose work').selectOption({ label: 'The whole team' });
  await expect(page).toHaveURL(/\/work\?person=team/);
  await expect(page.getByRole('heading', { name: 'The team’s open work' })).toBeVisible();
  await expect(item(page, title).getByTestId('work-item-assignee')).toContainText('Riley Rep');

  // the manager completes the rep's task from the team's inbox
  await item(page, title)
    .getByRole('checkbox', { name: `Complete ${title}` })
    .click();
  await expect(item(page, title)).toHaveCount(0);
});

test('on a deal page a task and an activity are edited and rescheduled, and a planned activity marked done', async ({ page, request }) => {
  await clearOfMidnight(3 * 60_000);
  const taskTitle = `Deal page task ${TAG}`;
  const activitySubject = `Deal page call ${TAG}`;
  await api(request, repKey, 'POST', '/api/v1/tasks', { deal_id: dealId, title: taskTitle, due_at: utcDay(2, 14).toISOString() });
  await api(request, repKey, 'POST', '/api/v1/activities', {
    deal_id: dealId,
    type: 'call',
    subject: activitySubject,
    status: 'planned',
    occurred_at: utcDay(4, 16).toISOString(),
  });
  await page.goto(`/deals/${dealId}`);
  const tasks = page.getByRole('region', { name: 'Tasks' });
  const task = tasks.getByTestId('task').filter({ hasText: taskTitle });

  // task: "Tomorrow", then edit title and due date
  await task.getByRole('button', { name: 'Tomorrow' }).click();
  await expect(task).toContainText('(tomorrow)');
  await task.getByRole('button', { name: `Edit task ${taskTitle}` }).click();
  const taskEditor = tasks.getByRole('form', { name: `Edit ${taskTitle}` });
  const renamedTask = `${taskTitle} (revised)`;
  await taskEditor.getByLabel('Title').fill(renamedTask);
  await taskEditor.getByLabel('Due').fill(`${utcDay(6, 0).toISOString().slice(0, 10)}T10:30`);
  await taskEditor.getByRole('button', { name: 'Save' }).click();
  const renamedRow = tasks.getByTestId('task').filter({ hasText: renamedTask });
  await expect(renamedRow).toContainText('(in 6 days)');

  // activity: reschedule to next week, edit its subject; done in the future is refused by the field
  const activities = page.getByRole('region', { name: 'Activities' });
  const activity = activities.getByTestId('activity').filter({ hasText: activitySubject });
  await activity.getByRole('button', { name: 'Next week' }).click();
  await expect(page.getByText('Activity moved to next week')).toBeVisible();
  await activity.getByRole('button', { name: `Edit activity ${activitySubject}` }).click();
  const activityEditor = activities.getByRole('form', { name: `Edit ${activitySubject}` });
  const renamedActivity = `${activitySubject} with the CFO`;
  await activityEditor.getByLabel('Subject').fill(renamedActivity);
  await activityEditor.getByLabel('Status').selectOption('completed');
  await activityEditor.getByRole('button', { name: 'Save' }).click();
  await expect(activityEditor.getByRole('alert')).toContainText('cannot be marked done in the future');
  await activityEditor.getByLabel('Status').selectOption('planned');
  await activityEditor.getByRole('button', { name: 'Save' }).click();
  const renamedActivityRow = activities.getByTestId('activity').filter({ hasText: renamedActivity });
  await expect(renamedActivityRow).toContainText('Planned');

  // marked done: it happened now, so it is allowed and no longer planned
  await renamedActivityRow.getByRole('button', { name: 'Mark done' }).click();
  await expect(renamedActivityRow.getByText('Planned', { exact: true })).toHaveCount(0);
  await expect(renamedActivityRow.getByRole('button', { name: 'Mark done' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByRole('region', { name: 'Tasks' }).getByTestId('task').filter({ hasText: renamedTask })).toContainText('(in 6 days)');
  const saved = page.getByRole('region', { name: 'Activities' }).getByTestId('activity').filter({ hasText: renamedActivity });
  await expect(saved).toBeVisible();
  await expect(saved.getByRole('button', { name: 'Mark done' })).toHaveCount(0);
});

test('/work has no serious or critical accessibility violations; screenshots at 1440 and 390 px', async ({ page }, testInfo) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/work');
  await expect(page.getByTestId('work-item').first()).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  await page.screenshot({ path: testInfo.outputPath('work-1440.png') });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: testInfo.outputPath('work-390.png') });
  // the team's inbox (every open item of the demo) at both widths
  await page.goto('/work?person=team');
  await expect(page.getByTestId('work-item').first()).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('work-team-390.png') });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('work-team-1440.png') });
  await page.setViewportSize({ width: 390, height: 844 });

  // an inline editor open, at phone width
  await page
    .getByTestId('work-item')
    .first()
    .getByRole('button', { name: /^Edit / })
    .click();
  await page
    .getByTestId('work-item')
    .first()
    .screenshot({ path: testInfo.outputPath('work-editor-390.png') });

  await page.goto(`/deals/${dealId}`);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByRole('region', { name: 'Tasks' }).screenshot({ path: testInfo.outputPath(`deal-tasks-${width}.png`) });
    await page.getByRole('region', { name: 'Activities' }).screenshot({ path: testInfo.outputPath(`deal-activities-${width}.png`) });
  }
});
