// The host's own texts (the `messages` option): per language, a message key
// of crates/widget/locales/en.json and the text to show instead. They are
// checked against locales/keys.json (fetched, SRI-checked, only by a page
// that overrides) and put into the language's records before the wasm reads
// them, so the wasm carries no key names and no code for this.

import { loadKeys } from './locale.js';
import { OptionError } from './options.js';

const FORMS = ['zero', 'one', 'two', 'few', 'many', 'other'];
const SEPARATOR = '\u001e';

/** The sorted, distinct `{placeholder}` names of `text`, as the widget reads them. */
const placeholders = (text) => [...new Set([...text.matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]))].sort();

/**
 * The records of the language shown (`language`: `{ tag, text }` of its file,
 * or undefined for English) with the host's texts for it put in. Every
 * language's texts in `messages` are checked against `keys` (the rows of
 * keys.json: `[key, ...placeholders]` by slot): a key must name a message (a
 * plural's ends in one of its language's forms) and its text must use
 * English's placeholders. The first that does not throws an OptionError.
 */
export function applyMessages(language, messages, keys) {
  const shown = language?.tag ?? 'en';
  let out = language;
  for (const [tag, texts] of Object.entries(messages)) {
    const records = tag === shown && language ? language.text.split(SEPARATOR) : keys.map(() => '');
    const forms = new Intl.PluralRules(tag).resolvedOptions().pluralCategories;
    for (const [key, text] of Object.entries(texts)) {
      const option = `messages.${tag}.${key}`;
      const slot = keys.findIndex((row) => row[0] === key);
      const form = FORMS.find((f) => key.endsWith(`_${f}`));
      if (slot < 0 || (form && !forms.includes(form))) {
        throw new OptionError(option, 'names no message: keys are those of locales/en.json, a plural\'s with one of '
          + `its language's forms (${forms.join(', ')})`);
      }
      const expected = keys[slot].slice(1);
      const found = placeholders(form ? `${text}{count}` : text);
      if (found.join() !== expected.join()) {
        const list = (names) => names.map((n) => `{${n}}`).join(' ') || 'none';
        throw new OptionError(option, `must use the placeholders ${list(expected)}, got ${list(found)}`);
      }
      records[slot] = text;
    }
    if (tag === shown) out = { tag, text: records.join(SEPARATOR) };
  }
  return out;
}

/**
 * `language` with the host's `messages` for it, once keys.json is in. A bad
 * key or text refuses them all: the OptionError is logged and the widget
 * shows its own texts, so that a typo in a page never keeps a user out.
 */
export async function withMessages(language, messages) {
  if (!messages) return language;
  try {
    return applyMessages(language, messages, await loadKeys());
  } catch (e) {
    console.error(e);
    return language;
  }
}
