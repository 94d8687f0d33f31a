// Compiled (never run) by types.test.mjs against dist/bundle/twostep.d.ts: the
// declarations must accept what the README shows and refuse what it forbids.
import { HELP_TOPICS, OptionError, mount, type Adapter, type TwostepHandle } from '../../../dist/bundle/twostep.js';

const adapter: Adapter = {
  start: async ({ session_handle, user_hint }) => ({
    session_handle: session_handle ?? 'sh_new',
    session_ref: 'TS-1',
    user: user_hint ?? '',
    methods: [],
    default_method: 'm',
    expires_in_secs: 60,
  }),
  send: async ({ method_id }) => ({ method_id, delivery: { type: 'code', code_length: 6 } }),
  verify: async ({ code }) => {
    if (code !== '123456') throw { code: 'invalid_code', message: 'Wrong.' };
    return { assertion: 'a' };
  },
  poll: async () => ({ status: 'pending' }),
};

const handle: TwostepHandle = mount('#twostep', {
  backend: '/mfa/',
  userHint: 'alex@example.com',
  locale: 'en-GB',
  theme: { accent: '#0a7', 'accent-text': 'white', errorBg: '#fee' },
  links: { admin: 'mailto:it@example.com', support: 'https://help.example.com/' },
  helpTopics: ['lost-phone', 'contact'],
  autoSubmit: false,
  rememberDevice: true,
  onVerified: ({ assertion, sessionRef, rememberDevice }) => console.log(assertion.length, sessionRef, rememberDevice),
  onError: (d) => console.log(d.code, d.sessionRef, d.correlationId, d.text),
  onMethodChange: ({ method }) => console.log(method?.kind === 'sms', method?.target),
});
handle.update({ links: { help: 'https://help.example.com/2fa' } });
void handle.ready.then(() => handle.unmount());
mount(document.body, { backend: adapter });
mount('#x', { backend: '/', session: 'sh_from_my_server' });
mount('#x', {
  backend: '/',
  session: async ({ fresh }) => {
    const answer = await fetch('/login/second-step', { method: 'POST', body: JSON.stringify({ fresh }) });
    return (await answer.json()).session_handle as string;
  },
});
mount('#x', { backend: '/', session: ({ fresh }) => (fresh ? 'sh_a' : 'sh_b') });

const element = document.createElement('twostep-verify');
element.options = {
  backend: adapter,
  session: async () => 'sh_from_my_server',
  onReady: ({ sessionRef, user }) => console.log(sessionRef, user),
};
element.addEventListener('twostep:timeout', (event) => console.log(event.detail.timestamp));

try {
  mount('#x', { backend: '/' });
} catch (e) {
  if (e instanceof OptionError) console.log(e.option);
}
console.log(HELP_TOPICS.includes('offline'));

// @ts-expect-error: backend is required.
mount('#x', {});
// @ts-expect-error: not an option.
mount('#x', { backend: '/', userhint: 'typo' });
// @ts-expect-error: not a help topic.
mount('#x', { backend: '/', helpTopics: ['faq'] });
// @ts-expect-error: sessionId is gone; it is `session` now.
mount('#x', { backend: '/', sessionId: 'sh_x' });
// @ts-expect-error: a session function gets {fresh}, not a boolean.
mount('#x', { backend: '/', session: (fresh: boolean) => String(fresh) });
// @ts-expect-error: a session function returns the handle, not the whole answer.
mount('#x', { backend: '/', session: async () => ({ session_handle: 'sh_x' }) });
// @ts-expect-error: not a theme variable.
mount('#x', { backend: '/', theme: { colour: 'red' } });
