import type { Page } from '@playwright/test';

/**
 * dnd-kit's KeyboardSensor starts listening for arrow keys in a setTimeout queued when the item is
 * picked up (the same call that announces the pick-up). A timer queued after the announcement runs
 * after that one, so arrow keys pressed afterwards are never lost on a slow machine.
 */
export async function keyboardSensorListening(page: Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((resolve) => setTimeout(resolve, 0)));
}
