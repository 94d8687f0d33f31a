// The JavaScript API's language negotiation (js/locale.js), on the same cases as the Rust
// side's (crates/widget/src/locale/mod.rs), so that both pick the same language.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { SUPPORTED, loadFailedText, negotiate } from '../../js/locale.js';

const cases = JSON.parse(
  readFileSync(new URL('../../crates/widget/locales/negotiation.json', import.meta.url), 'utf8'),
);

test('every shared case negotiates as listed', () => {
  assert.ok(cases.length >= 10);
  for (const [requests, want] of cases) {
    assert.equal(negotiate(requests), want, JSON.stringify(requests));
  }
});

test('what is not a tag is passed over, and English is the last resort', () => {
  assert.equal(negotiate([undefined, null, 42, 'de']), 'de');
  assert.equal(negotiate([]), 'en');
  assert.equal(SUPPORTED[0], 'en');
});

test('the could-not-load sentence is record 0 of a locale file, else English', () => {
  assert.equal(loadFailedText({ tag: 'nl', text: 'Kon niet laden.\u001eTweestapsverificatie' }), 'Kon niet laden.');
  assert.match(loadFailedText(undefined), /^Two-step verification could not load/);
});
