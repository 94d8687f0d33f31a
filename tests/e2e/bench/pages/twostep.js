// The twostep bench page: mounts the release bundle at once with the HTTP backend as a base URL,
// so that the widget calls the stub's `start`, then `send` for the default texted code.
// `?quick-resend` picks the stub whose sends allow a resend at once.

import { mount } from '/twostep/twostep.js';

const quick = new URLSearchParams(location.search).has('quick-resend');
const options = {
  backend: quick ? '/mfa/quick/' : '/mfa/',
  // A made-up handle of the contract's shape: the stub accepts any.
  session: `sh_${'b'.repeat(43)}`,
  userHint: 'bench@example.com',
};
let handle = mount('#twostep', options);

/** The bench's hook for the mount/unmount cycles: unmounts the widget and mounts a new one. */
window.twostepBench = {
  remount() {
    handle.unmount();
    handle = mount('#twostep', options);
    return handle.ready;
  },
};
