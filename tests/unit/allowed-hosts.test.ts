import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { allowedOrigins, isAllowedHost, isSameAllowedOrigin } from '../../lib/auth/allowed-hosts';
import { resetEnvForTests } from '../../lib/env';

// The Host and Origin checks the proxy and better-auth rely on: a page that rebinds its own DNS
// name to this server sends its own name as Host, and a cross-site form sends its own Origin.

const config = { appUrl: 'https://crm.example.com', allowedHosts: 'intranet.corp:8443, dealboard.lan ,Upper.Example' };

describe('isAllowedHost', () => {
  it("answers to APP_URL's host", () => {
    expect(isAllowedHost('crm.example.com', config)).toBe(true);
    expect(isAllowedHost('CRM.Example.COM', config)).toBe(true);
    expect(isAllowedHost(' crm.example.com ', config)).toBe(true);
    expect(isAllowedHost('crm.example.com:3400', { appUrl: 'http://crm.example.com:3400', allowedHosts: '' })).toBe(true);
    // APP_URL with a port: that port only
    expect(isAllowedHost('crm.example.com:9999', { appUrl: 'http://crm.example.com:3400', allowedHosts: '' })).toBe(false);
  });

  it('answers to loopback names on any port', () => {
    for (const host of ['localhost', 'localhost:3000', 'localhost:65535', 'LOCALHOST:3000', '127.0.0.1', '127.0.0.1:3400', '[::1]', '[::1]:3000']) {
      expect(isAllowedHost(host, config), host).toBe(true);
    }
  });

  it('answers to ALLOWED_HOSTS entries: with a port that port only, without one any port', () => {
    expect(isAllowedHost('intranet.corp:8443', config)).toBe(true);
    expect(isAllowedHost('INTRANET.corp:8443', config)).toBe(true);
    expect(isAllowedHost('intranet.corp', config)).toBe(false);
    expect(isAllowedHost('intranet.corp:8444', config)).toBe(false);
    expect(isAllowedHost('dealboard.lan', config)).toBe(true);
    expect(isAllowedHost('dealboard.lan:3000', config)).toBe(true);
    // entries are compared without regard to case
    expect(isAllowedHost('upper.example', config)).toBe(true);
    expect(isAllowedHost('upper.example:80', config)).toBe(true);
  });

  it.each([
    ['a foreign host with our port', 'evil.example:3400'],
    ['a foreign host', 'evil.example'],
    ['a name that starts with localhost', 'localhost.evil.example'],
    ['a name that starts with localhost, with a port', 'localhost.evil.example:3000'],
    ['a wildcard-DNS name for 127.0.0.1', '127.0.0.1.nip.io'],
    ['a name that ends with our host', 'evilcrm.example.com'],
    ['a subdomain of our host', 'evil.crm.example.com'],
    ['a subdomain of an allowed host', 'evil.dealboard.lan'],
    ['a name that starts with an allowed host', 'dealboard.lan.evil.example'],
    ['another loopback-looking IPv6', '[::2]:3000'],
    ['an unclosed IPv6 literal', '[::1'],
    ['userinfo smuggling a foreign host', 'localhost@evil.example'],
    // not a host[:port] at all: as a URL authority this names evil.example
    ['a loopback name and port smuggling a foreign host', 'localhost:3000@evil.example'],
    ['an allowed host and port smuggling a foreign host', 'intranet.corp:8443@evil.example'],
    ['a non-numeric port', 'localhost:abc'],
    ['a path after the host', 'localhost:3000/evil'],
    ['blanks inside', 'localhost evil.example'],
    ['an empty string', ''],
    ['blanks', '   '],
  ])('refuses %s', (_name, host) => {
    expect(isAllowedHost(host, config)).toBe(false);
  });

  it('refuses a missing Host', () => {
    expect(isAllowedHost(null, config)).toBe(false);
  });

  it('ignores empty ALLOWED_HOSTS entries', () => {
    expect(isAllowedHost('', { appUrl: 'https://crm.example.com', allowedHosts: ',, ,' })).toBe(false);
    expect(isAllowedHost('evil.example', { appUrl: 'https://crm.example.com', allowedHosts: ',, ,' })).toBe(false);
  });
});

describe('isSameAllowedOrigin and allowedOrigins (configured from the environment)', () => {
  const saved = { APP_URL: process.env.APP_URL, ALLOWED_HOSTS: process.env.ALLOWED_HOSTS };

  beforeEach(() => {
    process.env.APP_URL = 'https://crm.example.com';
    process.env.ALLOWED_HOSTS = 'dealboard.lan';
    resetEnvForTests();
  });

  afterEach(() => {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvForTests();
  });

  it('allows an Origin that is the request’s own allowed host', () => {
    expect(isSameAllowedOrigin('https://crm.example.com', 'crm.example.com')).toBe(true);
    expect(isSameAllowedOrigin('http://localhost:3000', 'localhost:3000')).toBe(true);
    expect(isSameAllowedOrigin('http://[::1]:3000', '[::1]:3000')).toBe(true);
    expect(isSameAllowedOrigin('http://dealboard.lan:8080', 'dealboard.lan:8080')).toBe(true);
    expect(isSameAllowedOrigin('HTTPS://CRM.EXAMPLE.COM', 'crm.example.com')).toBe(true);
  });

  it.each([
    ['no Origin', null, 'crm.example.com'],
    ['an empty Origin', '', 'crm.example.com'],
    ['Origin: null (sandboxed frame, data: URL, some redirects)', 'null', 'crm.example.com'],
    ['a foreign Origin', 'https://evil.example', 'crm.example.com'],
    ['another port', 'http://localhost:3001', 'localhost:3000'],
    ['the default port instead of the named one', 'http://localhost', 'localhost:3000'],
    ['another loopback name', 'http://127.0.0.1:3000', 'localhost:3000'],
    ['a subdomain', 'https://evil.crm.example.com', 'crm.example.com'],
    ['a name that starts with ours', 'https://crm.example.com.evil.example', 'crm.example.com'],
    ['malformed: no scheme', 'crm.example.com', 'crm.example.com'],
    ['malformed: garbage', 'not an origin', 'crm.example.com'],
    ['malformed: scheme only', 'https://', 'crm.example.com'],
    ['a matching Origin on a host that is not ours (DNS rebinding)', 'http://evil.example:3000', 'evil.example:3000'],
    ['no Host', 'https://crm.example.com', null],
  ])('refuses %s', (_name, origin, host) => {
    expect(isSameAllowedOrigin(origin, host)).toBe(false);
  });

  it("trusts APP_URL's origin always, and the request's own only when its host is allowed", () => {
    expect(allowedOrigins(null)).toEqual(['https://crm.example.com']);
    expect(allowedOrigins('localhost:3000')).toEqual(['https://crm.example.com', 'http://localhost:3000', 'https://localhost:3000']);
    expect(allowedOrigins('evil.example')).toEqual(['https://crm.example.com']);
    expect(allowedOrigins('localhost.evil.example:3000')).toEqual(['https://crm.example.com']);
    // never an origin that parses to another host
    expect(allowedOrigins('localhost:3000@evil.example')).toEqual(['https://crm.example.com']);
  });
});
