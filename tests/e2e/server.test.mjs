// The widget over real HTTP against the reference server (twostep-server --dev), as
// `cargo xtask test` starts it: TWOSTEP_SERVER_URL with short cool-downs and attempts, and
// TWOSTEP_SHORT_URL with a short verification window.

import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';

import { assertNoProblems, sharedBrowser, readClipboard } from './support/browser.mjs';
import {
  SCREEN_TIMEOUT,
  SESSION_REF,
  TIMESTAMP,
  UUID,
  clickButton,
  copyDetails,
  newestTextedCode,
  parseDetails,
  signInAt,
  textedCode,
  typeCode,
  waitForHeading,
  waitForSignedIn,
  waitOutCoolDown,
  webOtpStandIn,
} from './support/demo.mjs';

function serverUrl(name) {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: run these tests with \`cargo xtask test e2e\``);
  return url;
}

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s), computed here from the seeded secret. */
function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '')) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, '0');
}

const directory = JSON.parse(
  readFileSync(new URL('../../crates/server/demo-directory.json', import.meta.url), 'utf8'),
);
const secretOf = (email) =>
  directory.users.find((u) => u.email === email).methods.find((m) => m.kind === 'totp').secret;

const browser = sharedBrowser();

// Every test texts or notifies a demo user whom the test before may have.
beforeEach(waitOutCoolDown);

/** Opens the server-served demo as `user`, passes the password step, waits for the widget. */
function signInAs(user, base = serverUrl('TWOSTEP_SERVER_URL'), options = {}) {
  // An error status (409 paused, 410 expired, 422 wrong code, 429 lockout) is an answer of the
  // contract.
  return signInAt(browser(), `/?user=${encodeURIComponent(user)}`, {
    base,
    expectedStatuses: [409, 410, 422, 429],
    ...options,
  });
}

/** The simulated phone's pending notification (the one with buttons). */
const pendingPush = (page) =>
  page.locator('.demo-msg', { hasText: 'are you trying to sign in?' }).filter({ has: page.locator('button') });

