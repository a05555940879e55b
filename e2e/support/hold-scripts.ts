import type { Page } from '@playwright/test';

/**
 * Holds the app's scripts (not its styles, which a streamed page waits for) until `release` is
 * called, so whatever the test does first lands in the server's HTML, before hydration.
 */
export async function holdScripts(page: Page): Promise<{ release: () => void }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/_next\/static\/chunks\/.+\.js(\?|$)/, async (route) => {
    await released;
    await route.continue();
  });
  return { release };
}
