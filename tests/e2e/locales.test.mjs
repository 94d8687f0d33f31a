// The widget in the user's language: which one it picks (the `locale` option, then <html lang>,
// then the browser's languages), its locale file fetched beside the wasm and checked with the
// hashes built into twostep.js, right-to-left text, a refused file, a change of language, and
// the "could not load" sentence. Each test loads /bundle/twostep.js into the plain-html example
// page, under the strict CSP, with the reference server as the backend.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';

import { assertNoProblems, openPage, readClipboard, sharedBrowser } from './support/browser.mjs';
import { SCREEN_TIMEOUT, serverUrl, waitOutCoolDown } from './support/demo.mjs';

const browser = sharedBrowser();

beforeEach(waitOutCoolDown);

/** The source catalogue of `tag`: what a translator wrote, key by key. */
const catalogue = (tag) => JSON.parse(
  readFileSync(new URL(`../../crates/widget/locales/${tag}.json`, import.meta.url), 'utf8'),
);

/** Opens the example page (with `options` for openPage) and imports the API as `window.twostep`. */
async function apiPage(options = {}) {
  const page = await openPage(browser(), '/examples/plain-html/', { base: serverUrl(), ...options });
  page.fetched = [];
  page.on('request', (request) => page.fetched.push(new URL(request.url()).pathname));
  await page.evaluate(async () => {
    window.twostep = await import('/bundle/twostep.js');
  });
  return page;
}

/** Mounts the widget for the demo user who gets texts, with `extra` options. */
function mount(page, extra = {}) {
  return page.evaluate(async (more) => {
    window.handle = twostep.mount('#twostep', { backend: '/', userHint: 'alex@contoso.example', ...more });
    await window.handle.ready;
  }, extra);
}

/** The widget's heading, and its root's lang and dir, once the heading reads `text`. */
async function shown(page, text) {
  await page.locator('.ts h2.ts-title', { hasText: text }).waitFor({ timeout: SCREEN_TIMEOUT });
  return page.locator('.ts').evaluate((root) => ({
    heading: root.querySelector('h2.ts-title').textContent.trim(),
    lang: root.lang,
    dir: root.dir,
  }));
}

