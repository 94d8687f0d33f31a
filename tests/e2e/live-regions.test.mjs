// What screen readers hear without moving focus: each live region of the widget, read by the
// test. Sent confirmations and status changes are polite (`status`), errors and lockouts
// assertive (`alert`), and the verification window's countdown is a silent `timer` beside a
// polite region that speaks at 2 minutes, 1 minute and 30 seconds left, never every second.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertNoProblems, sharedBrowser } from './support/browser.mjs';
import { signIn, typeCode, waitForHeading } from './support/demo.mjs';

const browser = sharedBrowser();

/** The role, live attribute and text of the element `selector` inside the widget. */
const region = (page, selector) => page.locator(`.ts ${selector}`).evaluate((el) => ({
  role: el.getAttribute('role'),
  live: el.getAttribute('aria-live'),
  text: el.textContent.trim(),
}));

/** Starts recording every text the node `selector` holds, in order, without repeats. */
const record = (page, selector) => page.evaluate((sel) => {
  const node = document.querySelector(sel);
  window.heard = [node.textContent];
  new MutationObserver(() => {
    if (window.heard.at(-1) !== node.textContent) window.heard.push(node.textContent);
  }).observe(node, { childList: true, characterData: true, subtree: true });
}, selector);

test('the sent confirmation and statuses are polite; a wrong code and the lockout are assertive', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'lockout');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    // "Sending to ••••••12", then where and when it went: both said politely.
    await page.locator('.ts-sent', { hasText: 'We texted' }).waitFor();
    const sent = await region(page, '.ts-sent');
    assert.equal(sent.role, 'status');
    assert.match(sent.text, /^We texted a code to ••••••12 at /);
    await typeCode(page, '000000');
    await page.locator('.ts-notice', { hasText: 'You have 2 tries left.' }).waitFor();
    assert.deepEqual(await region(page, '.ts-notice'), {
      role: 'alert', live: null, text: "That code didn't work. You have 2 tries left.",
    });
    await typeCode(page, '000000');
    await typeCode(page, '000000');
    await page.locator('.ts-notice', { hasText: 'Too many wrong codes' }).waitFor();
    // The lockout is said once: its countdown ticks in a part that is not live.
    const lock = await region(page, '.ts-notice');
    assert.equal(lock.role, 'alert');
    assert.match(lock.text, /^Too many wrong codes\. You can try again in 0:(29|30), or verify another way\.$/);
    assert.equal(await page.locator('.ts-notice [aria-live=off]').count(), 1);
    // What is live (all but the countdown) stays as it was while the countdown ticks.
    const live = () => page.locator('.ts-notice').evaluate((el) => [...el.childNodes]
      .filter((n) => !(n instanceof Element && n.getAttribute('aria-live') === 'off'))
      .map((n) => n.textContent).join(''));
    const ticking = () => page.locator('.ts-notice [aria-live=off]').textContent();
    const [before, first] = [await live(), await ticking()];
    await page.waitForTimeout(2_200);
    assert.notEqual(await ticking(), first, 'the countdown ticks');
    assert.equal(await live(), before);
    assert.equal(before, 'Too many wrong codes. You can try again in , or verify another way.');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('waiting for an approval, a failure and the end are each announced in their region', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'push-denied');
  try {
    await waitForHeading(page, 'Approve the sign-in on your app');
    assert.equal((await region(page, '.ts-wait')).role, 'status');
    await waitForHeading(page, 'The sign-in request was denied');
    const failure = await region(page, '.ts-failure > p[role=alert]');
    assert.equal(failure.role, 'alert');
    assert.ok(failure.text.length > 10, failure.text);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('the window\'s countdown is announced at 2 min, 1 min and 30 s, never every second', { timeout: 40_000 }, async () => {
  const page = await signIn(browser(), 'text', { clock: true });
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    const timer = await region(page, '.ts-window');
    assert.equal(timer.role, 'timer', 'a timer is not live: the ticking clock is never read out');
    assert.equal(timer.live, null);
    const announcer = '.ts-window + .ts-offscreen[role=status]';
    assert.equal((await region(page, '.ts-window + .ts-offscreen')).text, '');
    await record(page, announcer);
    // Ten minutes: to 2:05 left, then second by second past each mark.
    await page.clock.fastForward('07:55');
    for (let i = 0; i < 100; i += 1) await page.clock.fastForward(1_000);
    await page.locator('.ts-window', { hasText: '0:25' }).waitFor({ timeout: 5_000 });
    const heard = await page.evaluate(() => window.heard.filter(Boolean));
    assert.deepEqual(heard, ['2 minutes left to verify', '1 minute left to verify', '30 seconds left to verify']);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});
