// Compiled (never run) by types.test.mjs against dist/bundle/twostep.d.ts: the
// declarations must accept what the README shows and refuse what it forbids.
import { HELP_TOPICS, OptionError, mount, type Adapter, type TwostepHandle } from '../../../dist/bundle/twostep.js';

const adapter: Adapter = {
  start: async ({ user_hint }) => ({ session_id: 's', user: user_hint ?? '', methods: [], default_method: 'm', expires_in_secs: 60 }),
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
  onVerified: ({ assertion, rememberDevice }) => console.log(assertion.length, rememberDevice),
  onError: (d) => console.log(d.code, d.correlationId, d.text),
  onMethodChange: ({ method }) => console.log(method?.kind === 'sms', method?.target),
});
handle.update({ links: { help: 'https://help.example.com/2fa' } });
void handle.ready.then(() => handle.unmount());
mount(document.body, { backend: adapter });

const element = document.createElement('twostep-verify');
element.options = { backend: adapter, onReady: ({ sessionId }) => sessionStorage.setItem('mfa', sessionId) };
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
// @ts-expect-error: not a theme variable.
mount('#x', { backend: '/', theme: { colour: 'red' } });
