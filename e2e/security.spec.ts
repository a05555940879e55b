import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

// The doors of the web app against a hostile world: hardened headers, a foreign Host name (DNS
// rebinding), cross-site server-action POSTs, and records named like markup or spreadsheet
// formulas rendered as plain text everywhere (and neutralised in CSV).

const XSS = '<img src=x onerror=alert(1)>';
const FORMULA = '=HYPERLINK("http://evil.example","click")';

test('pages are sent with headers that forbid framing, sniffing and foreign scripts', async ({ request }) => {
  const answer = await request.get('/sign-in');
  const headers = answer.headers();
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
});

test('a request naming another host is refused (DNS rebinding)', async ({ request }) => {
  const answer = await request.get('/pipelines', { headers: { Host: 'evil.example:3210' } });
  expect(answer.status()).toBe(421);
  expect((await answer.json()).error.code).toBe('misdirected_request');
});

test('a server action posted cross-site, with a null Origin or with none is refused with 403 and creates nothing', async ({ request, page }) => {
  await page.goto('/account');
  const rows = page.getByRole('table', { name: 'API keys' }).getByRole('row');
  const before = await rows.count();
  for (const origin of ['http://evil.example', 'null', undefined]) {
    const headers: Record<string, string> = { 'Next-Action': '7f0000000000000000000000000000000000000000', 'Content-Type': 'text/plain;charset=UTF-8' };
    if (origin) headers.Origin = origin;
    const answer = await request.post('/account', { headers, data: '["Minted by a foreign page"]' });
    expect(answer.status(), `Origin ${origin ?? '(none)'}`).toBe(403);
    expect((await answer.json()).error.code).toBe('forbidden');
  }
  await page.reload();
  await expect(rows).toHaveCount(before);
});

async function createKey(page: Page): Promise<string> {
  await page.goto('/account');
  const name = `XSS check ${Date.now().toString(36)}`;
  await page.getByLabel("New key's name").fill(name);
  await page.getByRole('button', { name: 'Create key' }).click();
  return page.getByRole('status', { name: 'New API key' }).getByLabel(`The key ${name}`).inputValue();
}

async function api(request: APIRequestContext, key: string, method: 'post' | 'put', path: string, data: unknown) {
  const answer = await request[method](`/api/v1${path}`, { headers: { 'X-Api-Key': key }, data });
  expect(answer.ok(), `${method} ${path}: ${await answer.text()}`).toBe(true);
  return (await answer.json()).data;
}

test('records named like markup or formulas show as text on every page and are neutralised in CSV', async ({ page, request }) => {
  const alerts: string[] = [];
  page.on('dialog', async (dialog) => {
    alerts.push(dialog.message());
    await dialog.dismiss();
  });
  const key = await createKey(page);
  const pipeline = await api(request, key, 'post', '/pipelines', { name: `Hostile ${Date.now().toString(36)}`, stages: [{ name: XSS }, { name: FORMULA }] });
  const [firstStage, secondStage] = pipeline.stages as { id: string }[];
  const contact = await api(request, key, 'post', '/contacts', { first_name: XSS, last_name: 'Contact' });
  const deal = await api(request, key, 'post', '/deals', {
    name: XSS,
    pipeline_id: pipeline.id,
    stage_id: firstStage!.id,
    value: 100,
    currency: 'USD',
    contact_id: contact.id,
  });
  // through both stages, so the funnel (and its CSV) lists both names
  await api(request, key, 'post', `/deals/${deal.id}/stage`, { stage_id: secondStage!.id });
  await api(request, key, 'post', '/activities', { deal_id: deal.id, type: 'note', subject: XSS });
  await api(request, key, 'put', `/deals/${deal.id}/line-items`, { tax_type: 'no_tax', items: [{ name: XSS, qty: 1, unit_price: 100 }] });

  await page.goto(`/pipelines/${pipeline.id}`);
  await expect(page.getByRole('link', { name: XSS }).first()).toBeVisible();
  await expect(page.getByText(XSS).first()).toBeVisible();
  await page.goto(`/deals/${deal.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(XSS);
  await expect(page.getByText(XSS).nth(2)).toBeVisible();
  await page.goto(`/deals?q=${encodeURIComponent('onerror')}`);
  await expect(page.getByRole('table', { name: 'Deals' }).getByText(XSS).first()).toBeVisible();
  await page.goto(`/contacts?q=${encodeURIComponent('onerror')}`);
  await expect(page.getByText(XSS).first()).toBeVisible();
  await page.goto(`/reports/funnel?pipeline=${pipeline.id}`);
  await expect(page.getByRole('table', { name: 'Conversion by stage' }).getByText(XSS).first()).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);

  const csv = await request.get(`/reports/funnel/csv?pipeline=${pipeline.id}`);
  expect(csv.ok()).toBe(true);
  const text = await csv.text();
  expect(text).toContain(`'${FORMULA.replaceAll('"', '""')}`);
  expect(text).not.toMatch(/(^|,)=HYPERLINK/m);
  expect(alerts).toEqual([]);
});

test('a real server action replayed without a session is refused and changes nothing', async ({ page, playwright, baseURL }) => {
  await page.goto('/account');
  const keyName = `Replayed ${Date.now().toString(36)}`;
  const sent = page.waitForRequest((r) => r.method() === 'POST' && Boolean(r.headers()['next-action']));
  await page.getByLabel("New key's name").fill(keyName);
  await page.getByRole('button', { name: 'Create key' }).click();
  const original = await sent;
  await expect(page.getByRole('status', { name: 'New API key' })).toBeVisible();

  // an explicit empty state: a context made here would otherwise carry the signed-in manager's cookies
  const anonymous = await playwright.request.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const replay = await anonymous.post('/account', {
    headers: { 'Next-Action': original.headers()['next-action']!, Origin: baseURL!, 'Content-Type': original.headers()['content-type'] ?? 'text/plain' },
    data: original.postData() ?? '',
    maxRedirects: 0,
  });
  // sent to sign in, never answered with the action's result
  expect(replay.headers()['x-action-redirect'] ?? replay.headers().location ?? '').toMatch(/^\/sign-in/);
  expect(await replay.text()).not.toContain('dbk_');
  await anonymous.dispose();

  await page.reload();
  await expect(page.getByRole('table', { name: 'API keys' }).getByRole('row', { name: `API key ${keyName}` })).toHaveCount(1);
});
