// The codes better-auth puts on /sign-in?error=… when a single sign-on ends badly, in words. Only
// known codes are shown as sentences: the query string is anyone's to write, so its text
// (error_description) is never displayed.

const MESSAGES: Record<string, string> = {
  account_not_linked:
    'Your single sign-on provider has not verified this email address, so it cannot be joined to your Dealboard account. Sign in with your password, or ask an admin.',
  SSO_SIGN_UP_NOT_ALLOWED: 'There is no Dealboard account for this email address, and its domain may not join by single sign-on. Ask an admin to invite you.',
  SSO_EMAIL_NOT_VERIFIED: 'Your single sign-on provider has not verified your email address, so no account was created. Ask an admin to invite you.',
  ACCOUNT_DEACTIVATED: 'This account is deactivated. Ask an admin to reactivate it.',
  email_not_found: 'Your single sign-on provider did not share an email address, so you could not be signed in.',
  access_denied: 'Signing in with single sign-on was cancelled.',
  account_already_linked_to_different_user: 'This single sign-on identity already belongs to another Dealboard account.',
};

/** A sentence for the sign-in page, or null when there is no error. */
export function signInErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return Object.hasOwn(MESSAGES, code) ? MESSAGES[code]! : 'Signing in with single sign-on failed; please try again.';
}
