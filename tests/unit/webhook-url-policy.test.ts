import { describe, expect, it } from 'vitest';
import { isForbiddenAddress } from '../../lib/webhooks/forbidden-addresses';
import { checkWebhookUrl } from '../../lib/webhooks/webhook-url-policy';

// The SSRF guard's pure part: which addresses a webhook may never reach, and which URLs are refused
// before any name is resolved.

describe('isForbiddenAddress', () => {
  it.each([
    '127.0.0.1',
    '127.255.255.254',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.0.1',
    '100.64.0.1',
    '169.254.169.254',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '::',
    '::1',
    'fe80::1',
    'fe80::1%eth0',
    'fc00::1',
    'fdff:ffff::1',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:a9fe:a9fe',
    '::ffff:0:10.0.0.1',
    '::10.0.0.1',
    '64:ff9b::192.168.1.1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::8.8.8.8'])('allows %s', (address) => {
    expect(isForbiddenAddress(address)).toBe(false);
  });
});

describe('checkWebhookUrl', () => {
  it('accepts http and https URLs of public hosts', () => {
    expect(checkWebhookUrl('https://hooks.example.com/in', false)).toMatchObject({ ok: true, host: 'hooks.example.com', literal: false });
    expect(checkWebhookUrl('http://[2606:4700::1111]:8080/', false)).toMatchObject({ ok: true, host: '2606:4700::1111', literal: true });
  });

  it('refuses other schemes, credentials, and private IP literals (in any spelling the URL parser accepts)', () => {
    for (const url of [
      'ftp://example.com/',
      'file:///etc/passwd',
      'https://a:b@example.com/',
      'http://2130706433/',
      'http://0x7f000001/',
      'http://[::1]/',
      'nonsense',
    ]) {
      expect(checkWebhookUrl(url, false).ok).toBe(false);
    }
  });

  it('allows private addresses when told to, but never another scheme', () => {
    expect(checkWebhookUrl('http://127.0.0.1:4000/hooks', true).ok).toBe(true);
    expect(checkWebhookUrl('ftp://127.0.0.1/', true).ok).toBe(false);
  });
});
