// The demo page loads under its strict CSP and the Leptos app mounts into #app.

import { after, before, test } from 'node:test';

import { assertNoProblems, launchBrowser, openPage } from './support/browser.mjs';

/** @type {import('playwright-core').Browser} */
let browser;

before(async () => {
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test('the demo page mounts the app with no errors', { timeout: 30_000 }, async () => {
  const page = await openPage(browser, '/');
  try {
    await page.waitForSelector('#app > *', { state: 'attached', timeout: 10_000 });
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});
