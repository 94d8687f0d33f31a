// The demo page loads under its strict CSP and the Leptos app mounts into #app.

import { test } from 'node:test';

import { assertNoProblems, sharedBrowser, openPage } from './support/browser.mjs';

const browser = sharedBrowser();

test('the demo page mounts the app with no errors', { timeout: 30_000 }, async () => {
  const page = await openPage(browser(), '/');
  try {
    await page.waitForSelector('#app > *', { state: 'attached', timeout: 10_000 });
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});
