import { describe, expect, it } from 'vitest';
import { safeReturnPath, signInPathFor } from '../../lib/auth/sign-in-path';

// The open-redirect guard for /sign-in?next=…: whatever comes in, what comes out is used as a
// Location (redirect(returnTo), router.push), so it must be a path a browser resolves on our own
// origin. Each case is judged by what a browser does with the value, not by how it looks.

const SITE = 'https://crm.example.com';

/** Where a browser on the sign-in page goes when it follows this Location. */
function browserTarget(location: string): URL {
  return new URL(location, `${SITE}/sign-in?next=x`);
}

function expectSameSite(output: string): void {
  expect(output.startsWith('/')).toBe(true);
  expect(output.startsWith('//')).toBe(false);
  expect(browserTarget(output).origin).toBe(SITE);
  // nothing a header or a URL parser would cut or reinterpret
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it must not hold
  expect(output).not.toMatch(/[\u0000-\u001f\u007f\\\s]/);
  // feeding it back (the value travels through ?next= again) changes nothing
  expect(safeReturnPath(output)).toBe(output);
}

describe('safeReturnPath', () => {
  it('keeps a same-site path with its query and hash', () => {
    expect(safeReturnPath('/deals')).toBe('/deals');
    expect(safeReturnPath('/deals?status=open&owner=3')).toBe('/deals?status=open&owner=3');
    expect(safeReturnPath('/pipelines/12?view=board#stage-4')).toBe('/pipelines/12?view=board#stage-4');
    expect(safeReturnPath('/companies/acme%20inc')).toBe('/companies/acme%20inc');
    expect(safeReturnPath('/')).toBe('/');
    // a query that itself names another site is only data on our own page
    expect(safeReturnPath('/deals?next=https://evil.example')).toBe('/deals?next=https://evil.example');
    expectSameSite(safeReturnPath('/deals?status=open#top'));
  });

  it('answers / for nothing', () => {
    expect(safeReturnPath(null)).toBe('/');
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath('')).toBe('/');
  });

  it.each([
    ['absolute URL', 'https://evil.example'],
    ['absolute URL with path', 'http://evil.example/deals'],
    ['protocol-relative', '//evil.example'],
    ['protocol-relative with path', '//evil.example/sign-in'],
    ['triple slash', '///evil.example'],
    ['backslash as slash', '/\\evil.example'],
    ['double backslash', '\\\\evil.example'],
    ['backslash after slash', '/\\/evil.example'],
    ['slash then backslash deeper', '/deals/\\..\\..\\/evil.example'],
    ['javascript: URL', 'javascript:alert(1)'],
    ['javascript: URL, upper case', 'JavaScript:alert(document.cookie)'],
    ['data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['scheme-relative to our own scheme', 'https:evil.example'],
    ['host with credentials', '//crm.example.com@evil.example'],
    ['leading space', ' //evil.example'],
    ['tab inside (browsers strip it: //evil.example)', '/\t/evil.example'],
    ['newline inside (browsers strip it: //evil.example)', '/\n/evil.example'],
    ['carriage return inside', '/\r/evil.example'],
    ['header injection', '/deals\r\nSet-Cookie: a=b'],
    ['NUL', '/deals\u0000'],
    ['other control character', '/deals\u001b'],
    // dot segments that collapse to a leading // (the URL parser removes them)
    ['dot segment then //', '/.//evil.example'],
    ['parent segment then //', '/deals/..//evil.example'],
    ['parent above root then //', '/..//evil.example/x'],
    ['encoded dot segment then //', '/%2e//evil.example'],
    ['encoded parent segment then //', '/deals/%2e%2e//evil.example'],
    ['upper-case encoded parent then //', '/%2E%2E//evil.example'],
  ])('turns %s into /', (_name, candidate) => {
    expect(safeReturnPath(candidate)).toBe('/');
  });

  it('keeps an encoded //, which a browser leaves encoded on our own origin', () => {
    // a browser does not decode %2F in a Location's path: this is the path "/%2F%2Fevil.example" here
    const output = safeReturnPath('/%2F%2Fevil.example');
    expectSameSite(output);
    expect(browserTarget(output).pathname).toBe('/%2F%2Fevil.example');
    expectSameSite(safeReturnPath('/%5C%5Cevil.example'));
    expectSameSite(safeReturnPath('/%09/evil.example'));
  });

  it('refuses a very long value, and keeps one at the limit', () => {
    expect(safeReturnPath(`/${'a'.repeat(5000)}`)).toBe('/');
    expect(safeReturnPath(`/${'a'.repeat(2048)}`)).toBe('/');
    const atLimit = `/${'a'.repeat(2047)}`;
    expect(safeReturnPath(atLimit)).toBe(atLimit);
    // long and hostile: no catastrophic backtracking, answered at once
    const started = performance.now();
    expect(safeReturnPath(`/${'/\\'.repeat(100_000)}`)).toBe('/');
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('never yields a value a browser resolves to another origin (every combination of tricky pieces)', () => {
    const pieces = ['/', '\\', '.', '..', '%2e', '%2f', '%5c', '\t', '\n', ':', '@', 'evil.example', '?', '#'];
    const failures: string[] = [];
    let checked = 0;
    const walk = (prefix: string, depth: number): void => {
      for (const candidate of [prefix, `/${prefix}`]) {
        const output = safeReturnPath(candidate);
        const safe =
          output.startsWith('/') &&
          !output.startsWith('//') &&
          browserTarget(output).origin === SITE &&
          // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it must not hold
          !/[\u0000-\u001f\u007f\\\s]/.test(output) &&
          safeReturnPath(output) === output;
        if (!safe) failures.push(`${JSON.stringify(candidate)} -> ${JSON.stringify(output)}`);
        checked += 1;
      }
      if (depth === 0) return;
      for (const piece of pieces) walk(`${prefix}${piece}`, depth - 1);
    };
    walk('', 4);
    expect(failures.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(50_000);
  });
});

describe('signInPathFor', () => {
  it('carries the page to come back to, encoded, in ?next=', () => {
    expect(signInPathFor('/deals?status=open')).toBe('/sign-in?next=%2Fdeals%3Fstatus%3Dopen');
    expect(signInPathFor('/pipelines/4#stage-2')).toBe('/sign-in?next=%2Fpipelines%2F4%23stage-2');
    // what the sign-in page reads back is the same path
    const path = '/deals?q=a&b=c d#x';
    const next = new URL(signInPathFor(path), SITE).searchParams.get('next');
    expect(next).toBe(safeReturnPath(path));
    expect(safeReturnPath(next)).toBe(next);
  });

  it('drops next for the home page, for sign-in pages and for anything unsafe', () => {
    expect(signInPathFor('/')).toBe('/sign-in');
    expect(signInPathFor(null)).toBe('/sign-in');
    expect(signInPathFor(undefined)).toBe('/sign-in');
    expect(signInPathFor('/sign-in')).toBe('/sign-in');
    expect(signInPathFor('/sign-in?next=%2Fdeals')).toBe('/sign-in');
    expect(signInPathFor('/sign-in/anything')).toBe('/sign-in');
    expect(signInPathFor('//evil.example')).toBe('/sign-in');
    expect(signInPathFor('https://evil.example')).toBe('/sign-in');
    expect(signInPathFor('/.//evil.example')).toBe('/sign-in');
  });
});