test('the locale option picks Dutch, fetched beside the wasm with its hash', { timeout: 30_000 }, async () => {
  const page = await apiPage();
  try {
    await mount(page, { locale: 'nl-BE' });
    const nl = catalogue('nl');
    assert.deepEqual(await shown(page, nl['code_title.sms']), { heading: nl['code_title.sms'], lang: 'nl', dir: 'ltr' });
    assert.ok(page.fetched.includes('/bundle/locales/integrity.json'), page.fetched.join(' '));
    assert.ok(page.fetched.includes('/bundle/locales/nl.txt'), page.fetched.join(' '));
    const sent = await page.locator('.ts-sent').innerText();
    assert.match(sent, /•/, 'the sent note names the masked number');
    assert.ok(!sent.includes('texted'), `English left in: ${sent}`);
    // Copied details keep the English field names beside the Dutch ones, for any support desk.
    await page.locator('.ts details.ts-help > summary').click();
    await page.locator('.ts .ts-details summary').click();
    await page.locator('.ts').getByRole('button', { name: nl.copy_details }).click();
    await page.locator('.ts-copied').waitFor({ timeout: SCREEN_TIMEOUT });
    const lines = (await readClipboard(page)).split('\n');
    assert.ok(lines.includes(`${nl['field.user_id']} (User ID): alex@contoso.example`), lines.join('\n'));
    assert.ok(lines.includes(`${nl['field.error_code']} (Error code): none`), lines.join('\n'));
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

/** What `Intl` in Node writes for `ms` in `locale` and `timeZone`: the expectation, made apart from the page. */
const intl = (ms, locale, timeZone, options) => new Intl.DateTimeFormat(locale, { ...options, timeZone }).format(ms);

/** The clock times `Intl` writes for each minute from `from` to now, one of which the widget shows. */
function clockTimes(from, locale, timeZone) {
  const times = [];
  for (let ms = from - 60_000; ms <= Date.now() + 60_000; ms += 30_000) {
    times.push(intl(ms, locale, timeZone, { timeStyle: 'short' }));
  }
  return times;
}

test('times follow the language and the user\'s time zone through Intl; UTC stays in ISO 8601', { timeout: 30_000 }, async () => {
  const timeZone = 'America/St_Johns';
  const page = await apiPage({ locale: 'en-US', timezoneId: timeZone });
  try {
    const from = Date.now();
    await mount(page, { locale: 'de' });
    const de = catalogue('de');
    await shown(page, de['code_title.sms']);
    const sent = await page.locator('.ts-sent').innerText();
    const times = clockTimes(from, 'de', timeZone);
    assert.ok(times.some((time) => sent.includes(time)), `none of ${times} in ${JSON.stringify(sent)}`);
    await page.locator('.ts details.ts-help > summary').click();
    await page.locator('.ts .ts-details summary').click();
    const row = page.locator('.ts .ts-field', { hasText: de['field.timestamp'] });
    const value = await row.locator('dd').innerText();
    const [local, utc] = value.split(' / ');
    assert.match(utc, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/, value);
    const at = Date.parse(utc);
    assert.ok(Math.abs(at - Date.now()) < 120_000, value);
    const expected = intl(at, 'de', timeZone, { dateStyle: 'medium', timeStyle: 'long' });
    assert.equal(local, `${expected} (${timeZone})`);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('English times are written the user\'s way: 24-hour in en-GB, AM/PM in en-US', { timeout: 45_000 }, async () => {
  for (const [locale, ampm] of [['en-GB', false], ['en-US', true]]) {
    const timeZone = 'America/Sao_Paulo';
    await waitOutCoolDown();
    const page = await apiPage({ locale, timezoneId: timeZone });
    try {
      const from = Date.now();
      await mount(page);
      await shown(page, 'Enter the code we texted you');
      const sent = await page.locator('.ts-sent').innerText();
      const times = clockTimes(from, locale, timeZone);
      assert.ok(times.some((time) => sent.includes(time)), `${locale}: none of ${times} in ${JSON.stringify(sent)}`);
      assert.equal(/AM|PM/i.test(sent), ampm, sent);
      assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  }
});

test('a host\'s own texts replace the catalogue\'s, per language, in mount() and the element', { timeout: 45_000 }, async () => {
  const page = await apiPage();
  try {
    await mount(page, {
      messages: {
        en: { 'code_title.sms': 'Type the code from your text', resend_in: 'Another code in {time}' },
        nl: { 'code_title.sms': 'Typ de code uit het sms-bericht' },
      },
    });
    await shown(page, 'Type the code from your text');
    assert.ok(page.fetched.includes('/bundle/locales/keys.json'), page.fetched.join(' '));
    assert.match(await page.locator('.ts').innerText(), /Another code in \d+:\d\d/);
    // The element takes them through its `options` property; the language from its attribute.
    await waitOutCoolDown();
    await page.evaluate(() => {
      window.handle.unmount();
      const element = document.createElement('twostep-verify');
      element.options = { messages: { nl: { 'code_title.sms': 'Typ de code uit het sms-bericht' } } };
      element.setAttribute('backend', '/');
      element.setAttribute('user-hint', 'alex@contoso.example');
      element.setAttribute('locale', 'nl');
      document.body.append(element);
    });
    const nl = catalogue('nl');
    assert.deepEqual(await shown(page, 'Typ de code uit het sms-bericht'),
      { heading: 'Typ de code uit het sms-bericht', lang: 'nl', dir: 'ltr' });
    assert.match(await page.locator('twostep-verify .ts').innerText(), new RegExp(nl.verify));
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('a host text with an unknown key or other placeholders is refused with an error naming it', { timeout: 30_000 }, async () => {
  const page = await apiPage();
  try {
    await mount(page, {
      messages: { en: { 'code_title.sms': 'Fine', resend_in: 'Another code soon' } },
    });
    await shown(page, 'Enter the code we texted you');
    const errors = page.problems.filter((p) => p.includes('twostep: option'));
    assert.equal(errors.length, 1, page.problems.join('\n'));
    assert.match(errors[0], /option `messages\.en\.resend_in` must use the placeholders \{time\}, got none/);
    await waitOutCoolDown();
    page.problems.length = 0;
    await page.evaluate(() => window.handle.update({ messages: { de: { 'code_title.smss': 'Gut' } } }));
    const refusal = /option `messages\.de\.code_title\.smss` names no message/;
    for (let i = 0; i < 50 && !refusal.test(page.problems.join('\n')); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.match(page.problems.join('\n'), refusal);
    await shown(page, 'Enter the code we texted you');
  } finally {
    await page.context().close();
  }
});

test('English needs no locale file', { timeout: 30_000 }, async () => {
  const page = await apiPage();
  try {
    await mount(page);
    assert.equal((await shown(page, 'Enter the code we texted you')).lang, 'en');
    assert.deepEqual(page.fetched.filter((path) => path.includes('/locales/')), []);
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('without the option, <html lang> decides: Arabic reads right to left, numbers left to right', { timeout: 30_000 }, async () => {
  const page = await apiPage();
  try {
    await page.evaluate(() => { document.documentElement.lang = 'ar'; });
    await mount(page);
    const ar = catalogue('ar');
    assert.deepEqual(await shown(page, ar['code_title.sms']), { heading: ar['code_title.sms'], lang: 'ar', dir: 'rtl' });
    // The masked number and the time are isolated, so each keeps its own order.
    const sent = await page.locator('.ts-sent').innerText();
    assert.match(sent, /\u2068[^\u2069]*•[^\u2069]*\u2069/u, `no isolated number in ${JSON.stringify(sent)}`);
    assert.equal(await page.locator('.ts input').first().evaluate((input) => getComputedStyle(input).direction), 'ltr');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('without the option or <html lang>, the browser\'s languages decide', { timeout: 30_000 }, async () => {
  const page = await apiPage({ locale: 'pl-PL' });
  try {
    await page.evaluate(() => { document.documentElement.removeAttribute('lang'); });
    await mount(page);
    const pl = catalogue('pl');
    assert.equal((await shown(page, pl['code_title.sms'])).lang, 'pl');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('a locale file that fails its hash is refused: English, and a warning', { timeout: 30_000 }, async () => {
  const page = await apiPage();
  const warnings = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  try {
    await page.route('**/bundle/locales/de.txt', async (route) => {
      const response = await route.fetch();
      const body = Buffer.from((await response.text()).replace('Code', 'Kode'));
      await route.fulfill({ response, body });
    });
    await mount(page, { locale: 'de' });
    assert.equal((await shown(page, 'Enter the code we texted you')).lang, 'en');
    assert.ok(warnings.some((w) => w.includes('twostep: no de locale file')), warnings.join('\n'));
    // Chromium reports the refused digest as a console error of its own: the only one allowed.
    const others = page.problems.filter((p) => !/integrity|digest/i.test(p));
    assert.deepEqual(others, []);
  } finally {
    await page.context().close();
  }
});

test('update() to another language shows the widget again, in it', { timeout: 30_000 }, async () => {
  const page = await apiPage();
  try {
    await mount(page);
    await shown(page, 'Enter the code we texted you');
    // A new language starts the widget again. With a host's session handle that resumes the
    // verification as it stands; this page's development start (a user hint) asks for a new
    // code, so it waits out the demo users' cool-down first.
    await waitOutCoolDown();
    await page.evaluate(() => window.handle.update({ locale: 'de' }));
    const de = catalogue('de');
    assert.deepEqual(await shown(page, de['code_title.sms']), { heading: de['code_title.sms'], lang: 'de', dir: 'ltr' });
    // Back to English: no file, and the widget says so.
    await waitOutCoolDown();
    await page.evaluate(() => window.handle.update({ locale: 'en-GB' }));
    assert.equal((await shown(page, 'Enter the code we texted you')).lang, 'en');
    assertNoProblems(page);
  } finally {
    await page.context().close();
  }
});

test('when the wasm cannot load, the one sentence left is in the page\'s language', { timeout: 30_000 }, async () => {
  const page = await apiPage({ expectedStatuses: [400] });
  try {
    await page.route('**/bundle/twostep_bg.wasm', (route) => route.abort());
    const outcome = await page.evaluate(async () => {
      const handle = twostep.mount('#twostep', { backend: '/', locale: 'fr' });
      try {
        await handle.ready;
        return 'loaded';
      } catch {
        return 'failed';
      }
    });
    assert.equal(outcome, 'failed');
    const box = page.locator('#twostep [role=alert]');
    await box.waitFor({ timeout: SCREEN_TIMEOUT });
    assert.equal(await box.innerText(), catalogue('fr').load_failed);
    assert.equal(await box.getAttribute('lang'), 'fr');
  } finally {
    await page.context().close();
  }
});
