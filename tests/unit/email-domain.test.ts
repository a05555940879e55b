import { describe, expect, it } from 'vitest';
import { signInErrorMessage } from '../../lib/auth/sign-in-errors';
import { emailDomainListSchema, emailDomainOf, isEmailInDomains } from '../../lib/schemas/email-domain';

// The allowed-domains list an admin types in Settings → Security, and the sign-in page's sentences
// for single sign-on failures.

describe('emailDomainListSchema', () => {
  it('reads commas, semicolons, spaces and lines; lower-cases, drops a leading @ and repeats', () => {
    expect(emailDomainListSchema.parse(' Example.com,\n@sales.example.co.uk;example.com  xn--bcher-kva.example\n\n')).toEqual([
      'example.com',
      'sales.example.co.uk',
      'xn--bcher-kva.example',
    ]);
    expect(emailDomainListSchema.parse('')).toEqual([]);
  });

  it('refuses what is not a domain name, naming it', () => {
    for (const bad of ['localhost', 'http://example.com', 'user@example.com', '-bad.example', 'bad-.example', 'example.123', 'exa_mple.com', 'a..b.com']) {
      const result = emailDomainListSchema.safeParse(`example.com, ${bad}`);
      expect(result.success, bad).toBe(false);
      expect(result.error?.issues[0]?.message).toContain(bad);
    }
  });

  it('caps the list', () => {
    const many = Array.from({ length: 101 }, (_, i) => `d${i}.example`).join(',');
    expect(emailDomainListSchema.safeParse(many).success).toBe(false);
  });
});

describe('isEmailInDomains', () => {
  it('matches the exact domain, any case, not subdomains or look-alikes', () => {
    expect(emailDomainOf('Ann@Example.COM')).toBe('example.com');
    expect(isEmailInDomains('Ann@Example.COM', ['example.com'])).toBe(true);
    expect(isEmailInDomains('ann@sub.example.com', ['example.com'])).toBe(false);
    expect(isEmailInDomains('ann@evilexample.com', ['example.com'])).toBe(false);
    expect(isEmailInDomains('no-at-sign', ['example.com'])).toBe(false);
    expect(isEmailInDomains('ann@example.com', [])).toBe(false);
  });
});

describe('signInErrorMessage', () => {
  it('puts known codes in words, anything else in a generic sentence, and nothing in nothing', () => {
    expect(signInErrorMessage('SSO_SIGN_UP_NOT_ALLOWED')).toMatch(/domain may not join by single sign-on/);
    expect(signInErrorMessage('account_not_linked')).toMatch(/has not verified this email address/);
    expect(signInErrorMessage('ACCOUNT_DEACTIVATED')).toMatch(/deactivated/);
    expect(signInErrorMessage('<script>')).toBe('Signing in with single sign-on failed; please try again.');
    expect(signInErrorMessage('toString')).toBe('Signing in with single sign-on failed; please try again.');
    expect(signInErrorMessage(null)).toBeNull();
  });
});
