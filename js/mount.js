// mount(): validates the options, gives the host element a shadow root with
// the widget's stylesheet, mounts the wasm widget in it, and turns its events
// into callbacks and DOM CustomEvents. The handle unmounts and updates it.

import init, { mountWidget } from './wasm/twostep.js';
import { bridge, sessionBridge } from './adapter.js';
import { sendEarlyStart } from './early.js';
import { loadFailedText, loadLanguage, negotiate, requests } from './locale.js';
import { withMessages } from './messages.js';
import { EVENTS, OptionError, restarts, validate, wasmConfig } from './options.js';

/* The build (xtask/src/build.rs) replaces these with the SRI hashes of the
 * wasm and the CSS, so that a page's one `integrity` on twostep.js covers
 * them too. Unbundled (in tests of js/ alone), there are none. */
const WASM_SRI = typeof TWOSTEP_WASM_SRI === 'string' ? TWOSTEP_WASM_SRI : undefined;
const CSS_SRI = typeof TWOSTEP_CSS_SRI === 'string' ? TWOSTEP_CSS_SRI : undefined;

/** Loads and instantiates the wasm once, for every widget on the page. */
let loading;
const load = () => (loading ??= init({
  module_or_path: fetch(new URL('twostep_bg.wasm', import.meta.url), { integrity: WASM_SRI }),
}));

/** Widgets by host element, so that one element never gets two. */
const mounted = new WeakMap();

/** Logs `error` once (it is also thrown to the caller) and returns it. */
function report(error) {
  console.error(error);
  return error;
}

function hostOf(target) {
  if (typeof target === 'string') {
    const found = document.querySelector(target);
    if (!found) throw report(new OptionError('element', `matches no element: ${JSON.stringify(target)}`));
    return found;
  }
  if (!(target instanceof HTMLElement)) {
    throw report(new OptionError('element', 'must be an HTMLElement or a CSS selector'));
  }
  return target;
}

/** `options` checked and normalised, or an OptionError thrown and logged once. */
function checked(options) {
  try {
    return validate(options, document.baseURI);
  } catch (e) {
    throw report(e);
  }
}

function applyTheme(host, before = {}, after = {}) {
  for (const name of Object.keys(before)) {
    if (!(name in after)) host.style.removeProperty(`--twostep-${name}`);
  }
  for (const [name, value] of Object.entries(after)) host.style.setProperty(`--twostep-${name}`, value);
}

/**
 * Mounts twostep into `target` (an element or a CSS selector) and returns its
 * handle. Bad options throw an OptionError naming the option (and log it once).
 */
