// The widget's language: which one a page gets, and its locale file, fetched
// beside the wasm. English is built into the wasm; each other language is a
// file locales/<tag>.json beside twostep.js, checked with its SRI hash.
// The negotiation is the wasm side's (crates/widget/src/locale/mod.rs): both
// are tested with crates/widget/locales/negotiation.json.

/** The catalogue's languages, English first (as SUPPORTED in Rust). */
export const SUPPORTED = ['en', 'nl', 'de', 'fr', 'es', 'pt-BR', 'it', 'pl', 'ja', 'zh-Hans', 'ar', 'he'];

/* The build (xtask/src/locales.rs) replaces this with the SRI hash of
 * locales/integrity.json, which holds each locale file's: the page's one
 * `integrity` on twostep.js covers them too. (Eleven hashes in twostep.js
 * itself would cost every page 0.5 KB; this costs a page in another
 * language one small request more.) */
const MANIFEST_SRI = typeof TWOSTEP_LOCALES_SRI === 'string' ? TWOSTEP_LOCALES_SRI : undefined;

/**
 * The language for `requests`, BCP 47 tags in order of preference: the first
 * whose primary language the catalogue has (`en-GB` English, `pt-PT`
 * Brazilian Portuguese, `zh-CN` Simplified Chinese, `iw` Hebrew, Traditional
 * Chinese none), else English.
 */
export function negotiate(requests) {
  for (const requested of requests) {
    if (typeof requested !== 'string') continue;
    const [first, ...rest] = requested.trim().replace(/_/g, '-').toLowerCase().split('-');
    const primary = first === 'iw' ? 'he' : first;
    const tag = SUPPORTED.find((t) => t.split('-')[0] === primary);
    if (tag && !(primary === 'zh' && rest.some((s) => ['hant', 'tw', 'hk', 'mo'].includes(s)))) return tag;
  }
  return 'en';
}

/** What a page asks for: the `locale` option, `<html lang>`, then the browser's languages. */
export const requests = (locale) => [locale, document.documentElement.lang, ...(navigator.languages ?? [])];

const fetchChecked = (name, integrity) => fetch(new URL(`locales/${name}`, import.meta.url), { integrity })
  .then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.text();
  });

/** The locale files' hashes, and the files by tag: fetched once for every widget on the page. */
let manifest;
const files = new Map();

/**
 * The language `{ tag, text }` to give the wasm for `tag`, or undefined for
 * English. A file that cannot be fetched (or fails its SRI check) leaves
 * English, with a warning.
 */
export function loadLanguage(tag) {
  if (tag === 'en') return Promise.resolve(undefined);
  if (!files.has(tag)) {
    manifest ??= fetchChecked('integrity.json', MANIFEST_SRI).then(JSON.parse);
    files.set(tag, manifest
      .then((hashes) => fetchChecked(`${tag}.txt`, hashes[tag]))
      .then((text) => ({ tag, text }))
      .catch((e) => {
        console.warn(`twostep: no ${tag} locale file (${e}); English shown`);
        manifest = undefined;
        files.delete(tag);
        return undefined;
      }));
  }
  return files.get(tag);
}

/** The rows of locales/keys.json, for hosts that override texts (js/messages.js). */
let keys;
export function loadKeys() {
  keys ??= (manifest ??= fetchChecked('integrity.json', MANIFEST_SRI).then(JSON.parse))
    .then((hashes) => fetchChecked('keys.json', hashes.keys))
    .then(JSON.parse);
  keys.catch(() => { keys = undefined; manifest = undefined; });
  return keys;
}

/** The "could not load" sentence in `language` (from loadLanguage): its record 0, which is
 * load_failed (crates/widget/locales/layout.rs); else English. */
export const loadFailedText = (language) => language?.text.split('\u001e')[0]
  || 'Two-step verification could not load. Reload the page to try again.';
