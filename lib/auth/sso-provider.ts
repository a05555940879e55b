// Shared by the server's better-auth setup and the sign-in button.

/** better-auth's id for the workspace's OpenID Connect provider; its callback is /api/auth/callback/oidc. */
export const SSO_PROVIDER_ID = 'oidc';