export function mount(target, options) {
  const host = hostOf(target);
  if (mounted.has(host)) {
    throw report(new OptionError('element', 'already has a twostep widget: unmount it first'));
  }
  let current = checked(options);
  let root;
  try {
    root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  } catch {
    throw report(new OptionError('element', `<${host.localName}> cannot hold a shadow root; use a <div>`));
  }
  const sheet = document.createElement('link');
  const box = document.createElement('div');
  sheet.rel = 'stylesheet';
  // Shown once the styles are in (or failed), so the widget never flashes unstyled.
  box.hidden = true;
  sheet.addEventListener('load', () => { box.hidden = false; }, { once: true });
  sheet.addEventListener('error', () => { box.hidden = false; }, { once: true });
  root.append(sheet, box);

  let widget;
  let gone = false;
  // The language's file downloads beside the wasm. `language` is what the
  // widget shows ({ tag, text } of its file, or undefined for English).
  let language;
  let wanted = negotiate(requests(current.locale));
  const languageLoaded = loadLanguage(wanted);
  const notify = (name, detail) => {
    const callback = current[EVENTS[name]];
    if (callback) {
      try {
        callback(detail);
      } catch (e) {
        console.error(`twostep: the ${EVENTS[name]} callback threw`, e);
      }
    }
    host.dispatchEvent(new CustomEvent(`twostep:${name}`, { detail, bubbles: true, composed: true }));
  };
  // Points the link at the stylesheet the options name, or the bundle's own,
  // fetching it only when that changed.
  const useSheet = () => {
    const href = current.stylesheet ?? new URL('twostep.css', import.meta.url).href;
    if (sheet.getAttribute('href') === href) return;
    if (!current.stylesheet && CSS_SRI) sheet.integrity = CSS_SRI;
    else sheet.removeAttribute('integrity');
    sheet.href = href;
  };
  // The first `start` goes out now, beside the wasm's download and compile;
  // the widget takes its answer (js/early.js). Options that restart the
  // verification before the widget is up drop it.
  let early = sendEarlyStart(
    current,
    bridge,
    typeof current.session === 'function' ? sessionBridge(current.session) : undefined,
  );
  const start = () => {
    useSheet();
    const config = wasmConfig(current, bridge);
    config.language = language;
    if (early) {
      config.early = early.early;
      if (early.session) config.session = early.session;
      early = undefined;
    }
    widget = mountWidget(box, config, notify);
  };
  applyTheme(host, {}, current.theme);
  // The stylesheet downloads beside the wasm, not after it: it was a serial
  // step on the way to the first screen.
  useSheet();
  // The language for `tag`, with the host's texts for it (js/messages.js).
  const languageFor = (tag) => loadLanguage(tag).then((loaded) => withMessages(loaded, current.messages));
  // Starts once the language the options ask for is in, whichever language
  // update() asked for meanwhile.
  const begin = () => {
    const tag = wanted;
    return languageFor(tag).then((loaded) => {
      if (gone) return undefined;
      if (tag !== wanted) return begin();
      language = loaded;
      return start();
    });
  };
  const ready = Promise.all([load(), languageLoaded]).then(begin);
  ready.catch((e) => languageLoaded.then(() => languageFor(wanted)).then((loaded) => {
    console.error('twostep: the widget could not load', e);
    if (gone) return;
    // The message catalogue's code is in the wasm that failed: this one
    // sentence comes from the locale file (key load_failed) or is English.
    box.hidden = false;
    box.setAttribute('role', 'alert');
    box.lang = loaded?.tag ?? 'en';
    box.textContent = loadFailedText(loaded);
    notify('error', { code: 'load_failed', message: String(e) });
  }));

  const handle = {
    /** The host element. */
    element: host,
    /** Settles once the widget is on screen; rejects when the bundle cannot load. */
    ready,
    /** Removes the widget, its listeners, timers and polls, and its theme. */
    unmount() {
      if (gone) return;
      gone = true;
      widget?.unmount();
      widget = undefined;
      sheet.remove();
      box.remove();
      applyTheme(host, current.theme, {});
      mounted.delete(host);
    },
    /**
     * Changes options: links, help topics, locale, theme and callbacks apply
     * at once; the others start the verification again. Unset options keep
     * their values; set one to undefined to drop it.
     */
    update(changes) {
      if (gone) throw report(new OptionError('handle', 'is unmounted'));
      const before = current;
      current = checked({ ...current, ...changes });
      applyTheme(host, before.theme, current.theme);
      wanted = negotiate(requests(current.locale));
      if (restarts(before, current)) early = undefined;
      // Another language (or other host texts) shows the widget again, in it: the verification
      // starts over (a language is fixed for a widget's life, which keeps
      // the live-switching code out of the bundle).
      const again = restarts(before, current) || (language?.tag ?? 'en') !== wanted
        || JSON.stringify(before.messages) !== JSON.stringify(current.messages);
      if (!widget) return; // Not loaded yet: begin() reads `current` and `wanted`.
      if (again) {
        widget.unmount();
        widget = undefined;
        begin();
      } else {
        widget.update(wasmConfig(current, bridge));
      }
    },
  };
  mounted.set(host, handle);
  return handle;
}
