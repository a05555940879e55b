// The OpenID Connect provider the end-to-end tests sign in with (e2e/sso.spec.ts): the real
// `oidc-provider` on 127.0.0.1 (E2E_PORT + 5), with its development login form and one client
// whose redirect URI is the demo server's callback. Started by playwright.config.ts.
import { E2E_OIDC_ACCOUNTS, e2eOidc } from '../e2e/support/oidc';
import { startOidcProvider } from '../tests/support/oidc-provider';

async function main(): Promise<void> {
  const oidc = e2eOidc(Number(process.env.E2E_PORT ?? 3210));
  const provider = await startOidcProvider({ port: oidc.port, redirectUris: [`${oidc.appUrl}/api/auth/callback/oidc`], accounts: E2E_OIDC_ACCOUNTS });
  console.log(`OpenID Connect provider at ${provider.issuer}`);
  const stop = () => void provider.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`Error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
