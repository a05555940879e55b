import { afterEach, describe, expect, it } from 'vitest';
import { getEnv, resetEnvForTests } from '../../lib/env';

// Single sign-on is configured by environment: on with issuer, client ID and secret together.

const KEYS = ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_NAME', 'OIDC_SCOPES'] as const;
const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]));

function configure(values: Partial<Record<(typeof KEYS)[number], string>>): void {
  for (const key of KEYS) {
    if (values[key] === undefined) delete process.env[key];
    else process.env[key] = values[key];
  }
  resetEnvForTests();
}

afterEach(() => {
  configure(saved);
});

describe('OIDC_* configuration', () => {
  it('is off without any of it', () => {
    configure({});
    expect(getEnv().oidc).toBeNull();
  });

  it('is on with issuer, client ID and secret, with defaults for the rest', () => {
    configure({ OIDC_ISSUER: 'https://login.example.com/realms/acme/', OIDC_CLIENT_ID: 'crm', OIDC_CLIENT_SECRET: 's3cret' });
    expect(getEnv().oidc).toEqual({
      issuer: 'https://login.example.com/realms/acme',
      clientId: 'crm',
      clientSecret: 's3cret',
      name: 'single sign-on',
      scopes: ['openid', 'email', 'profile'],
    });
    configure({ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'crm', OIDC_CLIENT_SECRET: 's', OIDC_NAME: 'Okta', OIDC_SCOPES: 'email,profile groups' });
    expect(getEnv().oidc).toMatchObject({ name: 'Okta', scopes: ['openid', 'email', 'profile', 'groups'] });
  });

  it('refuses half a configuration and an issuer that is not a URL', () => {
    configure({ OIDC_ISSUER: 'https://idp.example', OIDC_CLIENT_ID: 'crm' });
    expect(() => getEnv()).toThrow(/OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set together/);
    configure({ OIDC_ISSUER: 'idp.example', OIDC_CLIENT_ID: 'crm', OIDC_CLIENT_SECRET: 's' });
    expect(() => getEnv()).toThrow(/OIDC_ISSUER/);
  });
});
