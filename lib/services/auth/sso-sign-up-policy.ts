import 'server-only';
import { signInErrorMessage } from '../../auth/sign-in-errors';
import { isEmailInDomains } from '../../schemas/email-domain';
import { readSsoSettings } from '../settings/sso-settings';

// Who may get a Dealboard account by signing in with the workspace's OpenID Connect provider.
// Everyone else is created by an admin (invitations, the CLI); an SSO identity whose email matches
// an existing user is linked to it by better-auth (lib/auth/auth.ts), not created here.

export const SSO_SIGN_UP_REFUSED = 'SSO_SIGN_UP_NOT_ALLOWED';
export const SSO_EMAIL_NOT_VERIFIED = 'SSO_EMAIL_NOT_VERIFIED';

export type SsoSignUpDecision =
  | { allowed: true; role: 'rep' }
  | { allowed: false; code: typeof SSO_SIGN_UP_REFUSED | typeof SSO_EMAIL_NOT_VERIFIED; message: string };

// better-auth creates the user inside a database transaction, and on the embedded engine (one
// connection) a query outside it waits for it to end: so the allowed domains are read before the
// callback starts (prepareSsoSignUp, from a request hook in lib/auth/auth.ts) and kept with its request.
const settingsByRequest = new WeakMap<Request, readonly string[]>();

/** Before an SSO callback: read the allowed domains its sign-up, if any, is decided by. */
export async function prepareSsoSignUp({ input }: { input: { request: Request } }): Promise<void> {
  settingsByRequest.set(input.request, (await readSsoSettings()).allowedEmailDomains);
}

/** The allowed domains read for this request by prepareSsoSignUp (none when it did not run: refuse). */
export function allowedDomainsForRequest(request: Request | undefined): readonly string[] {
  return (request && settingsByRequest.get(request)) ?? [];
}

/**
 * A new person from the provider becomes a rep only when the provider vouches for the address
 * (email_verified) and an admin allowed its domain in Settings → Security; admins raise the role
 * later. Without the first, anyone able to name an address at the provider would get in.
 */
export function decideSsoSignUp({ input }: { input: { email: string; emailVerified: boolean; allowedEmailDomains: readonly string[] } }): SsoSignUpDecision {
  if (!input.emailVerified) {
    return {
      allowed: false,
      code: SSO_EMAIL_NOT_VERIFIED,
      message: signInErrorMessage(SSO_EMAIL_NOT_VERIFIED)!,
    };
  }
  if (!isEmailInDomains(input.email, input.allowedEmailDomains)) {
    return {
      allowed: false,
      code: SSO_SIGN_UP_REFUSED,
      message: signInErrorMessage(SSO_SIGN_UP_REFUSED)!,
    };
  }
  return { allowed: true, role: 'rep' };
}
