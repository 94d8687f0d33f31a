// The embeddable bundle itself (dist/bundle/, the files the size budget counts), loaded by a
// plain HTML login page with one module script, under the reference server's strict CSP.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertNoProblems, sharedBrowser, openPage } from './support/browser.mjs';
import { typeCode, waitForHeading } from './support/demo.mjs';

const browser = sharedBrowser();

test('a plain HTML page mounts the bundle and verifies over HTTP', { timeout: 30_000 }, async () => {
  const base = process.env.TWOSTEP_SERVER_URL;
  assert.ok(base, 'TWOSTEP_SERVER_URL is not set: run with `cargo xtask test e2e`');
  const page = await openPage(browser(), '/examples/plain-html/', { base, expectedStatuses: [422] });
  try {
    await page.fill('#password', 'hunter2');
    await page.click('#password-step button[type=submit]');
    await waitForHeading(page, 'Enter the code we texted you');
    // Read the newest text from the server's development outbox.
    const outbox = await (await fetch(new URL('/dev/outbox', base))).json();
    const text = outbox.filter((d) => d.kind === 'text').at(-1);
    assert.equal(text.to, '••••••45');
    await typeCode(page, text.code);
    await waitForHeading(page, "You're verified");
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});
