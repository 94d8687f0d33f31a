// TypeScript declarations of twostep's JavaScript API (twostep.js).

/** A verification method, as events report it. Phone numbers are masked. */
export interface MethodInfo {
  id: string;
  kind: 'sms' | 'voice' | 'push' | 'totp' | 'email' | 'other';
  /** The masked phone number or address, such as "••••••12". */
  target: string | null;
  /** The backend's name for the method, if it gave one. */
  label: string | null;
}

/** `ready`: the challenge loaded and the widget is usable. */
export interface ReadyDetail {
  /** The session's public reference (the "Session ID" support sees), never its secret handle. */
  sessionRef: string;
  user: string | null;
  /** The method the widget starts with. */
  method: MethodInfo | null;
}

/** `verified`: the backend's result. */
export interface VerifiedDetail {
  /** The backend's proof of the second step, for the host's server. */
  assertion: string;
  /** The session's public reference: the assertion's `sid` claim. */
  sessionRef: string;
  /** Whether the user asked not to be asked again on this device (sent with the code or approval). */
  rememberDevice: boolean;
  /**
   * What the verified screen reminds the user of, for a page that moves on at once: "other-option" (they used
   * an option that is not their usual one: check their settings) or "add-second" (they have only one option).
   */
  reminder: 'other-option' | 'add-second' | null;
}

/** `error` and `timeout`: what the details panel shows. */
export interface ErrorDetail {
  /** The contract's error code, such as "expired" or "network"; "load_failed" when the bundle could not load. */
  code: string;
  /** The backend's or browser's own words, as plain text. */
  message: string;
  userId?: string | null;
  /** The page address without query or fragment. */
  pageUrl?: string;
  /** The session's public reference, when known. */
  sessionRef?: string | null;
  correlationId?: string | null;
  /** Local time as the user reads it (Intl, with its zone), the IANA zone, then UTC in ISO 8601. */
  timestamp?: string;
  serverTimestamp?: string | null;
  method?: MethodInfo | null;
  /** The widget's version. */
  version?: string;
  /** The panel's "Copy details" text, one "Name: value" line per field. */
  text?: string;
}

/** `methodchange`: the user switched to another option. */
export interface MethodChangeDetail {
  method: MethodInfo | null;
}

/** The event details by event name (the DOM event is `twostep:<name>`). */
export interface TwostepEventMap {
  ready: ReadyDetail;
  verified: VerifiedDetail;
  error: ErrorDetail;
  timeout: ErrorDetail;
  methodchange: MethodChangeDetail;
}

/** Context passed to each adapter call. */
export interface AdapterContext {
  /** The widget's correlation ID for this call; pass it on to your logs. */
  correlationId: string;
}

/**
 * A backend in JavaScript. Each function takes the contract's request object
 * (snake_case, as in docs/protocol.md) and resolves with the contract's answer,
 * or throws an error envelope `{code, message, ...}`. Answers are validated
 * like HTTP answers.
 */
export interface Adapter {
  start(request: { session_handle?: string; user_hint?: string }, context: AdapterContext): Promise<unknown>;
  send(request: { session_handle: string; method_id: string; resend?: boolean }, context: AdapterContext): Promise<unknown>;
  verify(
    request: { session_handle: string; method_id: string; code: string; remember_device?: boolean },
    context: AdapterContext,
  ): Promise<unknown>;
  poll(
    request: { session_handle: string; method_id: string; remember_device?: boolean },
    context: AdapterContext,
  ): Promise<unknown>;
}

/**
 * Gets the secret handle of the session your server started after the password step
 * (`POST /v1/sessions`). Called at mount and on "Try again" after a failed start with
 * `fresh: false` (hand back the current session), and on "Start over", or on "Try again" after
 * the backend did not know the handle, with `fresh: true` (start a new one). Throwing or
 * rejecting shows a failure with "Try again".
 */
export type SessionFunction = (context: { fresh: boolean }) => string | Promise<string>;

/** A theme variable, set as `--twostep-<name>` on the host element. */
export type ThemeName =
  | 'font' | 'text' | 'muted' | 'bg' | 'surface' | 'border' | 'accent' | 'accent-text'
  | 'accent-hover' | 'error' | 'error-bg' | 'success' | 'focus' | 'radius' | 'gap'
  | 'accentText' | 'accentHover' | 'errorBg';

