import { expect, test } from '@playwright/test';

// The interactive API reference a developer opens first, and the document it is built from.

test('the API reference at /api/docs shows the deal endpoints from the OpenAPI document', async ({ page, request }) => {
  const document = await request.get('/api/v1/openapi.json');
  expect(document.ok()).toBe(true);
  const json = await document.json();
  expect(json.openapi).toBe('3.1.0');
  expect(Object.keys(json.paths)).toContain('/deals/{id}/stage');

  await page.goto('/api/docs');
  // Swagger UI builds the page from a large bundle and the document: allow it a moment on a busy machine
  await expect(page.getByRole('heading', { name: /Dealboard API/ })).toBeVisible({ timeout: 15_000 });
  const createDeal = page.locator('.opblock-post').filter({ hasText: 'Create a deal' }).first();
  await expect(createDeal).toBeVisible();
  await createDeal.locator('.opblock-summary').click();
  await expect(page.getByText('CreateDeal').first()).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/api-docs.png' });
});

test('the public API refuses a request without a key, with a JSON reason', async ({ request }) => {
  const answer = await request.get('/api/v1/deals');
  expect(answer.status()).toBe(401);
  expect((await answer.json()).error.code).toBe('unauthorized');
  expect(answer.headers()['content-type']).toContain('application/json');
});
