import { base32 } from '@better-auth/utils/base32';
import { createOTP } from '@better-auth/utils/otp';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { storageStatePath } from './support/auth';

// The second factor in the browser: a new admin (invited here, so the demo users keep their state
// for the other specs) turns on an authenticator app from /account, signs in with a code and once
// with a recovery code. A second new admin, without one, requires a second factor of everyone and
// is sent to set one up, as is a rep; the first admin turns the requirement and their own app off
// again.

// serial: each test goes on from the one before; long flows (invitations, several browsers)
test.describe.configure({ mode: 'serial', timeout: 90_000 });

const signedOut = { cookies: [], origins: [] };
const PASSWORD = 'two-factor-password-1';
const PHONE = { width: 390, height: 844 };

/** Who this file signs in as: set up by the first test, used by the next ones. */
const person = {
  name: 'Tova Twofactor',
  email: `tova.${Date.now().toString(36)}@example.com`,
  secret: '',
  recoveryCodes: [] as string[],
};
/** The person's signed-in browser (an admin with a second factor), for the requirement and cleanup. */
let personContext: BrowserContext | null = null;
let requirementOn = false;

/** The code an authenticator app shows now for the key shown on the account page. */
function codeFor(secret: string): Promise<string> {
  return createOTP(base32.decode(secret.replace(/\s+/g, ''))).totp();
}

async function signInWithPassword(page: Page): Promise<void> {
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(person.email);
  await form.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Two-factor code' })).toBeVisible();
}

async function fitsPhone(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
}

async function setRequirement(page: Page, on: boolean): Promise<void> {
  await page.goto('/settings/security');
  const form = page.getByRole('form', { name: 'Security settings' });
  const checkbox = form.getByRole('checkbox', { name: 'Require two-factor authentication for everyone' });
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await checkbox.setChecked(on);
  // from the click on, the requirement may be saved: afterAll turns it off again if a step fails
  if (on) requirementOn = true;
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(on ? 'Two-factor authentication is now required for everyone' : 'Two-factor authentication is now optional')).toBeVisible();
  requirementOn = on;
  await page.reload();
  await expect(checkbox).toBeChecked({ checked: on });
}

