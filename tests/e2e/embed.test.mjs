// The embeddable bundle itself (dist/bundle/, the files the size budget counts), loaded by a
// plain HTML login page with one module script, under the reference server's strict CSP.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertNoProblems, sharedBrowser, openPage } from './support/browser.mjs';
import { typeCode, waitForHeading, waitOutCoolDown } from './support/demo.mjs';

const browser = sharedBrowser();

/** The policy the widget promises to run under, exactly as issue 4 states it. */
const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self'";

test('the reference server sends the strict policy with the example pages', async () => {
  const base = process.env.TWOSTEP_SERVER_URL;
  assert.ok(base, 'TWOSTEP_SERVER_URL is not set: run with `cargo xtask test e2e`');
  for (const path of ['/examples/plain-html/', '/examples/custom-element/', '/examples/adapter/', '/examples/leptos-host/', '/bundle/twostep.js']) {
    const response = await fetch(new URL(path, base));
    assert.equal(response.status, 200, path);
    assert.equal(response.headers.get('content-security-policy'), STRICT_CSP, path);
  }
});

test('a plain HTML page mounts the bundle and verifies over HTTP', { timeout: 30_000 }, async () => {
  const base = process.env.TWOSTEP_SERVER_URL;
  assert.ok(base, 'TWOSTEP_SERVER_URL is not set: run with `cargo xtask test e2e`');
  await waitOutCoolDown();
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