/** A help topic of the "Having trouble?" section. */
export type HelpTopic = 'no-text' | 'offline' | 'app-passwords' | 'lost-phone' | 'contact';

/** Options of mount(), handle.update() and the element's `options` property. */
export interface TwostepOptions {
  /** Required. A base URL speaking the HTTP contract (relative to the page, or absolute), or an adapter. */
  backend: string | Adapter;
  /** What the login page knows about the user, such as their email. */
  userHint?: string;
  /**
   * The session your server started: its secret handle, or a function that gets one.
   * Default: none, and the backend starts from `userHint` (development backends only).
   */
  session?: string | SessionFunction;
  /**
   * BCP 47 tag. The widget shows the first of this, `<html lang>` and `navigator.languages` whose primary
   * language it has (en, nl, de, fr, es, pt-BR, it, pl, ja, zh-Hans, ar, he), else English.
   */
  locale?: string;
  /**
   * Your own texts, per language: `{ en: { verify: 'Continue' }, nl: { verify: 'Doorgaan' } }`. Keys are those of
   * the widget's `locales/en.json` (a plural's with one of its language's CLDR forms: `wrong_code_left_one`); a text
   * must use English's `{placeholders}`. They are checked against `locales/keys.json`, fetched only when this is set;
   * an unknown key or other placeholders refuse them all, with an OptionError on the console. Texts are shown as
   * text, never HTML.
   */
  messages?: Partial<Record<string, Record<string, string>>>;
  /** Theme variables; every name is also settable in CSS as --twostep-<name>. */
  theme?: Partial<Record<ThemeName, string>>;
  /** Contact and support links: https, http, or (admin only) mailto. */
  links?: { admin?: string; support?: string; help?: string; settings?: string };
  /** Help topics to show, in order. Default: all. */
  helpTopics?: HelpTopic[];
  /** Submit the code once all its digits are in. Default true. */
  autoSubmit?: boolean;
  /** Offer "remember this device" where the backend allows it. Default true. */
  rememberDevice?: boolean;
  /** Extra request headers for the HTTP backend (for example a CSRF token). */
  headers?: Record<string, string>;
  /** Fetch credentials mode of the HTTP backend. Default "same-origin". */
  credentials?: 'omit' | 'same-origin' | 'include';
  /** The widget's stylesheet. Default: twostep.css beside twostep.js. */
  stylesheet?: string;
  onReady?: (detail: ReadyDetail) => void;
  onVerified?: (detail: VerifiedDetail) => void;
  onError?: (detail: ErrorDetail) => void;
  onTimeout?: (detail: ErrorDetail) => void;
  onMethodChange?: (detail: MethodChangeDetail) => void;
}

/** What mount() returns. */
export interface TwostepHandle {
  /** The host element. */
  readonly element: HTMLElement;
  /** Settles once the widget is on screen; rejects when the bundle cannot load. */
  readonly ready: Promise<void>;
  /**
   * Changes options. Links, help topics, theme and callbacks apply at once; the rest start again, and so does a
   * locale that changes the language (with a session, resuming the verification as it stands).
   */
  update(changes: Partial<TwostepOptions>): void;
  /** Removes the widget with every listener, timer and poll. */
  unmount(): void;
}

/** A bad option. `option` names it, such as "links.admin". */
export class OptionError extends TypeError {
  readonly option: string;
}

/** Mounts twostep into an element or the first match of a CSS selector. Throws OptionError. */
export function mount(target: HTMLElement | string, options: TwostepOptions): TwostepHandle;

/** The help topic names. */
export const HELP_TOPICS: readonly HelpTopic[];
/** The theme variable names (kebab case). */
export const THEME_NAMES: readonly string[];

/** The `<twostep-verify>` element. */
export class TwostepVerify extends HTMLElement {
  /** Options set from script; attributes win over them. */
  options: Partial<TwostepOptions>;
  /** The mount() handle while connected. */
  readonly handle: TwostepHandle | undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'twostep-verify': TwostepVerify;
  }
  interface HTMLElementEventMap {
    'twostep:ready': CustomEvent<ReadyDetail>;
    'twostep:verified': CustomEvent<VerifiedDetail>;
    'twostep:error': CustomEvent<ErrorDetail>;
    'twostep:timeout': CustomEvent<ErrorDetail>;
    'twostep:methodchange': CustomEvent<MethodChangeDetail>;
  }
}