/** The demo admin invites a new admin, who accepts in a browser of their own and is signed in. */
async function newAdmin(browser: Browser, name: string, email: string): Promise<{ context: BrowserContext; page: Page }> {
  const admin = await browser.newContext({ storageState: storageStatePath('admin') });
  const adminPage = await admin.newPage();
  await adminPage.goto('/settings/users');
  const invite = adminPage.getByRole('form', { name: 'Invite someone' });
  await invite.getByLabel('Email').fill(email);
  await invite.getByLabel('Role').selectOption('admin');
  await invite.getByRole('button', { name: 'Invite' }).click();
  const link = await adminPage.getByRole('textbox', { name: new RegExp(`Send this link to ${email.replaceAll('.', '\\.')}`) }).inputValue();
  await admin.close();

  const context = await browser.newContext({ storageState: signedOut });
  const page = await context.newPage();
  await page.goto(new URL(link).pathname);
  const accept = page.getByRole('form', { name: 'Accept the invitation' });
  await accept.getByLabel('Your name').fill(name);
  await accept.getByLabel('Password').fill(PASSWORD);
  await accept.getByRole('button', { name: 'Join and sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText(name);
  return { context, page };
}

test.afterAll(async () => {
  // other spec files share this workspace: never leave the requirement on
  if (requirementOn && personContext) await setRequirement(await personContext.newPage(), false);
  await personContext?.close();
});

test('a new admin turns on an authenticator app from their account page', async ({ browser }) => {
  const invited = await newAdmin(browser, person.name, person.email);
  personContext = invited.context;
  await personContext.grantPermissions(['clipboard-read', 'clipboard-write']);
  const { page } = invited;

  await page.goto('/account');
  const section = page.locator('section#two-factor');
  await expect(section.getByRole('heading', { name: 'Two-factor authentication' })).toBeVisible();
  await expect(section.getByTestId('two-factor-status')).toHaveText('Off');
  await section.getByRole('button', { name: 'Turn on' }).click();

  // the password first: a wrong one is refused by the field
  const passwordForm = section.getByRole('form', { name: 'Turn on two-factor authentication' });
  await passwordForm.getByLabel('Your password').fill('not-my-password');
  await passwordForm.getByRole('button', { name: 'Continue' }).click();
  await expect(passwordForm.getByText('This is not your password')).toBeVisible();
  await passwordForm.getByLabel('Your password').fill(PASSWORD);
  await passwordForm.getByRole('button', { name: 'Continue' }).click();

  // the QR code, the key for typing in by hand, the recovery codes
  await expect(section.getByRole('img', { name: 'QR code to scan with your authenticator app' })).toBeVisible();
  person.secret = ((await section.getByTestId('two-factor-secret').textContent()) ?? '').replace(/\s+/g, '');
  expect(person.secret).toMatch(/^[A-Z2-7]{32,}$/);
  person.recoveryCodes = (await section.getByTestId('recovery-codes').locator('li').allTextContents()).map((code) => code.trim());
  expect(person.recoveryCodes).toHaveLength(10);
  await expect(section.getByText('Store these recovery codes now')).toBeVisible();
  await section.getByRole('button', { name: 'Copy codes' }).click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(person.recoveryCodes.join('\n'));
  await section.screenshot({ path: 'e2e/artifacts/two-factor-setup.png' });

  // a wrong code is refused by the field, and nothing is on yet
  const confirm = section.getByRole('form', { name: 'Confirm the authenticator app' });
  const code = confirm.getByLabel('6-digit code');
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await code.fill('12345');
  await confirm.getByRole('button', { name: 'Turn on' }).click();
  await expect(confirm.getByText('Enter the 6 digits the app shows')).toBeVisible();
  const right = await codeFor(person.secret);
  await code.fill(String((Number(right) + 500_000) % 1_000_000).padStart(6, '0'));
  await confirm.getByRole('button', { name: 'Turn on' }).click();
  await expect(confirm.getByText('That code is not right')).toBeVisible();

  await page.setViewportSize(PHONE);
  await fitsPhone(page);
  // tall enough for the whole section: an element screenshot stops at the scrolling pane's edge
  await page.setViewportSize({ width: PHONE.width, height: 2400 });
  await section.screenshot({ path: 'e2e/artifacts/two-factor-setup-phone.png' });
  await page.setViewportSize({ width: 1440, height: 900 });

  await code.fill(await codeFor(person.secret));
  await confirm.getByRole('button', { name: 'Turn on' }).click();
  await expect(section.getByTestId('two-factor-status')).toHaveText('On');
  await expect(section.getByRole('button', { name: 'New recovery codes' })).toBeVisible();
  await section.screenshot({ path: 'e2e/artifacts/two-factor-on.png' });
  // still signed in (better-auth replaced the session cookie)
  await page.reload();
  await expect(section.getByTestId('two-factor-status')).toHaveText('On');

  // new recovery codes, with the password; the later tests use these
  await section.getByRole('button', { name: 'New recovery codes' }).click();
  const renew = section.getByRole('form', { name: 'New recovery codes' });
  await renew.getByLabel('Your password').fill(PASSWORD);
  await renew.getByRole('button', { name: 'Make new codes' }).click();
  await expect(section.getByTestId('recovery-codes').locator('li')).toHaveCount(10);
  const fresh = (await section.getByTestId('recovery-codes').locator('li').allTextContents()).map((code) => code.trim());
  expect(fresh).toHaveLength(10);
  expect(fresh).not.toContain(person.recoveryCodes[0]);
  person.recoveryCodes = fresh;
  await section.getByRole('button', { name: 'Done' }).click();
  await expect(section.getByTestId('recovery-codes')).toHaveCount(0);
});

test('signing in asks for the code after the password, and lands on the page asked for', async ({ browser }) => {
  const context = await browser.newContext({ storageState: signedOut });
  const page = await context.newPage();
  await page.goto('/deals?status=won');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdeals%3Fstatus%3Dwon$/);
  await signInWithPassword(page);

  const step = page.getByRole('form', { name: 'Two-factor code' });
  await expect(step.getByText('Enter the 6-digit code from your authenticator app')).toBeVisible();
  const code = step.getByLabel('Code', { exact: true });
  await expect(code).toBeFocused();
  await expect(code).toHaveAttribute('autocomplete', 'one-time-code');
  await expect(code).toHaveAttribute('inputmode', 'numeric');
  await page.screenshot({ path: 'e2e/artifacts/two-factor-code-step.png' });

  // a wrong code is refused by the field; the visitor is still not signed in
  const right = await codeFor(person.secret);
  await code.fill(String((Number(right) + 500_000) % 1_000_000).padStart(6, '0'));
  await step.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(step.getByText('That code is not right')).toBeVisible();
  await expect(code).toHaveAttribute('aria-invalid', 'true');
  await page.setViewportSize(PHONE);
  await fitsPhone(page);
  await page.screenshot({ path: 'e2e/artifacts/two-factor-code-step-phone.png' });
  await page.setViewportSize({ width: 1440, height: 900 });

  await code.fill(await codeFor(person.secret));
  await step.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page).toHaveURL(/\/deals\?status=won$/);
  await expect(page.getByTestId('signed-in-user')).toHaveText(person.name);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await context.close();
});

