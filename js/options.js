// Validation of the options a host passes to mount(), update() and
// <twostep-verify>. Every problem throws an OptionError that names the option;
// nothing here touches the DOM, so it is tested in Node (tests/js/).

import { sessionBridge } from './adapter.js';
import { SUPPORTED } from './locale.js';

/** The theme variables, as --twostep-<name> custom properties. */
export const THEME_NAMES = [
  'font', 'text', 'muted', 'bg', 'surface', 'border', 'accent', 'accent-text',
  'accent-hover', 'error', 'error-bg', 'success', 'focus', 'radius', 'gap',
];

/** The help topics, in display order. */
export const HELP_TOPICS = ['no-text', 'offline', 'app-passwords', 'lost-phone', 'contact'];

/** Event names, and the option holding each one's callback. */
export const EVENTS = {
  ready: 'onReady',
  verified: 'onVerified',
  error: 'onError',
  timeout: 'onTimeout',
  methodchange: 'onMethodChange',
};

/** The adapter's functions, one per call of the contract. */
export const ADAPTER_CALLS = ['start', 'send', 'verify', 'poll'];

/** Options whose change starts the verification again (the rest apply live). */
export const RESTARTING = [
  'backend', 'userHint', 'session', 'autoSubmit', 'rememberDevice', 'headers',
  'credentials', 'stylesheet',
];

/** A bad option: `option` names it, the message says what is wrong. */
export class OptionError extends TypeError {
  constructor(option, problem) {
    super(`twostep: option \`${option}\` ${problem}`);
    this.name = 'OptionError';
    this.option = option;
  }
}

const show = (value) => {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'an object' : String(value);
};

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function string(value, name) {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new OptionError(name, `must be a non-empty string, got ${show(value)}`);
  }
  return value.trim();
}

function boolean(value, name) {
  if (typeof value !== 'boolean') throw new OptionError(name, `must be true or false, got ${show(value)}`);
  return value;
}

/** `value` as an absolute URL of one of `schemes`, resolved against `base`. */
function url(value, name, schemes, base) {
  const text = string(value, name);
  let parsed;
  try {
    parsed = new URL(text, base);
  } catch {
    throw new OptionError(name, `must be a URL, got ${show(value)}`);
  }
  if (!schemes.includes(parsed.protocol)) {
    throw new OptionError(name, `must be a ${schemes.join(', ')} URL, got ${show(value)}`);
  }
  return parsed.href;
}

function object(value, name) {
  if (!isObject(value)) throw new OptionError(name, `must be an object, got ${show(value)}`);
  return value;
}

function keysOf(value, name, allowed) {
  object(value, name);
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new OptionError(`${name}.${key}`, `is not an option; known: ${allowed.join(', ')}`);
    }
  }
  return value;
}

