// The example host pages (examples/), each loading the embeddable bundle under the reference
// server's strict Content-Security-Policy: the custom element with a host theme, a JS adapter
// backend, and a Leptos app that uses the component directly.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { assertNoProblems, openPage, sharedBrowser } from './support/browser.mjs';
import {
  SCREEN_TIMEOUT, passwordStep, serverUrl, textedCode, typeCode, waitForHeading,
} from './support/demo.mjs';

const browser = sharedBrowser();

test('the custom element mounts in a shadow root, takes the host theme, and ignores host CSS', { timeout: 30_000 }, async () => {
  const base = serverUrl();
  const page = await openPage(browser(), '/examples/custom-element/', { base, expectedStatuses: [422] });
  try {
    await passwordStep(page);
    await waitForHeading(page, 'Enter the code we texted you');
    const look = await page.evaluate(() => {
      const element = document.querySelector('twostep-verify');
      const widget = element.shadowRoot.querySelector('.ts');
      const title = widget.querySelector('h2');
      const button = widget.querySelector('button');
      return {
        inLightDom: document.querySelector('.ts') !== null,
        accent: getComputedStyle(widget).getPropertyValue('--ts-accent').trim(),
        font: getComputedStyle(widget).fontFamily,
        partBorder: getComputedStyle(widget).borderTopColor,
        titleColor: getComputedStyle(title).color,
        titleTransform: getComputedStyle(title).textTransform,
        buttonBackground: getComputedStyle(button).backgroundColor,
      };
    });
    assert.equal(look.inLightDom, false, 'the widget must live in the shadow root');
    assert.equal(look.accent, '#6b2c91', '--twostep-accent crosses the shadow boundary');
    assert.match(look.font, /Georgia/);
    assert.equal(look.partBorder, 'rgb(107, 44, 145)', '::part(widget) applies');
    assert.notEqual(look.titleColor, 'rgb(204, 0, 0)', "the host's h2 rule must not reach the widget");
    assert.equal(look.titleTransform, 'none');
    assert.notEqual(look.buttonBackground, 'rgb(255, 222, 0)', "the host's button rule must not reach the widget");

    await typeCode(page, await textedCode(base, '••••••45'));
    await page.locator('#signed-in').waitFor({ timeout: SCREEN_TIMEOUT });
    assert.match(await page.locator('#signed-in').getAttribute('data-assertion'), /\S{16,}/);
    assert.equal(await page.locator('twostep-verify').count(), 0);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('an adapter backend verifies with no twostep server', { timeout: 30_000 }, async () => {
  const page = await openPage(browser(), '/examples/adapter/');
  try {
    await passwordStep(page);
    await waitForHeading(page, 'Enter the code we texted you');
    const code = await page.locator('#phone-inbox li').first().getAttribute('data-code');
    await typeCode(page, code);
    await page.locator('#signed-in').waitFor({ timeout: SCREEN_TIMEOUT });
    assert.equal(
      await page.locator('#signed-in').getAttribute('data-assertion'),
      'idp-assertion-for-kim@contoso.example',
    );
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('a wrong code from an adapter is refused like a server refusal', { timeout: 30_000 }, async () => {
  const page = await openPage(browser(), '/examples/adapter/');
  try {
    await passwordStep(page);
    await waitForHeading(page, 'Enter the code we texted you');
    const code = await page.locator('#phone-inbox li').first().getAttribute('data-code');
    await typeCode(page, code === '000000' ? '111111' : '000000');
    await page.locator('.ts [role=alert]').first().waitFor({ timeout: SCREEN_TIMEOUT });
    assert.equal(await page.locator('#signed-in').isVisible(), false);
    await typeCode(page, code);
    await page.locator('#signed-in').waitFor({ timeout: SCREEN_TIMEOUT });
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

for (const [broken, expected] of [
  ['shape', /unexpected shape/],
  ['throw', /The adapter's send\(\) failed: TypeError: idp\.sendSms is not a function/],
]) {
  test(`a malformed adapter (${broken}) gets a clear error and a way forward`, { timeout: 30_000 }, async () => {
    const page = await openPage(browser(), `/examples/adapter/?broken=${broken}`);
    try {
      await passwordStep(page);
      await page.locator('.ts-failure').waitFor({ timeout: SCREEN_TIMEOUT });
      // The technical reason is for support: in the details, not in the text the user reads.
      assert.equal(await page.locator('.ts-server-message').count(), 0);
      await page.locator('.ts-details summary').click();
      const description = page.locator('.ts-field', { hasText: 'Error description' }).locator('dd');
      assert.match(await description.innerText(), expected);
      // A way forward: try again, and the guidance for no usable method.
      await page.locator('.ts').getByRole('button', { name: 'Try again' }).waitFor();
      await page.locator('.ts').getByRole('button', { name: /can't use any/i }).waitFor();
      assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });
}

test('a Leptos app uses the component directly', { timeout: 60_000 }, async () => {
  const base = serverUrl();
  const page = await openPage(browser(), '/examples/leptos-host/', { base, expectedStatuses: [422] });
  try {
    await passwordStep(page);
    await waitForHeading(page, 'Enter the code we texted you');
    await typeCode(page, await textedCode(base, '••••••12'));
    await page.locator('#signed-in').waitFor({ timeout: SCREEN_TIMEOUT });
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});
