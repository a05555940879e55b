import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USERS } from './support/auth';
import { e2eOidc } from './support/oidc';

// Single sign-on through a real OpenID Connect provider (scripts/e2e-oidc-provider.ts, started by
// playwright.config.ts): the button on the sign-in page, the provider's own login form, and the way
// back — linked to an existing account, a new rep from a domain the admin allowed in Settings →
// Security, and a stranger told why not.

const oidc = e2eOidc(Number(process.env.E2E_PORT ?? 3210));

// The provider sends the browser back to the server's own address (localhost:PORT), so these tests
// browse it under that name: the sign-in state cookie must be there when the browser returns.
test.use({ baseURL: oidc.appUrl, storageState: { cookies: [], origins: [] } });

/** At the provider's login page (its own origin), signs in as one of its accounts. */
async function logInAtProvider(page: Page, login: string): Promise<void> {
  await expect(page).toHaveURL(new RegExp(`^${oidc.issuer}/`));
  await page.getByPlaceholder('Enter any login').fill(login);
  await page.getByPlaceholder('and password').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
}

test('a demo user signs in with the provider, is joined to their account by email and lands on the page asked for', async ({ page }) => {
  await page.goto('/deals?status=won');
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fdeals%3Fstatus%3Dwon$/);
  await page.getByRole('button', { name: `Sign in with ${oidc.name}` }).click();
  await logInAtProvider(page, 'rep');
  await expect(page).toHaveURL(`${oidc.appUrl}/deals?status=won`);
  await expect(page.getByTestId('signed-in-user')).toHaveText('Riley Rep');
});

test('an admin allows a domain; a new person from it joins as a rep, someone from elsewhere is told why not', async ({ page, browser }) => {
  // the admin, with their password, in Settings → Security
  await page.goto('/sign-in?next=%2Fsettings%2Fsecurity');
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(DEMO_USERS.admin);
  await form.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
  await form.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/settings\/security$/);
  const sso = page.getByRole('form', { name: 'Single sign-on settings' });
  const domains = sso.getByLabel('Email domains allowed to join by single sign-on');
  await domains.fill('sso-allowed.example, not_a_domain');
  await sso.getByRole('button', { name: 'Save domains' }).click();
  await expect(sso.getByText('"not_a_domain" is not a domain name (like example.com)')).toBeVisible();
  await domains.fill('@SSO-Allowed.example, partner.example');
  await sso.getByRole('button', { name: 'Save domains' }).click();
  await expect(domains).toHaveValue('sso-allowed.example\npartner.example');
  await page.screenshot({ path: 'e2e/artifacts/settings-security-sso.png' });

  // a stranger, in a browser of their own
  const strangerContext = await browser.newContext({ baseURL: oidc.appUrl });
  const stranger = await strangerContext.newPage();
  await stranger.goto('/sign-in?next=%2Fdeals');
  await stranger.getByRole('button', { name: `Sign in with ${oidc.name}` }).click();
  await logInAtProvider(stranger, 'stranger');
  await expect(stranger).toHaveURL(/\/sign-in\?next=%2Fdeals&error=SSO_SIGN_UP_NOT_ALLOWED/);
  await expect(stranger.getByRole('form', { name: 'Sign in' }).getByRole('alert')).toHaveText(
    'There is no Dealboard account for this email address, and its domain may not join by single sign-on. Ask an admin to invite you.',
  );
  await strangerContext.close();

  // the newcomer, in another
  const newcomerContext = await browser.newContext({ baseURL: oidc.appUrl });
  const newcomer = await newcomerContext.newPage();
  await newcomer.goto('/pipelines');
  await newcomer.getByRole('button', { name: `Sign in with ${oidc.name}` }).click();
  await logInAtProvider(newcomer, 'newcomer');
  await expect(newcomer).toHaveURL(/\/pipelines/);
  await expect(newcomer.getByTestId('signed-in-user')).toHaveText('Noor Okta');
  await newcomerContext.close();

  // and the admin sees them among the users, as a rep
  await page.goto('/settings/users');
  await expect(page.locator('[data-testid="user-row"][data-email="newcomer@sso-allowed.example"]').getByLabel('Role of Noor Okta')).toHaveValue('rep');
});
