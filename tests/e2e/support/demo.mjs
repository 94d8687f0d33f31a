// Steps on the demo page shared by the end-to-end tests.

import assert from 'node:assert/strict';

import { openPage } from './browser.mjs';

/** How long a screen may take to appear (the demo backend answers in 250 ms). */
export const SCREEN_TIMEOUT = 10_000;

/**
 * The reference servers' cool-down between two texts, calls or notifications to one user (per
 * user and method, across sessions), as `cargo xtask test` starts them: 1 s.
 */
export const COOL_DOWN_MS = 1_000;

/**
 * Waits out that cool-down. A test that texts or notifies a user whom the step or test before
 * it did waits first; sooner, the server refuses the send as `rate_limited`, as it must.
 */
export function waitOutCoolDown() {
  return new Promise((resolve) => setTimeout(resolve, COOL_DOWN_MS + 250));
}

/**
 * Opens the demo with the in-browser `scenario`, passes the fake password step and waits for
 * the widget.
 * @returns {Promise<import('playwright-core').Page & { problems: string[] }>}
 */
export async function signIn(browser, scenario, options = {}) {
  return signInAt(browser, `/?scenario=${scenario}`, options);
}

/**
 * Opens the demo at `pathAndQuery` (options as for `openPage`), passes the fake password step
 * and waits for the widget.
 * @returns {Promise<import('playwright-core').Page & { problems: string[] }>}
 */
export async function signInAt(browser, pathAndQuery, options = {}) {
  const page = await openPage(browser, pathAndQuery, options);
  await page.fill('#demo-password', 'correct horse battery staple');
  await page.click('.demo-form button[type=submit]');
  await page.locator('.ts h2.ts-title').waitFor({ timeout: SCREEN_TIMEOUT });
  return page;
}

/** Waits until the widget's heading reads `text`. */
export async function waitForHeading(page, text, timeout = SCREEN_TIMEOUT) {
  await page.locator('.ts h2.ts-title', { hasText: text }).waitFor({ timeout });
  assert.equal((await page.locator('.ts h2.ts-title').innerText()).trim(), text);
}

/** The newest code the simulated phone received by text. */
export async function newestTextedCode(page) {
  const message = page.locator('[data-text-code]').first();
  await message.waitFor({ timeout: SCREEN_TIMEOUT });
  return message.getAttribute('data-text-code');
}

/** Types into the code field the way a person does, key by key. */
export async function typeCode(page, code) {
  await page.locator('input.ts-code').fill('');
  await page.locator('input.ts-code').pressSequentially(code);
}

/** Clicks the widget button whose text contains `label`. */
export async function clickButton(page, label) {
  await page.locator('.ts').getByRole('button', { name: label }).first().click();
}

/** Waits for the demo's signed-in screen and returns the assertion it shows. */
export async function waitForSignedIn(page, timeout = SCREEN_TIMEOUT) {
  await page.locator('.demo-done .demo-title', { hasText: "You're signed in" }).waitFor({ timeout });
  return page.locator('.demo-assertion').innerText();
}

/** Opens "View details", clicks "Copy details" and waits for "Copied". */
export async function copyDetails(page) {
  await page.locator('.ts-details summary').click();
  await clickButton(page, 'Copy details');
  await page.locator('.ts-copied', { hasText: 'Copied' }).waitFor({ timeout: SCREEN_TIMEOUT });
}

/** Parses "Name: value" lines into a Map, failing on any other line. */
export function parseDetails(text) {
  const fields = new Map();
  for (const line of text.split('\n').filter(Boolean)) {
    const at = line.indexOf(': ');
    assert.ok(at > 0, `not a "Name: value" line: ${JSON.stringify(line)}`);
    fields.set(line.slice(0, at), line.slice(at + 2));
  }
  return fields;
}

/** Waits (a frame or two) until the element with `data-focus="key"` has focus. */
export async function waitForFocus(page, key) {
  await page.waitForFunction(
    (k) => {
      // Focus inside a shadow root shows on the document as its host.
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      return active?.getAttribute('data-focus') === k;
    },
    key,
    { timeout: 2_000 },
  );
}

/** Matches an en-US details timestamp, "Nov 28, 2026, 7:42:05 PM UTC (Etc/UTC) / 2026-11-28T19:42:05Z":
 * the local time as Intl writes it with its zone, the IANA zone, then UTC in ISO 8601. */
export const TIMESTAMP =
  /^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d:\d\d\s[AP]M \S+( \([^)]+\))? \/ \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** Matches a public session reference, the "Session ID" people see: `TS-` and three groups of
 * four Crockford base32 characters (the reference server's and the in-browser demo's). */
export const SESSION_REF = /^TS-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** Matches the widget's UUID-shaped correlation IDs. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** The reference server the tests of the bundle use (quick cool-downs and lockouts). */
export function serverUrl() {
  const base = process.env.TWOSTEP_SERVER_URL;
  assert.ok(base, 'TWOSTEP_SERVER_URL is not set: run with `cargo xtask test e2e`');
  return base;
}

/** The newest code the reference server at `base` texted for the session `sessionRef`. */
export async function sessionCode(base, sessionRef) {
  const url = new URL('/dev/outbox', base);
  url.searchParams.set('session_ref', sessionRef);
  const text = (await (await fetch(url)).json()).filter((d) => d.kind === 'text').at(-1);
  assert.ok(text, `no text for ${sessionRef}`);
  return text.code;
}

/** Submits an example page's password form (examples/). */
export async function passwordStep(page) {
  await page.locator('#password').waitFor({ timeout: 20_000 });
  await page.fill('#password', 'hunter2');
  await page.click('#password-step button[type=submit]');
}

/** The newest code the reference server at `base` texted to `to`, from its development outbox. */
export async function textedCode(base, to) {
  const outbox = await (await fetch(new URL('/dev/outbox', base))).json();
  const text = outbox.filter((d) => d.kind === 'text' && d.to === to).at(-1);
  assert.ok(text, `no text to ${to} in ${JSON.stringify(outbox)}`);
  return text.code;
}

/**
 * The browser's WebOTP, for the page: headless Chromium receives no text messages, so this
 * stands in for the phone's SMS app. It records each `navigator.credentials.get` call, and
 * `window.deliverOtp(code)` answers the newest one as Chrome does when a text arrives.
 */
export function webOtpStandIn() {
  window.otpAsks = [];
  window.OTPCredential = function OTPCredential() {};
  navigator.credentials.get = (options) => new Promise((resolve, reject) => {
    const ask = { otp: options.otp, aborted: false };
    window.otpAsks.push(ask);
    options.signal?.addEventListener('abort', () => {
      ask.aborted = true;
      reject(new DOMException('The operation was aborted.', 'AbortError'));
    });
    window.deliverOtp = (code) => resolve({ type: 'otp', id: 'otp', code });
  });
}
