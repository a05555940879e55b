import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS, contextAs, signInRequest } from './support/auth';

// Signing in and out, coming back to the page asked for, what a rep may not open, an invitation
// accepted by a new rep who then works a deal, a deactivated user thrown out of an open session,
// and the first account of an empty workspace.

const signedOut = { cookies: [], origins: [] };

async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test.describe('signed out', () => {
  test.use({ storageState: signedOut });

  test('a signed-out visitor is sent to sign in and back to the page asked for; sign-out ends the session', async ({ page }) => {
    await page.goto('/deals?status=won');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fdeals%3Fstatus%3Dwon$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await expect(page.getByTestId('demo-accounts')).toContainText(DEMO_PASSWORD);
    await page.screenshot({ path: 'e2e/artifacts/sign-in.png' });

    // a wrong password is refused, by the form, and nothing else happens
    await signIn(page, DEMO_USERS.manager, 'not-the-password');
    await expect(page.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText('Wrong email or password.');
    await expect(page).toHaveURL(/\/sign-in/);

    await signIn(page, DEMO_USERS.manager);
    await expect(page).toHaveURL(/\/deals\?status=won$/);
    await expect(page.getByTestId('signed-in-user')).toHaveText('Maya Manager');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto('/pipelines');
    await expect(page).toHaveURL(/\/sign-in\?next=%2Fpipelines$/);
  });

  test('the "back to" parameter only leads to pages of this site', async ({ page }) => {
    await page.goto('/sign-in?next=https%3A%2F%2Fevil.example%2F');
    await signIn(page, DEMO_USERS.manager);
    await expect(page).toHaveURL(/127\.0\.0\.1:\d+\/pipelines/);
  });

  test('on a phone the sign-in page fits the screen', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/sign-in');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: 'e2e/artifacts/sign-in-phone.png' });
  });
});

test.describe('a rep', () => {
  test.use({ storageState: 'e2e/.auth/rep.json' });

  test('is refused the settings pages, sees no Settings link, and keeps their own account page', async ({ page }) => {
    await page.goto('/pipelines');
    await expect(page.getByTestId('signed-in-user')).toHaveText('Riley Rep');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' })).toHaveCount(0);
    for (const path of ['/settings', '/settings/pipelines', '/settings/users', '/settings/api-keys']) {
      await page.goto(path);
      await expect(page.getByTestId('forbidden')).toContainText('Settings are for managers and admins');
    }
    await page.goto('/account');
    await expect(page.getByTestId('account-role')).toHaveText('rep');
    await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  });
});

async function inviteAs(page: Page, email: string, role: string): Promise<string> {
  await page.goto('/settings/users');
  const form = page.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('Email').fill(email);
  await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Invite' }).click();
  const link = await page.getByRole('textbox', { name: new RegExp(`Send this link to ${email.replace('.', '\\.')}`) }).inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/);
  return new URL(link).pathname;
}

