'use server';

import { z } from 'zod';
import { getBrowserContext, readBrowserSession, TWO_FACTOR_SETUP_PATH } from '../auth/get-browser-context';
import { updateSecuritySettings, type SecuritySettings } from '../services/settings/security-settings';
import { dealAccessSettingsInput, updateDealAccessSettings } from '../services/settings/deal-access-settings';
import { updateSsoSettings, type SsoSettings } from '../services/settings/sso-settings';
import type { DealAccessSettings } from '../access/deal-access';
import { runAction, type ActionResult } from './run-action';

// Settings → Security. Turning the second factor itself on and off is better-auth's endpoint
// (/api/auth/two-factor/*), called from the account page.

const securitySettingsInput = z.object({
  requireTwoFactor: z.boolean({ error: 'Choose whether a second factor is required' }),
});

/**
 * Admins: require (or stop requiring) an authenticator app of everyone. An admin who has none
 * themselves is told where to set one up (`redirectTo`) rather than sent there by a refresh: this
 * page re-rendered inside the action's answer would throw the layout's redirect, and the client
 * router then fetches the account page again and again without showing it.
 */
export async function updateSecuritySettingsAction(input: SecuritySettings): Promise<ActionResult<SecuritySettings & { redirectTo: string | null }>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    const result = await updateSecuritySettings({ ctx, input: securitySettingsInput.parse(input) });
    const session = await readBrowserSession();
    return { ...result, redirectTo: result.requireTwoFactor && !session?.twoFactorEnabled ? TWO_FACTOR_SETUP_PATH : null };
  });
}

const ssoSettingsInput = z.object({
  allowedEmailDomains: z.string({ error: 'Enter the domains, separated by commas or lines' }),
});

/** Admins: the email domains whose people may join by single sign-on (comma- or line-separated). */
export async function updateSsoSettingsAction(input: { allowedEmailDomains: string }): Promise<ActionResult<SsoSettings>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    return updateSsoSettings({ ctx, input: ssoSettingsInput.parse(input) });
  });
}

/** Admins: whether reps edit, move and delete only the deals they own. */
export async function updateDealAccessSettingsAction(input: DealAccessSettings): Promise<ActionResult<DealAccessSettings>> {
  return runAction(async () => {
    const ctx = await getBrowserContext();
    return updateDealAccessSettings({ ctx, input: dealAccessSettingsInput.parse(input) });
  });
}
