// Approval-based methods: app notifications (approved, denied, number matching) and calls.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertNoProblems, sharedBrowser } from './support/browser.mjs';
import { SCREEN_TIMEOUT, clickButton, signIn, waitForHeading, waitForSignedIn } from './support/demo.mjs';

const browser = sharedBrowser();

test('an approved app notification signs in by itself', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'push');
  try {
    await waitForHeading(page, 'Approve the sign-in on your app');
    assert.equal(await page.locator('.ts-wait').innerText(), 'Waiting for your approval…');
    assert.equal(await page.locator('.ts-number').count(), 0, 'no number without number matching');
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('a denied app notification explains and offers a retry and details', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'push-denied');
  try {
    await waitForHeading(page, 'The sign-in request was denied');
    assert.match(await page.locator('.ts-failure [role=alert]').innerText(), /turned down on your device/);
    await page.locator('.ts-details summary').click();
    const code = page.locator('.ts-field', { hasText: 'Error code' }).locator('dd');
    assert.equal(await code.innerText(), 'denied');
    const method = page.locator('.ts-field', { hasText: 'Method attempted' }).locator('dd');
    assert.equal(await method.innerText(), 'Approve a request on my authenticator app');
    await page.locator('.ts').getByRole('button', { name: 'Try again' }).click();
    await waitForHeading(page, 'Approve the sign-in on your app');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('a call nobody answers: call advice, then the request expires and offers a new one', { timeout: 40_000 }, async () => {
  const page = await signIn(browser(), 'call-unanswered');
  try {
    await waitForHeading(page, 'Answer the call to sign in');
    const nudge = page.locator('.ts-nudge', { hasText: 'No call yet?' });
    await nudge.waitFor({ timeout: 10_000 });
    assert.match(await nudge.innerText(), /signal/);
    assert.doesNotMatch(await nudge.innerText(), /\bapp\b/, 'a call needs no app');
    await waitForHeading(page, 'The request expired', 15_000);
    assert.match(await page.locator('.ts-failure [role=alert]').innerText(), /Send a new one/);
    assert.equal(await page.locator('.ts').getByRole('button', { name: 'Try again' }).count(), 0);
    await clickButton(page, 'Send a new request');
    await waitForHeading(page, 'Answer the call to sign in');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('number matching: the number on screen, tapped on the phone, approves', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'number-match');
  try {
    await waitForHeading(page, 'Approve the sign-in on your app');
    const number = (await page.locator('.ts-number').innerText()).trim();
    assert.match(number, /^\d\d$/);
    assert.equal(await page.locator('.ts-number').getAttribute('aria-label'), `Number to enter in the app: ${number}`);
    await page.locator(`.demo-number[data-number="${number}"]`).click();
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('number matching: a wrong number is refused', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'number-match');
  try {
    await waitForHeading(page, 'Approve the sign-in on your app');
    const number = (await page.locator('.ts-number').innerText()).trim();
    const wrong = page.locator(`.demo-number:not([data-number="${number}"])`).first();
    await wrong.click();
    await waitForHeading(page, 'The sign-in request was denied');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('a phone call shows the number called and approves when answered', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'call');
  try {
    await waitForHeading(page, 'Answer the call to sign in');
    assert.equal(
      await page.locator('.ts-sent').innerText(),
      "We're calling ••••••12. Answer and follow the call's instructions.",
    );
    await page.locator('.demo-msg', { hasText: 'Incoming call to ••••••12' }).waitFor({ timeout: SCREEN_TIMEOUT });
    await waitForSignedIn(page);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('switching from a notification to a text mid-wait', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'number-match');
  try {
    await waitForHeading(page, 'Approve the sign-in on your app');
    await page.locator('.ts').getByRole('button', { name: 'Use a different verification option' }).click();
    await waitForHeading(page, 'Choose another way to verify');
    assert.equal(
      await page.locator('.ts-option[aria-selected=true]').getAttribute('data-method'),
      'push',
    );
    await page.locator('.ts-option[data-method="sms-2"]').click();
    await waitForHeading(page, 'Enter the code we texted you');
    assert.match(await page.locator('.ts-sent').innerText(), /••••••78/);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});
