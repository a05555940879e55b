import { z } from 'zod';

// Email domains (example.com): the list of domains whose people may join by single sign-on.
// Pure, so the settings form, the service and the sign-up rule all read a domain the same way.

// labels of letters, digits and inner hyphens, at least two of them, the last alphabetic (a TLD)
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export const MAX_ALLOWED_DOMAINS = 100;

export const emailDomainSchema = z
  .string()
  .trim()
  .toLowerCase()
  // "@example.com" is what people paste from an address
  .transform((value) => value.replace(/^@/, ''))
  .refine((value) => DOMAIN.test(value), { error: (issue) => `"${String(issue.input).trim()}" is not a domain name (like example.com)` });

/** A comma-, space- or line-separated list as an admin types it → the distinct domains, in order. */
export const emailDomainListSchema = z
  .string({ error: 'Enter the domains, separated by commas or lines' })
  .max(10_000, 'At most 10,000 characters')
  .transform((text) => text.split(/[\s,;]+/).filter(Boolean))
  .pipe(z.array(emailDomainSchema).max(MAX_ALLOWED_DOMAINS, `At most ${MAX_ALLOWED_DOMAINS} domains`))
  .transform((domains) => [...new Set(domains)]);

/** The domain of an email address, lower-cased ('' when it has none). */
export function emailDomainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** Whether the address is at one of the domains (exactly: sub.example.com is not example.com). */
export function isEmailInDomains(email: string, domains: readonly string[]): boolean {
  const domain = emailDomainOf(email);
  return domain !== '' && domains.includes(domain);
}
