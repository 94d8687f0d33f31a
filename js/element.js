// <twostep-verify>: the widget as a custom element. Attributes map to options;
// the `options` property takes the rest (an adapter object, callbacks, theme).
// It mounts when connected and unmounts when disconnected.

import { mount } from './mount.js';
import { OPTION_NAMES } from './options.js';

/** Attribute name → option name, for attributes that hold one string. */
const TEXT = {
  backend: 'backend',
  'user-hint': 'userHint',
  session: 'session',
  locale: 'locale',
  'admin-contact': 'links.admin',
  'support-url': 'links.support',
  'help-url': 'links.help',
  'settings-url': 'links.settings',
  credentials: 'credentials',
  stylesheet: 'stylesheet',
};
/** Attributes that hold true/false. */
const FLAGS = { 'auto-submit': 'autoSubmit', 'remember-device': 'rememberDevice' };
/** Attributes that hold a space- or comma-separated list. */
const LISTS = { 'help-topics': 'helpTopics' };

export class TwostepVerify extends HTMLElement {
  static observedAttributes = [...Object.keys(TEXT), ...Object.keys(FLAGS), ...Object.keys(LISTS)];

  #options = {};
  #handle;
  #queued = false;

  constructor() {
    super();
    // A page may set `options` before the element is upgraded (on a clone of a
    // <template>'s content, or before twostep.js loaded): that own property
    // would hide the setter below, so it goes through the setter instead.
    if (Object.hasOwn(this, 'options')) {
      const value = this.options;
      delete this.options;
      this.options = value;
    }
  }

  /** Options set from script; attributes win over them. */
  get options() {
    return this.#options;
  }

  set options(value) {
    this.#options = value ?? {};
    this.#queue();
  }

  /** The mount() handle while connected. */
  get handle() {
    return this.#handle;
  }

  connectedCallback() {
    this.#queue();
  }

  disconnectedCallback() {
    this.#handle?.unmount();
    this.#handle = undefined;
  }

  attributeChangedCallback() {
    this.#queue();
  }

  /** Syncs once after a batch of changes (an upgrade sets every attribute). */
  #queue() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      this.#sync();
    });
  }

  /** The options the attributes and the `options` property give together. */
  #collect() {
    const options = { ...this.#options, links: { ...this.#options.links } };
    for (const [attr, name] of Object.entries(TEXT)) {
      const value = this.getAttribute(attr);
      if (value === null) continue;
      if (name.startsWith('links.')) options.links[name.slice(6)] = value;
      else options[name] = value;
    }
    for (const [attr, name] of Object.entries(FLAGS)) {
      const value = this.getAttribute(attr);
      if (value !== null) options[name] = value !== 'false';
    }
    for (const [attr, name] of Object.entries(LISTS)) {
      const value = this.getAttribute(attr);
      if (value !== null) options[name] = value.split(/[\s,]+/).filter(Boolean);
    }
    if (Object.keys(options.links).length === 0) delete options.links;
    return options;
  }

  /** Mounts, updates or leaves alone, as the element's state asks. */
  #sync() {
    if (!this.isConnected) return;
    const options = this.#collect();
    if (options.backend === undefined) return; // Waits for a backend.
    try {
      // Every option not given now is dropped, not kept from before.
      const unset = Object.fromEntries(OPTION_NAMES.map((name) => [name, undefined]));
      if (this.#handle) this.#handle.update({ ...unset, ...options });
      else this.#handle = mount(this, options);
    } catch {
      // mount() and update() have logged the OptionError; the element waits
      // for a correction.
    }
  }
}

if (typeof customElements !== 'undefined' && !customElements.get('twostep-verify')) {
  customElements.define('twostep-verify', TwostepVerify);
}
