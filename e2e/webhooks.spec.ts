import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { Webhook } from 'standardwebhooks';
import { storageStatePath } from './support/auth';

// Settings → Webhooks as an admin uses it: a URL the server may not reach is refused by its field,
// a new endpoint pointing at a real receiver (started here, on 127.0.0.1 — the e2e server runs with
// WEBHOOKS_ALLOW_PRIVATE=true) shows its secret once, and "Send test event" reaches the receiver,
// signed with that secret, and shows as succeeded in the delivery log. Only the endpoint this file
// creates is touched, and it is deleted at the end.

test.use({ storageState: storageStatePath('admin') });

interface Received {
  headers: Record<string, string>;
  body: string;
}

test('add a webhook, see its secret once, send a test event and see it delivered', async ({ page }) => {
  const received: Received[] = [];
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        headers: Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)])),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${Math.random().toString(36).slice(2, 7)}`;

  try {
    await page.goto('/settings/webhooks');
    await expect(page.getByRole('heading', { name: 'Webhooks', exact: true })).toBeVisible();
    const form = page.getByRole('form', { name: 'Add a webhook' });

    // not http(s): refused next to the field, nothing added
    const urlField = form.getByLabel('Endpoint URL');
    await urlField.fill('ftp://example.com/hooks');
    await form.getByRole('button', { name: 'Add webhook' }).click();
    await expect(urlField).toHaveAttribute('aria-invalid', 'true');
    await expect(form.getByText('Only http and https URLs can receive webhooks.')).toBeVisible();
    await expect(page.getByRole('status', { name: 'New webhook secret' })).toHaveCount(0);

    // only deal events, chosen by record type
    await urlField.fill(url);
    await form.getByLabel('Description (optional)').fill('E2E receiver');
    await form.getByLabel('Only these:').check();
    await expect(form.getByRole('group', { name: 'deal events' }).getByLabel('deal.won')).toBeVisible();
    await form.getByRole('group', { name: 'deal events' }).getByLabel('deal.won').check();
    await page.screenshot({ path: 'e2e/artifacts/webhooks-form.png', fullPage: true });
    await form.getByRole('button', { name: 'Add webhook' }).click();

    const panel = page.getByRole('status', { name: 'New webhook secret' });
    await expect(panel).toContainText('Copy the signing secret');
    const secret = await panel.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const card = page.getByRole('region', { name: `Webhook ${url}` });
    await expect(card).toContainText('active');
    await expect(card).toContainText('deal.created, deal.updated, deal.won');
    await expect(card).toContainText('No deliveries yet.');

    // the test event: delivered, signed with the secret just shown, and succeeded in the log
    await card.getByRole('button', { name: 'Send test event' }).click();
    const log = card.getByRole('table', { name: `Deliveries to ${url}` });
    const row = log.getByRole('row', { name: 'Delivery webhook.test' });
    await expect(row).toContainText('succeeded', { timeout: 20_000 });
    await expect(row).toContainText('204');
    expect(received).toHaveLength(1);
    const verified = new Webhook(secret).verify(received[0]!.body, received[0]!.headers) as { type: string };
    expect(verified.type).toBe('webhook.test');
    // the settings content scrolls inside the page: bring the endpoint and its log into view
    await log.scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'e2e/artifacts/webhooks.png' });

    // on a phone the page still reads
    await page.setViewportSize({ width: 390, height: 844 });
    await card.getByRole('button', { name: 'Send test event' }).scrollIntoViewIfNeeded();
    await expect(card.getByRole('button', { name: 'Send test event' })).toBeVisible();
    await page.screenshot({ path: 'e2e/artifacts/webhooks-phone.png' });
    await page.setViewportSize({ width: 1440, height: 900 });

    // after a reload the secret is gone for good
    await page.reload();
    await expect(page.getByRole('status', { name: 'New webhook secret' })).toHaveCount(0);
    await expect(page.getByText(secret)).toHaveCount(0);

    // paused, then deleted
    await card.getByRole('button', { name: 'Pause' }).click();
    await expect(card).toContainText('paused');
    await expect(card.getByRole('button', { name: 'Send test event' })).toBeDisabled();
    await card.getByRole('button', { name: `Delete webhook ${url}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete webhook' }).click();
    await expect(card).toHaveCount(0);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
