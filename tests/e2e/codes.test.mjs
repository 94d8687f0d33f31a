// Code-based methods: texted codes, resend, switching phones, wrong codes and lockout.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertNoProblems, sharedBrowser } from './support/browser.mjs';
import {
  clickButton,
  newestTextedCode,
  signIn,
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
    assert.match(await page.locator('.ts-sent').innerText(), /^We texted a code to ••••••12 at \d\d:\d\d\.$/);
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

test('an app code from the authenticator signs in, found by keyboard alone', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'text');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    // Tab from the code field to "Use a different verification option" and press Enter.
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.textContent === 'Use a different verification option')); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'Choose another way to verify');
    await waitForFocus(page, 'picker'); // focus lands on the first option
    // Escape closes the picker, back to the code, whose field has focus again.
    await page.keyboard.press('Escape');
    await waitForHeading(page, 'Enter the code we texted you');
    await waitForFocus(page, 'code');
    for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.textContent === 'Use a different verification option')); i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.press('Enter');
    await waitForHeading(page, 'Choose another way to verify');
    await waitForFocus(page, 'picker');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Tab');
    assert.equal(
      await page.evaluate(() => document.activeElement?.textContent),
      'Use a code from my authenticator app',
    );
    await page.keyboard.press('Enter');
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