test('over HTTP: a text to the primary phone signs in', { timeout: 30_000 }, async () => {
  const page = await signInAs('alex@contoso.example');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await page.locator('.ts-sent', { hasText: 'We texted' }).waitFor();
    assert.match(await page.locator('.ts-sent').innerText(), /^We texted a code to ••••••12 at \d{1,2}:\d\d\s[AP]M\.$/);
    await typeCode(page, await newestTextedCode(page));
    assert.ok((await waitForSignedIn(page)).length >= 16);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('over HTTP: WebOTP fills in the code the server texted', { timeout: 30_000 }, async () => {
  const page = await signInAs('alex@contoso.example', undefined, { initScript: webOtpStandIn });
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await page.waitForFunction(() => window.otpAsks.length === 1);
    await page.evaluate((code) => window.deliverOtp(code), await newestTextedCode(page));
    assert.ok((await waitForSignedIn(page)).length >= 16);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('over HTTP: switching to the alternate phone', { timeout: 30_000 }, async () => {
  const page = await signInAs('alex@contoso.example');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await clickButton(page, 'Use a different verification option');
    await page.locator('.ts-option[data-method="sms-2"]').click();
    await page.locator('.ts-sent', { hasText: '••••••78' }).waitFor({ timeout: SCREEN_TIMEOUT });
    await page.locator('.demo-msg', { hasText: 'Text to ••••••78' }).waitFor({ timeout: SCREEN_TIMEOUT });
    // The first phone's code no longer works, and the screen says so.
    await page.locator('.ts-note', { hasText: 'only the newest one works' }).waitFor({ timeout: SCREEN_TIMEOUT });
    // Nothing failed, yet the help section's details give support the server's IDs, and no secret.
    await page.locator('.ts-help summary').click();
    await copyDetails(page);
    const text = await readClipboard(page);
    const fields = parseDetails(text);
    assert.equal(fields.get('Error code'), 'none');
    assert.equal(fields.get('User ID'), 'alex@contoso.example');
    assert.match(fields.get('Session ID'), SESSION_REF);
    assert.match(fields.get('Correlation ID'), UUID);
    assert.equal(fields.get('Method attempted'), 'Text a code to ••••••78');
    assert.doesNotMatch(text, /sh_[A-Za-z0-9_-]{16}/, 'no session handle');
    await typeCode(page, await newestTextedCode(page));
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('over HTTP: an app code computed here from the seeded secret', { timeout: 30_000 }, async () => {
  const page = await signInAs('alex@contoso.example');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await clickButton(page, 'Use a different verification option');
    await page.locator('.ts-option[data-method="totp"]').click();
    await waitForHeading(page, 'Enter the code from your authenticator app');
    await typeCode(page, totp(secretOf('alex@contoso.example')));
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('over HTTP: a push approved with its number, and a push denied, on the phone', { timeout: 40_000 }, async () => {
  for (const outcome of ['approved', 'denied']) {
    // Kim's directory entry has no number matching, but the server matches every push.
    const page = await signInAs('kim@contoso.example');
    try {
      await waitForHeading(page, 'Approve the sign-in on your app');
      const number = (await page.locator('.ts-number').innerText()).trim();
      assert.match(number, /^\d\d$/);
      const push = pendingPush(page);
      await push.waitFor({ timeout: SCREEN_TIMEOUT });
      if (outcome === 'approved') {
        await push.locator(`.demo-number[data-number="${number}"]`).click();
        await waitForSignedIn(page);
      } else {
        await push.getByRole('button', { name: 'Deny', exact: true }).click();
        await waitForHeading(page, 'The sign-in request was denied');
        // A denial suggests another option (Kim has the app's codes too).
        await page.locator('.ts-failure .ts-link.ts-emphasis', { hasText: 'Use a different verification option' }).waitFor();
      }
      assertNoProblems(page);
    } finally {
      await page.context().close();
    }
    await waitOutCoolDown();
  }
});

test('over HTTP: number matching refuses the wrong number and accepts the right one', { timeout: 40_000 }, async () => {
  const page = await signInAs('alex@contoso.example');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await clickButton(page, 'Use a different verification option');
    await page.locator('.ts-option[data-method="push"]').click();
    await waitForHeading(page, 'Approve the sign-in on your app');
    let number = (await page.locator('.ts-number').innerText()).trim();
    await page.locator(`.demo-number:not([data-number="${number}"])`).first().click();
    await waitForHeading(page, 'The sign-in request was denied');
    await waitOutCoolDown();
    await clickButton(page, 'Try again');
    await waitForHeading(page, 'Approve the sign-in on your app');
    number = (await page.locator('.ts-number').innerText()).trim();
    await page.locator(`.demo-number[data-number="${number}"]`).first().click();
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('over HTTP: a call asks for the number on screen, and keying it in approves', { timeout: 40_000 }, async () => {
  const page = await signInAs('alex@contoso.example');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await clickButton(page, 'Use a different verification option');
    await page.locator('.ts-option[data-method="voice-1"]').click();
    await waitForHeading(page, 'Answer the call to sign in');
    assert.equal(await page.locator('.ts-match-label').innerText(), 'Key in this number when the call asks:');
    const number = (await page.locator('.ts-number').innerText()).trim();
    assert.match(number, /^\d\d$/);
    assert.equal(await page.locator('.ts-number').getAttribute('aria-label'), `Number to key in on the call: ${number}`);
    const call = page.locator('.demo-msg', { hasText: 'Incoming call to ••••••12' });
    await call.locator(`.demo-number[data-number="${number}"]`).click();
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('over HTTP: after a resend the old code is refused and the new one works', { timeout: 40_000 }, async () => {
  const page = await signInAs('sam@contoso.example');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    const old = await newestTextedCode(page);
    const resend = page.locator('.ts').getByRole('button', { name: 'Send a new code', exact: true });
    await resend.waitFor({ timeout: 10_000 });
    await resend.click();
    await page.locator('.ts-note', { hasText: 'only the newest one works' }).waitFor({ timeout: SCREEN_TIMEOUT });
    await page.locator('.demo-msg').nth(1).waitFor({ timeout: SCREEN_TIMEOUT });
    const fresh = await newestTextedCode(page);
    assert.notEqual(fresh, old);
    await typeCode(page, old);
    await page.locator('.ts-notice', { hasText: "That code didn't work" }).waitFor({ timeout: SCREEN_TIMEOUT });
    await typeCode(page, fresh);
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('over HTTP: attempts run out, then a lockout with a retry time', { timeout: 30_000 }, async () => {
  const page = await signInAs('sam@contoso.example');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    // Three different wrong codes: the same one again would be a retry, answered alike and
    // not counted.
    await typeCode(page, '000000');
    await page.locator('.ts-notice', { hasText: 'You have 2 tries left.' }).waitFor({ timeout: SCREEN_TIMEOUT });
    await typeCode(page, '000001');
    await page.locator('.ts-notice', { hasText: 'You have 1 try left.' }).waitFor({ timeout: SCREEN_TIMEOUT });
    await typeCode(page, '000002');
    await page.locator('.ts-notice', { hasText: 'Too many wrong codes' }).waitFor({ timeout: SCREEN_TIMEOUT });
    assert.ok(await page.locator('input.ts-code').isDisabled());
    // The server's retry time ticks in a part of the alert that is not read out.
    assert.equal(await page.locator('.ts-notice[role=alert] [aria-live=off]').count(), 1);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('over HTTP: the window expires, then details and copy', { timeout: 40_000 }, async () => {
  const page = await signInAs('sam@contoso.example', serverUrl('TWOSTEP_SHORT_URL'));
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await waitForHeading(page, "You didn't verify in time", 20_000);
    await copyDetails(page);
    const fields = parseDetails(await readClipboard(page));
    assert.equal(fields.get('User ID'), 'sam@contoso.example');
    assert.equal(fields.get('Error code'), 'session_expired');
    assert.match(fields.get('Session ID'), SESSION_REF);
    assert.match(fields.get('Correlation ID'), UUID);
    assert.match(fields.get('Timestamp'), TIMESTAMP);
    assert.equal(fields.get('Method attempted'), 'Text a code to ••••••45');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

// Last in this file for Alex's notifications: they stay paused for the server's
// --push-pause-secs (60 s under `cargo xtask test`).
test('over HTTP: three denied notifications pause them; the widget says so and another option works', { timeout: 90_000 }, async () => {
  const page = await signInAs('alex@contoso.example');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await clickButton(page, 'Use a different verification option');
    await page.locator('.ts-option[data-method="push"]').click();
    for (let denial = 1; denial <= 3; denial += 1) {
      await waitForHeading(page, 'Approve the sign-in on your app');
      await pendingPush(page).getByRole('button', { name: 'Deny', exact: true }).click();
      await waitForHeading(page, 'The sign-in request was denied');
      await waitOutCoolDown();
      await clickButton(page, 'Try again');
    }
    // The fourth request is refused: notifications are paused, and the widget says until when.
    await waitForHeading(page, 'App notifications are paused');
    assert.match(
      await page.locator('.ts-failure [role=alert]').innerText(),
      /^Several sign-in requests were denied, so we paused them until \d{1,2}:\d\d\s[AP]M\. Verify another way for now\.$/,
    );
    assert.equal(await pendingPush(page).count(), 0, 'nothing was pushed');
    assert.equal(await page.locator('.ts').getByRole('button', { name: 'Try again' }).count(), 0);
    await page.locator('.ts-details summary').click();
    assert.equal(
      await page.locator('.ts-field', { hasText: 'Error code' }).locator('dd').innerText(),
      'method_unavailable',
    );
    // The way forward is another option: the list opens on the primary button.
    await page.locator('.ts').getByRole('button', { name: 'Use a different verification option' }).click();
    await page.locator('.ts-option[data-method="sms-2"]').click();
    await page.locator('.ts-sent', { hasText: '••••••78' }).waitFor({ timeout: SCREEN_TIMEOUT });
    // From the server's outbox, not the page's phone panel: the panel checks the
    // outbox once a second, so right after the switch it may still show the code
    // texted to the first phone at the start, which no longer works.
    await typeCode(page, await textedCode(serverUrl('TWOSTEP_SERVER_URL'), '••••••78'));
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});
