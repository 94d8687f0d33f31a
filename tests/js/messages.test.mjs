// The host's own texts (js/messages.js, and the `messages` option's checks in js/options.js),
// run in Node on a small keys table of the shape that xtask writes into locales/keys.json.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { applyMessages } from '../../js/messages.js';
import { OptionError, validate } from '../../js/options.js';

const FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];
/** Slots: load_failed, verify, resend_in {time}, then six forms of wrong_code_left {count}. */
const KEYS = [
  ['load_failed'],
  ['verify'],
  ['resend_in', 'time'],
  ...FORMS.map((form) => [`wrong_code_left_${form}`, 'count']),
];
const SEP = '\u001e';
const records = (language) => language.text.split(SEP);

/** Asserts that `run` throws an OptionError naming `option`, its message matching `pattern`. */
function refused(run, option, pattern) {
  assert.throws(run, (e) => {
    assert.ok(e instanceof OptionError, `${e}`);
    assert.equal(e.option, option);
    assert.match(e.message, pattern);
    return true;
  });
}

test('English texts are put into empty records, which the wasm fills from its own English', () => {
  const out = applyMessages(undefined, { en: { verify: 'Continue', resend_in: 'Again in {time}' } }, KEYS);
  assert.equal(out.tag, 'en');
  assert.deepEqual(records(out), ['', 'Continue', 'Again in {time}', '', '', '', '', '', '']);
});

test('the shown language\'s file keeps its other texts; other languages are checked, not shown', () => {
  const dutch = { tag: 'nl', text: ['Kon niet laden', 'Verifiëren', 'Opnieuw over {time}', '', 'x', '', '', '', 'y'].join(SEP) };
  const out = applyMessages(dutch, { nl: { verify: 'Doorgaan' }, de: { verify: 'Weiter' } }, KEYS);
  assert.deepEqual(records(out), ['Kon niet laden', 'Doorgaan', 'Opnieuw over {time}', '', 'x', '', '', '', 'y']);
  assert.equal(applyMessages(dutch, { de: { verify: 'Weiter' } }, KEYS), dutch);
  refused(() => applyMessages(dutch, { de: { verfy: 'Weiter' } }, KEYS), 'messages.de.verfy', /names no message/);
});

test('a plural form must be one of its language\'s, and may say the number in words', () => {
  const english = applyMessages(undefined, { en: { wrong_code_left_one: 'Wrong. One try left.' } }, KEYS);
  assert.equal(records(english)[4], 'Wrong. One try left.');
  const polish = applyMessages(undefined, { pl: { wrong_code_left_few: 'Zostały {count} próby.' } }, KEYS);
  assert.equal(polish, undefined, 'Polish is not shown: checked only');
  refused(() => applyMessages(undefined, { en: { wrong_code_left_few: '{count}' } }, KEYS),
    'messages.en.wrong_code_left_few', /one, other/);
});

test('a text must use English\'s placeholders, no more and no fewer', () => {
  refused(() => applyMessages(undefined, { en: { resend_in: 'Again soon' } }, KEYS),
    'messages.en.resend_in', /must use the placeholders \{time\}, got none/);
  refused(() => applyMessages(undefined, { en: { verify: 'Verify {code}' } }, KEYS),
    'messages.en.verify', /placeholders none, got \{code\}/);
  refused(() => applyMessages(undefined, { en: { wrong_code_left_other: '{count} left, {time}' } }, KEYS),
    'messages.en.wrong_code_left_other', /\{count\}, got \{count\} \{time\}/);
  // A placeholder said twice, and braces that are not a placeholder, pass.
  const out = applyMessages(undefined, { en: { resend_in: '{time} ({time}) {Not}' } }, KEYS);
  assert.equal(records(out)[2], '{time} ({time}) {Not}');
});

test('the option\'s shape is checked when mounting: languages, objects, non-empty strings', () => {
  const BASE = 'https://login.example.com/';
  const check = (messages) => () => validate({ backend: '/', messages }, BASE);
  assert.deepEqual(validate({ backend: '/', messages: { 'pt-BR': { verify: 'Continuar' } } }, BASE).messages,
    { 'pt-BR': { verify: 'Continuar' } });
  refused(check({ xx: {} }), 'messages.xx', /is not an option; known: en, nl/);
  refused(check({ en: 'Verify' }), 'messages.en', /must be an object/);
  refused(check({ en: { verify: '' } }), 'messages.en.verify', /non-empty string/);
  refused(check({ en: { verify: 7 } }), 'messages.en.verify', /non-empty string/);
  refused(check({ en: { verify: 'a\u001eb' } }), 'messages.en.verify', /U\+001E/);
  refused(check([]), 'messages', /must be an object/);
});
