// The OpenID Connect provider of the end-to-end tests (scripts/e2e-oidc-provider.ts), shared by
// playwright.config.ts (which starts it and configures the demo server) and e2e/sso.spec.ts.

/** Where everything is for a demo server on `port`: the provider listens on port + 5. */
export function e2eOidc(port: number) {
  return {
    port: port + 5,
    issuer: `http://127.0.0.1:${port + 5}`,
    clientId: 'dealboard',
    clientSecret: 'dealboard-test-client-secret-0123456789',
    name: 'Test IdP',
    // the demo server's own address (its APP_URL default, localhost:PORT): the provider sends the
    // browser back there, so the SSO spec browses it under this name
    appUrl: `http://localhost:${port}`,
  };
}

/** The provider's people; its login form takes the id (any password). */
export const E2E_OIDC_ACCOUNTS = [
  // a demo user: joined to their account by the verified address
  { id: 'rep', email: 'rep@dealboard.test', emailVerified: true, name: 'Rita Rep' },
  // nobody yet, at a domain the admin allows in the test
  { id: 'newcomer', email: 'newcomer@sso-allowed.example', emailVerified: true, name: 'Noor Okta' },
  // nobody, at a domain nobody allowed
  { id: 'stranger', email: 'stranger@elsewhere.example', emailVerified: true, name: 'Sol Stranger' },
];
