// Code-based methods: texted codes, resend, switching phones, wrong codes and lockout.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertNoProblems, sharedBrowser } from './support/browser.mjs';
import {
  clickButton,
  newestTextedCode,
  signIn,
  webOtpStandIn,
  typeCode,
  waitForHeading,
  waitForFocus,
  waitForSignedIn,
} from './support/demo.mjs';

const browser = sharedBrowser();

test('a texted code, typed from the phone, signs the user in', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'text');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    // The field is up before the text has gone ("Sending to …"); the line changes once it has.
    await page.locator('.ts-sent', { hasText: 'We texted' }).waitFor();
    assert.match(await page.locator('.ts-sent').innerText(), /^We texted a code to ••••••12 at \d{1,2}:\d\d\s[AP]M\.$/);
    assert.match(await page.locator('.ts [role=timer]').innerText(), /^Time left to verify: (10:00|9:5\d)$/);
    await waitForFocus(page, 'code'); // focus moves to the code field
    const code = await newestTextedCode(page);
    await typeCode(page, `${code.slice(0, 3)} ${code.slice(3)}`);
    assert.match(await waitForSignedIn(page), /^demo-assertion-[0-9a-f]{16}$/);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('a text that never arrives: nudge, resend, newest code only, then the alternate phone', { timeout: 40_000 }, async () => {
  const page = await signIn(browser(), 'text-lost');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    assert.equal(await page.locator('[data-text-code]').count(), 0, 'nothing reaches the phone');
    const resend = page.locator('.ts').getByRole('button', { name: /^Send a new code/ });
    assert.ok(await resend.isDisabled(), 'resend waits for its cool-down');
    assert.match(await resend.innerText(), /^Send a new code in 0:(09|10)$/);
    // The nudge (after 6 s) comes before the resend (10 s): it says so, and only promises a
    // new code once the button allows one.
    const nudge = page.locator('.ts-nudge', { hasText: 'Nothing yet?' });
    await nudge.waitFor({ timeout: 10_000 });
    assert.ok(await resend.isDisabled());
    assert.match(await nudge.innerText(), /Texts can take a few minutes.*once the countdown ends/);
    await page.locator('.ts').getByRole('button', { name: 'Send a new code', exact: true }).waitFor({ timeout: 10_000 });
    await page.locator('.ts-nudge', { hasText: 'You can send a new code or verify another way.' }).waitFor({ timeout: 2_000 });
    await resend.click();
    await page.locator('.ts-note', { hasText: 'only the newest one works' }).waitFor({ timeout: 5_000 });

    await clickButton(page, 'Use a different verification option');
    await waitForHeading(page, 'Choose another way to verify');
    await page.locator('.ts-option', { hasText: 'Text a code to ••••••78' }).click();
    await waitForHeading(page, 'Enter the code we texted you');
    assert.match(await page.locator('.ts-sent').innerText(), /••••••78/);
    // The codes texted to the first phone no longer work: the switch says so too.
    await page.locator('.ts-note', { hasText: 'only the newest one works' }).waitFor({ timeout: 5_000 });
    await typeCode(page, await newestTextedCode(page));
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('wrong codes show the tries left, then a lockout', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'lockout');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    const notice = page.locator('.ts-notice');
    await typeCode(page, '000-000');
    await page.locator('.ts-notice', { hasText: 'You have 2 tries left.' }).waitFor();
    await typeCode(page, '000000');
    await page.locator('.ts-notice', { hasText: 'You have 1 try left.' }).waitFor();
    await typeCode(page, '000000');
    await page.locator('.ts-notice', { hasText: 'Too many wrong codes' }).waitFor();
    assert.match(await notice.innerText(), /^Too many wrong codes\. You can try again in 0:(29|30), or verify another way\.$/);
    assert.ok(await page.locator('input.ts-code').isDisabled(), 'the field is locked');
    assert.ok(await page.locator('.ts').getByRole('button', { name: 'Use a different verification option' }).isEnabled());
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('letters are dropped from the code with a hint', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'text');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await typeCode(page, '12ab');
    assert.equal(await page.locator('input.ts-code').inputValue(), '12');
    await page.locator('.ts-notice', { hasText: 'digits only' }).waitFor();
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

/** The focused element's text, role and tab index, inside the widget. */
const focused = (page) => page.evaluate(() => {
  const el = document.activeElement;
  return { text: el?.textContent, role: el?.getAttribute('role'), tabIndex: el?.tabIndex };
});

/** Presses `key` until the focused element's text is `text` (at most `most` times). */
async function pressUntil(page, key, text, most = 10) {
  for (let i = 0; i < most && (await focused(page)).text !== text; i++) await page.keyboard.press(key);
  assert.equal((await focused(page)).text, text);
}

test('an app code from the authenticator signs in, found by keyboard alone', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'text');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    // Once the text is out (its answer puts focus in the code field), Tab from the code field to
    // "Use a different verification option" and press Enter.
    await page.locator('.ts-sent', { hasText: 'We texted' }).waitFor();
    await pressUntil(page, 'Tab', 'Use a different verification option');
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'Choose another way to verify');
    await waitForFocus(page, 'picker'); // focus lands on the first option
    // Escape closes the list; focus returns to what opened it.
    await page.keyboard.press('Escape');
    await waitForHeading(page, 'Enter the code we texted you');
    await waitForFocus(page, 'opener');
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'Choose another way to verify');
    await waitForFocus(page, 'picker');
    // A listbox: the arrows move between options (around the ends), Home and End jump, and the
    // focused option is the list's one tab stop.
    const list = page.locator('.ts [role=listbox]');
    assert.ok((await list.getAttribute('aria-label')).length > 0);
    const options = await list.locator('[role=option]').allInnerTexts();
    assert.ok(options.length >= 3, options.join(' | '));
    await page.keyboard.press('ArrowUp');
    assert.equal((await focused(page)).text, await list.locator('[role=option]').last().textContent());
    await page.keyboard.press('Home');
    assert.deepEqual(await focused(page), { text: (await list.locator('[role=option]').first().textContent()), role: 'option', tabIndex: 0 });
    await page.keyboard.press('ArrowDown');
    const second = await focused(page);
    assert.equal(second.role, 'option');
    assert.equal(second.tabIndex, 0);
    assert.deepEqual(
      await list.locator('[role=option]').evaluateAll((all) => all.map((o) => o.tabIndex).filter((t) => t === 0).length),
      1,
    );
    // Tab leaves the list, Shift+Tab comes back to the option that had focus.
    await page.keyboard.press('Tab');
    assert.notEqual((await focused(page)).role, 'option');
    await page.keyboard.press('Shift+Tab');
    assert.equal((await focused(page)).text, second.text);
    // The recovery guidance and back: focus returns to the opener.
    await pressUntil(page, 'Tab', "I can't use any of these options");
    await page.keyboard.press('Enter');
    await waitForFocus(page, 'heading');
    await pressUntil(page, 'Tab', 'Back');
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'Enter the code we texted you');
    await waitForFocus(page, 'opener');
    await page.keyboard.press('Enter');
    await waitForFocus(page, 'picker');
    await pressUntil(page, 'ArrowDown', 'Use a code from my authenticator app');
    // Space picks an option as Enter does.
    await page.keyboard.press('Space');
    await waitForHeading(page, 'Enter the code from your authenticator app');
    // Focus moves to the field in the frame after the screen renders; keys sent before it are lost.
    await waitForFocus(page, 'code');
    const code = await page.locator('[data-app-code]').getAttribute('data-app-code');
    await page.keyboard.type(code);
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('Escape closes support\'s details, then the help, each giving focus back to its summary', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'text');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await page.locator('.ts-sent', { hasText: 'We texted' }).waitFor();
    await pressUntil(page, 'Tab', 'Having trouble?', 20);
    await page.keyboard.press('Enter');
    await pressUntil(page, 'Tab', 'View details', 30);
    await page.keyboard.press('Enter');
    const open = () => page.locator('.ts details').evaluateAll((all) => all.map((d) => `${d.className}:${d.open}`));
    /** Waits for the disclosures to read `want` (a toggle event, and what it renders, come after a task). */
    const opens = async (want) => {
      for (let i = 0; i < 20 && JSON.stringify(await open()) !== JSON.stringify(want); i += 1) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      assert.deepEqual(await open(), want);
    };
    await opens(['ts-help:true', 'ts-details:true']);
    await pressUntil(page, 'Tab', 'Copy details');
    await page.keyboard.press('Space');
    await page.locator('.ts-copied', { hasText: 'Copied' }).waitFor();
    await page.keyboard.press('Escape');
    await opens(['ts-help:true', 'ts-details:false']);
    assert.equal((await focused(page)).text, 'View details');
    await page.keyboard.press('Escape');
    // The help's support details are built only while it is open.
    await opens(['ts-help:false']);
    assert.equal((await focused(page)).text, 'Having trouble?');
    // Escape on the closed help does nothing, and focus stays.
    await page.keyboard.press('Escape');
    assert.equal((await focused(page)).text, 'Having trouble?');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

