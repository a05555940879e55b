import { expect, test } from '@playwright/test';

// Settings → API keys as a manager uses it (the browser acts as Maya Manager): a key without a name
// is refused by the field, a new key is shown once and works against the REST API at once, its row
// shows when it was last used, and revoking it locks the key out of the API straight away. Only
// keys this file creates are touched.

test.use({ viewport: { width: 1280, height: 800 } });

const keyName = `E2E key ${Math.random().toString(36).slice(2, 7)}`;

test('create an API key, use it, see it used, revoke it; a nameless key is refused by its field', async ({ page, request }) => {
  await page.goto('/settings/api-keys');
  await expect(page.getByRole('heading', { name: 'API keys' })).toBeVisible();
  const rows = page.getByRole('table', { name: 'API keys' }).getByRole('row');
  const rowsBefore = await rows.count();

  // no name: the field says why and no key is made
  await page.getByRole('button', { name: 'Create key' }).click();
  const nameField = page.getByLabel("New key's name");
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Give the key a name')).toBeVisible();
  await expect(page.getByRole('status', { name: 'New API key' })).toHaveCount(0);
  await expect(rows).toHaveCount(rowsBefore);

  // created: shown once, in full
  await nameField.fill(keyName);
  await page.getByRole('button', { name: 'Create key' }).click();
  const panel = page.getByRole('status', { name: 'New API key' });
  await expect(panel).toContainText(`Copy the key “${keyName}” now`);
  const key = await panel.getByLabel(`The key ${keyName}`).inputValue();
  expect(key).toMatch(/^dbk_[A-Za-z0-9_-]{40,}$/);
  const row = page.getByRole('row', { name: `API key ${keyName}` });
  await expect(row).toContainText('Active');
  await expect(row).toContainText('Never');
  await expect(row).toContainText(key.slice(0, 10));

  // the key works against the API
  const listed = await request.get('/api/v1/deals?limit=1', { headers: { 'X-Api-Key': key } });
  expect(listed.status()).toBe(200);
  expect((await listed.json()).data).toHaveLength(1);

  // after a reload the key itself is gone from the page, and its row shows it was used
  await page.reload();
  await expect(page.getByRole('status', { name: 'New API key' })).toHaveCount(0);
  await expect(page.getByText(key)).toHaveCount(0);
  await expect(row).not.toContainText('Never');

  // revoked: confirmed in a dialog, then refused by the API at once
  await row.getByRole('button', { name: `Revoke API key ${keyName}` }).click();
  const dialog = page.getByRole('dialog', { name: `Revoke API key “${keyName}”?` });
  await dialog.getByRole('button', { name: 'Revoke key' }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  const refused = await request.get('/api/v1/deals?limit=1', { headers: { 'X-Api-Key': key } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).error.code).toBe('unauthorized');
});
