// twostep's JavaScript API: the entry point of the bundle's twostep.js.
//
//   import { mount } from './twostep.js';
//   const handle = mount('#twostep', { backend: '/', userHint: 'alex@example.com' });
//
// Loading it also registers <twostep-verify>. See the README's "Use it in your
// login page" and twostep.d.ts.

export { mount } from './mount.js';
export { OptionError, HELP_TOPICS, THEME_NAMES } from './options.js';
export { TwostepVerify } from './element.js';