/** A browser without WebOTP: no OTPCredential; any call to credentials.get is counted. */
function noWebOtp() {
  delete window.OTPCredential;
  window.otpAsks = [];
  const get = navigator.credentials.get.bind(navigator.credentials);
  navigator.credentials.get = (options) => {
    window.otpAsks.push(options);
    return get(options);
  };
}

test('WebOTP: a texted code read by the browser fills in and signs in', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'text', { initScript: webOtpStandIn });
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await page.waitForFunction(() => window.otpAsks.length === 1);
    assert.deepEqual(await page.evaluate(() => window.otpAsks), [{ otp: { transport: ['sms'] }, aborted: false }]);
    await page.evaluate((code) => window.deliverOtp(code), await newestTextedCode(page));
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('WebOTP is asked for texts only, stops when the screen goes, and never without the feature', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'text', { initScript: webOtpStandIn });
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await page.waitForFunction(() => window.otpAsks.length === 1);
    await clickButton(page, 'Use a different verification option');
    await page.locator('.ts-option', { hasText: 'Use a code from my authenticator app' }).click();
    await waitForHeading(page, 'Enter the code from your authenticator app');
    assert.deepEqual(await page.evaluate(() => window.otpAsks.map((a) => a.aborted)), [true], 'an app code is not texted');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
  const plain = await signIn(browser(), 'text', { initScript: noWebOtp });
  try {
    await waitForHeading(plain, 'Enter the code we texted you');
    await typeCode(plain, await newestTextedCode(plain));
    await waitForSignedIn(plain);
    assert.equal(await plain.evaluate(() => window.otpAsks.length), 0);
    assertNoProblems(plain);
  } finally {
    await plain.context().close();
  }
});
