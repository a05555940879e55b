import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type KoaContextWithOIDC } from 'oidc-provider';

// A real OpenID Connect provider (the certified `oidc-provider` package) on 127.0.0.1, for the
// single sign-on tests: one confidential client, its built-in development login form (any
// password; the login names the account) and accounts whose email may or may not be verified.

export interface OidcTestAccount {
  /** the `sub` claim, and what is typed into the provider's login form */
  id: string;
  email: string;
  emailVerified: boolean;
  name?: string;
}

export interface OidcTestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** accounts can be added while it runs: each test brings its own */
  addAccount(account: OidcTestAccount): void;
  close(): Promise<void>;
}

export const OIDC_TEST_CLIENT_ID = 'dealboard';
export const OIDC_TEST_CLIENT_SECRET = 'dealboard-test-client-secret-0123456789';

export async function startOidcProvider({
  redirectUris,
  port = 0,
  accounts = [],
}: {
  redirectUris: string[];
  port?: number;
  accounts?: OidcTestAccount[];
}): Promise<OidcTestProvider> {
  const known = new Map(accounts.map((account) => [account.id, account]));
  // the issuer must name the port, so listen first and hand requests over once the provider exists
  let handle: http.RequestListener = (_request, response) => response.writeHead(503).end();
  const server = http.createServer((request, response) => handle(request, response));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: OIDC_TEST_CLIENT_ID,
        client_secret: OIDC_TEST_CLIENT_SECRET,
        redirect_uris: redirectUris,
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_post',
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['oidc-test-provider-cookie-key-0123456789'] },
    findAccount: (_ctx, id) => {
      const account = known.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, email: account.email, email_verified: account.emailVerified, name: account.name }),
      };
    },
    // a workspace's own provider does not ask its people to consent to their company's CRM: grant
    // the requested scopes at once, as an admin-consented app at Entra or Okta is
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const client = ctx.oidc.client;
      const session = ctx.oidc.session;
      if (!client || !session?.accountId) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope(String(ctx.oidc.params?.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
  });
  // quiet: a test that fails says why itself; the provider's warnings about its development
  // defaults (dev keys, dev interactions) are expected here
  provider.on('server_error', (_ctx: unknown, error: unknown) => console.error('oidc-provider server_error', error));
  handle = provider.callback();
  return {
    issuer,
    clientId: OIDC_TEST_CLIENT_ID,
    clientSecret: OIDC_TEST_CLIENT_SECRET,
    addAccount: (account) => void known.set(account.id, account),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