test('a recovery code signs in once', async ({ browser }) => {
  const context = await browser.newContext({ storageState: signedOut });
  const page = await context.newPage();
  const recoveryCode = person.recoveryCodes[0]!;

  await page.goto('/sign-in');
  await signInWithPassword(page);
  const step = page.getByRole('form', { name: 'Two-factor code' });
  await step.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await step.getByLabel('Recovery code').fill(recoveryCode);
  await step.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText(person.name);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);

  await signInWithPassword(page);
  await step.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await step.getByLabel('Recovery code').fill(recoveryCode);
  await step.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(step.getByText('That recovery code is not right, or it was used before.')).toBeVisible();
  await expect(page).toHaveURL(/\/sign-in$/);
  // back to the app's code
  await step.getByRole('button', { name: 'Use your authenticator app instead' }).click();
  await step.getByLabel('Code', { exact: true }).fill(await codeFor(person.secret));
  await step.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByTestId('signed-in-user')).toHaveText(person.name);
  await context.close();
});

test('an admin requires a second factor of everyone: a rep without one is sent to set it up', async ({ browser, page }) => {
  // the demo manager (this file's default user) may not open the page
  await page.goto('/settings/security');
  await expect(page.getByTestId('forbidden')).toContainText('Only admins change the security settings');

  // an admin without a second factor of their own is warned, and sent to set one up once it is saved
  const ada = await newAdmin(browser, 'Ada Admin', `ada.${Date.now().toString(36)}@example.com`);
  await ada.page.goto('/settings');
  await ada.page.getByRole('navigation', { name: 'Settings' }).getByRole('link', { name: 'Security' }).click();
  await expect(ada.page).toHaveURL(/\/settings\/security$/);
  const form = ada.page.getByRole('form', { name: 'Security settings' });
  await form.getByRole('checkbox', { name: 'Require two-factor authentication for everyone' }).check();
  await expect(form.getByText('You have not turned on two-factor authentication yourself')).toBeVisible();
  await ada.page.screenshot({ path: 'e2e/artifacts/settings-security.png' });
  requirementOn = true;
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(ada.page).toHaveURL(/\/account\?two-factor=required$/);
  await expect(ada.page.getByTestId('two-factor-required')).toBeVisible();
  await ada.context.close();

  const rep = await browser.newContext({ storageState: storageStatePath('rep') });
  const repPage = await rep.newPage();
  await repPage.goto('/pipelines');
  await expect(repPage).toHaveURL(/\/account\?two-factor=required$/);
  const notice = repPage.getByTestId('two-factor-required');
  await expect(notice).toContainText('Your workspace requires two-factor authentication');
  await expect(repPage.locator('section#two-factor').getByRole('button', { name: 'Turn on' })).toBeVisible();
  await repPage.screenshot({ path: 'e2e/artifacts/two-factor-required.png' });
  await repPage.setViewportSize(PHONE);
  await fitsPhone(repPage);
  await repPage.screenshot({ path: 'e2e/artifacts/two-factor-required-phone.png' });
  await repPage.goto('/deals');
  await expect(repPage).toHaveURL(/\/account\?two-factor=required$/);

  // while it is required, nobody turns their own off; an admin with a second factor works as before
  const adminPage = await personContext!.newPage();
  await adminPage.goto('/account');
  const section = adminPage.locator('section#two-factor');
  await expect(section.getByRole('button', { name: 'Turn off' })).toBeDisabled();
  await expect(section.getByText('Your workspace requires two-factor authentication, so it cannot be turned off')).toBeVisible();

  await setRequirement(adminPage, false);
  await repPage.goto('/pipelines');
  await expect(repPage).toHaveURL(/\/pipelines/);
  await rep.close();

  // and the person turns their own off again, with the password
  await adminPage.goto('/account');
  await section.getByRole('button', { name: 'Turn off' }).click();
  const off = section.getByRole('form', { name: 'Turn off two-factor authentication' });
  await off.getByLabel('Your password').fill(PASSWORD);
  await off.getByRole('button', { name: 'Turn off' }).click();
  await expect(section.getByTestId('two-factor-status')).toHaveText('Off');
});