const LINK_SCHEMES = ['https:', 'http:', 'mailto:'];
const LINKS = {
  admin: LINK_SCHEMES, support: ['https:', 'http:'], help: ['https:', 'http:'], settings: ['https:', 'http:'],
};
const CREDENTIALS = ['omit', 'same-origin', 'include'];
const LOCALE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const kebab = (name) => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const CHECKS = {
  backend(value, base) {
    if (typeof value === 'string') return url(value, 'backend', ['https:', 'http:'], base);
    if (!isObject(value)) {
      throw new OptionError('backend', `must be a base URL or an adapter object, got ${show(value)}`);
    }
    keysOf(value, 'backend', ADAPTER_CALLS);
    for (const call of ADAPTER_CALLS) {
      if (typeof value[call] !== 'function') {
        throw new OptionError(`backend.${call}`, `must be a function, got ${show(value[call])}`);
      }
    }
    return value;
  },
  userHint: (value) => string(value, 'userHint'),
  session(value) {
    if (typeof value === 'function') return value;
    if (typeof value !== 'string') {
      throw new OptionError('session', `must be a session handle (a string) or a function, got ${show(value)}`);
    }
    return string(value, 'session');
  },
  locale(value) {
    const tag = string(value, 'locale');
    if (!LOCALE.test(tag)) throw new OptionError('locale', `must be a BCP 47 tag such as "en-GB", got ${show(value)}`);
    return tag;
  },
  messages(value) {
    keysOf(value, 'messages', SUPPORTED);
    for (const [tag, texts] of Object.entries(value)) {
      object(texts, `messages.${tag}`);
      for (const [key, text] of Object.entries(texts)) {
        // The record separator would shift every text after this one.
        if (string(text, `messages.${tag}.${key}`).includes('\u001e')) {
          throw new OptionError(`messages.${tag}.${key}`, 'must not hold U+001E');
        }
      }
    }
    return value;
  },
  theme(value) {
    keysOf(value, 'theme', [...THEME_NAMES, ...THEME_NAMES.map((n) => n.replace(/-(.)/g, (_, c) => c.toUpperCase()))]);
    const theme = {};
    for (const [key, v] of Object.entries(value)) {
      const text = string(v, `theme.${key}`);
      if (/[;{}<>]/.test(text)) throw new OptionError(`theme.${key}`, `must be a CSS value, got ${show(v)}`);
      theme[kebab(key)] = text;
    }
    return theme;
  },
  links(value, base) {
    keysOf(value, 'links', Object.keys(LINKS));
    const links = {};
    for (const [key, v] of Object.entries(value)) {
      if (v !== undefined && v !== null) links[key] = url(v, `links.${key}`, LINKS[key], base);
    }
    return links;
  },
  helpTopics(value) {
    if (!Array.isArray(value)) throw new OptionError('helpTopics', `must be an array, got ${show(value)}`);
    value.forEach((topic, i) => {
      if (!HELP_TOPICS.includes(topic)) {
        throw new OptionError(`helpTopics[${i}]`, `must be one of ${HELP_TOPICS.join(', ')}, got ${show(topic)}`);
      }
    });
    return [...new Set(value)];
  },
  autoSubmit: (value) => boolean(value, 'autoSubmit'),
  rememberDevice: (value) => boolean(value, 'rememberDevice'),
  headers(value) {
    object(value, 'headers');
    const headers = {};
    for (const [key, v] of Object.entries(value)) {
      if (!HEADER_NAME.test(key)) throw new OptionError(`headers.${key}`, 'is not a valid header name');
      if (typeof v !== 'string' || /[\r\n]/.test(v)) {
        throw new OptionError(`headers.${key}`, `must be a one-line string, got ${show(v)}`);
      }
      headers[key] = v;
    }
    return headers;
  },
  credentials(value) {
    if (!CREDENTIALS.includes(value)) {
      throw new OptionError('credentials', `must be one of ${CREDENTIALS.join(', ')}, got ${show(value)}`);
    }
    return value;
  },
  stylesheet: (value, base) => url(value, 'stylesheet', ['https:', 'http:'], base),
};
for (const option of Object.values(EVENTS)) {
  CHECKS[option] = (value) => {
    if (typeof value !== 'function') throw new OptionError(option, `must be a function, got ${show(value)}`);
    return value;
  };
}

/** Every option name, for messages and the custom element. */
export const OPTION_NAMES = Object.keys(CHECKS);

/**
 * Checks `options` and returns a normalised copy: URLs absolute (against
 * `base`, the page's base URL), theme names in kebab case, undefined values
 * dropped. Throws an OptionError for the first problem.
 */
export function validate(options, base) {
  if (!isObject(options)) throw new OptionError('options', `must be an object, got ${show(options)}`);
  const out = {};
  for (const [key, value] of Object.entries(options)) {
    const check = CHECKS[key];
    if (!check) throw new OptionError(key, `is not an option; known: ${OPTION_NAMES.join(', ')}`);
    if (value !== undefined) out[key] = check(value, base);
  }
  if (out.backend === undefined) {
    throw new OptionError('backend', 'is required: a base URL such as "/" or an adapter object');
  }
  return out;
}

/** Whether going from options `before` to `after` needs a fresh start. */
export function restarts(before, after) {
  // An adapter or a session function is compared by identity.
  return RESTARTING.some((key) => (key === 'backend' || key === 'session'
    ? before[key] !== after[key]
    : JSON.stringify(before[key]) !== JSON.stringify(after[key])));
}

/** What the wasm side reads (see src/embed/config.rs). */
export function wasmConfig(options, bridge) {
  const config = {
    userHint: options.userHint,
    session: typeof options.session === 'function' ? sessionBridge(options.session) : options.session,
    locale: options.locale,
    links: options.links,
    helpTopics: options.helpTopics,
    autoSubmit: options.autoSubmit,
    rememberDevice: options.rememberDevice,
    headers: options.headers,
    credentials: options.credentials,
  };
  if (typeof options.backend === 'string') config.baseUrl = options.backend;
  else config.adapter = bridge(options.backend);
  return config;
}
