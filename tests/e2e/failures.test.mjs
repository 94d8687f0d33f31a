// Failures, timeouts, the details panel and its copy, recovery guidance, layout.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertNoProblems, baseUrl, sharedBrowser, readClipboard } from './support/browser.mjs';
import {
  SESSION_REF,
  TIMESTAMP,
  UUID,
  clickButton,
  copyDetails,
  newestTextedCode,
  parseDetails,
  signIn,
  waitForHeading,
} from './support/demo.mjs';

const browser = sharedBrowser();

const FIELDS = [
  'User ID',
  'Error description',
  'Page URL',
  'Error code',
  'Session ID',
  'Correlation ID',
  'Timestamp',
  'Server timestamp',
  'Widget version',
  'Method attempted',
];

test('a server error: details copied field by field, then try again', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'server-error');
  try {
    await waitForHeading(page, 'Something went wrong');
    // The server's words are for support: in the details, not in the text the user reads.
    assert.equal(await page.locator('.ts-server-message').count(), 0);
    await copyDetails(page);
    const text = await readClipboard(page);
    const fields = parseDetails(text);
    assert.deepEqual([...fields.keys()], FIELDS);
    assert.equal(fields.get('User ID'), 'alex@contoso.com');
    assert.equal(fields.get('Error description'), 'Something went wrong. The text service did not answer.');
    assert.equal(fields.get('Page URL'), baseUrl().href, 'the query string is left out');
    assert.equal(fields.get('Error code'), 'internal');
    assert.match(fields.get('Session ID'), SESSION_REF);
    assert.match(fields.get('Correlation ID'), UUID);
    assert.match(fields.get('Timestamp'), TIMESTAMP);
    assert.match(fields.get('Server timestamp'), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(fields.get('Widget version'), /^\d+\.\d+\.\d+$/);
    assert.equal(fields.get('Method attempted'), 'Text a code to ••••••12');
    // The panel shows the same values the clipboard got.
    const shown = await page.locator('.ts-fields dd').allInnerTexts();
    assert.deepEqual(shown, [...fields.values()]);

    await clickButton(page, 'Try again');
    await waitForHeading(page, 'Enter the code we texted you');
    const code = await newestTextedCode(page);
    assert.ok(!text.includes(code), 'no code in the copied details');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('the window runs out: timeout screen, details with the session, start over', { timeout: 40_000 }, async () => {
  const page = await signIn(browser(), 'quick-expiry');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    assert.match(await page.locator('.ts [role=timer]').innerText(), /^Time left to verify: 0:1[0-2]$/);
    assert.match(await page.locator('.ts [role=timer]').getAttribute('class'), /ts-window-low/);
    await waitForHeading(page, "You didn't verify in time", 20_000);
    assert.equal(await page.locator('.ts [role=timer]').count(), 0);
    await copyDetails(page);
    const fields = parseDetails(await readClipboard(page));
    assert.equal(fields.get('Error code'), 'session_expired');
    assert.equal(fields.get('Error description'), "You didn't verify in time");
    assert.match(fields.get('Session ID'), SESSION_REF);
    assert.match(fields.get('Correlation ID'), UUID);
    assert.match(fields.get('Timestamp'), TIMESTAMP);
    assert.equal(fields.get('Method attempted'), 'Text a code to ••••••12');
    await clickButton(page, 'Start over');
    await waitForHeading(page, 'Enter the code we texted you');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('copy falls back when the Clipboard API is refused, then to selectable text', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'server-error');
  try {
    await waitForHeading(page, 'Something went wrong');
    // Refuse the Clipboard API: the widget uses execCommand("copy") instead.
    await page.evaluate(() => {
      navigator.clipboard.writeText = () => Promise.reject(new DOMException('refused', 'NotAllowedError'));
    });
    await copyDetails(page);
    const fields = parseDetails(await readClipboard(page));
    assert.equal(fields.get('Error code'), 'internal');

    // Refuse that too: the text is shown to select by hand.
    await page.evaluate(() => {
      document.execCommand = () => false;
    });
    await clickButton(page, 'Copy details');
    await page.locator('.ts-copied', { hasText: 'blocked copying' }).waitFor();
    const manual = await page.locator('textarea.ts-copytext').inputValue();
    assert.equal(parseDetails(manual).get('Error code'), 'internal');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('a user with one phone is guided to the administrator, with the host links', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'single-method');
  try {
    await waitForHeading(page, 'Enter the code we texted you');
    await clickButton(page, 'Use a different verification option');
    await waitForHeading(page, 'Choose another way to verify');
    assert.equal(await page.locator('.ts-option').count(), 1);
    assert.equal(
      await page.locator('.ts-note').innerText(),
      'This is the only verification option on your account.',
    );
    await clickButton(page, "I can't use any of these options");
    await waitForHeading(page, "Can't use any of your options?");
    const guidance = await page.locator('.ts-screen p').allInnerTexts();
    assert.ok(guidance.includes(
      "Ask your administrator to clear your verification settings. The next time you sign in, you'll set up two-step verification again.",
    ), 'with no other method to go back to, the advice opens without an "Otherwise"');
    assert.ok(!guidance.some((p) => p.startsWith('Otherwise')));
    const links = await page.locator('.ts-screen a.ts-contact-link').evaluateAll((as) =>
      as.map((a) => [a.textContent, a.getAttribute('href')]),
    );
    assert.deepEqual(links, [
      ['Contact your administrator', 'mailto:it-help@contoso.example'],
      ['Contact support', 'https://support.contoso.example/'],
      ['More help', 'https://support.contoso.example/two-step'],
    ]);
    await clickButton(page, 'Back');
    await waitForHeading(page, 'Enter the code we texted you');
    // This user has no authenticator app: the bad-signal tip says how to get one.
    await page.locator('.ts-help summary').click();
    const offline = page.locator('.ts-help-topic', { hasText: 'Bad signal where you are?' });
    assert.match(await offline.innerText(), /Your account has none yet/);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('the help section covers signal, waiting, the offline app, app passwords and contacts', { timeout: 30_000 }, async () => {
  const page = await signIn(browser(), 'text');
  try {
    await page.locator('.ts-help summary').click();
    const titles = await page.locator('.ts-help h3').allInnerTexts();
    assert.deepEqual(titles, [
      'No text or call?',
      'Bad signal where you are?',
      'App password rejected?',
      'Lost your phone?',
      'Still stuck?',
    ]);
    // This user has the app: the tip recommends it, and lost phones get the full reset advice.
    const topic = (title) => page.locator('.ts-help-topic', { hasText: title }).innerText();
    assert.match(await topic('Bad signal where you are?'), /^Bad signal where you are\?\s+The authenticator app makes codes/);
    assert.match(await topic('Lost your phone?'), /reset your app passwords and forget the devices/);
    assert.match(await topic('No text or call?'), /mobile provider, not your account/);
    // Nothing failed, yet support's details are one click away, with the same fields.
    await copyDetails(page);
    const fields = parseDetails(await readClipboard(page));
    assert.deepEqual([...fields.keys()], FIELDS.filter((f) => f !== 'Server timestamp'));
    assert.equal(fields.get('Error code'), 'none');
    assert.match(fields.get('Error description'), /^No error was shown/);
    assert.equal(fields.get('User ID'), 'alex@contoso.com');
    assert.match(fields.get('Session ID'), SESSION_REF);
    assert.match(fields.get('Correlation ID'), UUID);
    assert.match(fields.get('Timestamp'), TIMESTAMP);
    assert.equal(fields.get('Method attempted'), 'Text a code to ••••••12');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

for (const scheme of ['light', 'dark']) {
  test(`fits a 320 px screen with details open (${scheme})`, { timeout: 30_000 }, async () => {
    const page = await signIn(browser(), 'server-error', { viewport: { width: 320, height: 640 } });
    try {
      await page.emulateMedia({ colorScheme: scheme });
      await waitForHeading(page, 'Something went wrong');
      await page.locator('.ts-details summary').click();
      await page.locator('.ts-help summary').click();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= 320, `the page scrolls sideways: ${overflow}px wide`);
      const background = await page.locator('.ts').evaluate((el) => getComputedStyle(el).getPropertyValue('--ts-bg').trim());
      const text = await page.locator('.ts').evaluate((el) => getComputedStyle(el).color);
      if (scheme === 'dark') {
        assert.equal(text, 'rgb(230, 237, 243)');
      } else {
        assert.equal(text, 'rgb(27, 31, 36)');
      }
      assert.ok(background.length > 0);
      assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });
}