test.describe('an admin', () => {
  test.use({ storageState: 'e2e/.auth/admin.json' });

  test('invites a new rep, who accepts, signs in and works a deal', async ({ page, browser }) => {
    const email = `new.rep.${Date.now().toString(36)}@example.com`;
    const invitePath = await inviteAs(page, email, 'rep');
    await expect(page.getByRole('list', { name: 'Open invitations' })).toContainText(email);
    await page.screenshot({ path: 'e2e/artifacts/settings-users.png', fullPage: true });

    const newcomer = await browser.newContext({ storageState: signedOut });
    const theirPage = await newcomer.newPage();
    await theirPage.goto(invitePath);
    await expect(theirPage.getByRole('heading', { name: 'Join your team on Dealboard' })).toContainText('Join');
    await expect(theirPage.getByText(email)).toBeVisible();
    const form = theirPage.getByRole('form', { name: 'Accept the invitation' });
    await form.getByLabel('Your name').fill('Nia Newcomer');
    await form.getByLabel('Password').fill('short');
    await form.getByRole('button', { name: 'Join and sign in' }).click();
    await expect(form.getByText('At least 8 characters')).toBeVisible();
    await form.getByLabel('Password').fill('a-good-long-password');
    await form.getByRole('button', { name: 'Join and sign in' }).click();
    await expect(theirPage.getByTestId('signed-in-user')).toHaveText('Nia Newcomer');

    // works a deal: moves it to another stage from its page; the history names them
    await theirPage.goto('/deals?status=open');
    await theirPage.getByRole('table', { name: 'Deals' }).locator('tbody tr a').first().click();
    await expect(theirPage.getByRole('heading', { level: 1 })).toBeVisible();
    const stageField = theirPage.getByTestId('field-stage');
    await theirPage.getByRole('button', { name: 'Edit stage' }).click();
    const options = await stageField.getByRole('combobox').locator('option').allTextContents();
    const current = (await stageField.getByRole('combobox').inputValue()) || '';
    const currentLabel = await stageField.getByRole('combobox').locator(`option[value="${current}"]`).textContent();
    const target = options.find((o) => o !== currentLabel && !/won|lost/i.test(o))!;
    await stageField.getByRole('combobox').selectOption({ label: target });
    await stageField.getByRole('button', { name: 'Save stage' }).click();
    const history = theirPage.getByRole('region', { name: 'Stage history' }).getByTestId('history-row');
    await expect(history.last()).toContainText('Nia Newcomer');

    // the link is used up
    await theirPage.goto(invitePath);
    await expect(theirPage.getByRole('heading', { name: 'This invitation was already used' })).toBeVisible();
    await newcomer.close();
  });

  test('deactivates a user, who is thrown out of their open session and cannot sign in again', async ({ page, browser }) => {
    const email = `leaver.${Date.now().toString(36)}@example.com`;
    const invitePath = await inviteAs(page, email, 'rep');
    const leaver = await browser.newContext({ storageState: signedOut });
    const theirPage = await leaver.newPage();
    await theirPage.goto(invitePath);
    const form = theirPage.getByRole('form', { name: 'Accept the invitation' });
    await form.getByLabel('Your name').fill('Lee Leaver');
    await form.getByLabel('Password').fill('leaver-password-1');
    await form.getByRole('button', { name: 'Join and sign in' }).click();
    await expect(theirPage.getByTestId('signed-in-user')).toHaveText('Lee Leaver');
    await theirPage.goto('/deals');

    await page.reload();
    const row = page.locator(`[data-testid="user-row"][data-email="${email}"]`);
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await expect(row).toContainText('Deactivated');

    // their open page: the next navigation lands on sign-in, and signing in is refused
    await theirPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Contacts' }).click();
    await expect(theirPage).toHaveURL(/\/sign-in/);
    await signIn(theirPage, email, 'leaver-password-1');
    await expect(theirPage.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toContainText('This account is deactivated');
    await leaver.close();
  });
});

async function firstRun(browser: Browser, baseURL: string): Promise<void> {
  const context = await browser.newContext({ storageState: signedOut, baseURL });
  const page = await context.newPage();
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole('heading', { name: 'Create the first account' })).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/first-run.png' });
  const form = page.getByRole('form', { name: 'Create the first account' });
  await form.getByLabel('Your name').fill('Olivia Owner');
  await form.getByLabel('Email').fill('olivia@example.com');
  await form.getByLabel('Password').fill('owner-password-1');
  await form.getByRole('button', { name: 'Create admin account' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText('Olivia Owner');
  await page.goto('/account');
  await expect(page.getByTestId('account-role')).toHaveText('admin');

  // once a user exists, nobody else is offered the first account
  const stranger = await browser.newContext({ storageState: signedOut, baseURL });
  const strangerPage = await stranger.newPage();
  await strangerPage.goto('/sign-in');
  await expect(strangerPage.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  await expect(strangerPage.getByRole('heading', { name: 'Create the first account' })).toHaveCount(0);
  // and the API signs the new admin in like anyone
  const api = await signInRequest(baseURL, 'olivia@example.com', 'owner-password-1');
  expect((await api.get('/api/auth/get-session')).ok()).toBe(true);
  await api.dispose();
  await stranger.close();
  await context.close();
}

test('the first visitor of an empty workspace creates its admin account', async ({ browser }) => {
  const port = Number(process.env.E2E_PORT ?? 3210) + 1;
  await firstRun(browser, `http://127.0.0.1:${port}`);
});

test('two people at once get separate sessions (the shared demo manager cookie is not reused)', async ({ browser }) => {
  const rep = await contextAs(browser, 'rep');
  const page = await rep.newPage();
  await page.goto('/account');
  await expect(page.getByTestId('account-role')).toHaveText('rep');
  await rep.close();
});
