// A login page whose second step runs against the team's own identity
// provider through an adapter object: no twostep server, no proxy.
import { mount } from '../../bundle/twostep.js';
import { createIdp } from './idp.js';

const form = document.getElementById('password-step');
const inbox = document.getElementById('phone-inbox');
const pushBox = document.getElementById('phone-push');

/** The simulated phone: shows the newest text and an approve/deny prompt. */
const phone = {
  text(to, code) {
    const item = document.createElement('li');
    item.textContent = `To ${to}: your code is ${code}`;
    item.dataset.code = code;
    inbox.prepend(item);
  },
  push(answer) {
    pushBox.hidden = false;
    const reply = (approved) => () => {
      pushBox.hidden = true;
      answer(approved);
    };
    document.getElementById('phone-approve').onclick = reply(true);
    document.getElementById('phone-deny').onclick = reply(false);
  },
};

form.addEventListener('submit', (event) => {
  event.preventDefault();
  form.hidden = true;
  const broken = new URLSearchParams(location.search).get('broken');
  mount('#twostep', {
    backend: createIdp(phone, broken),
    userHint: document.getElementById('email').value,
    links: { support: 'https://support.contoso.example/' },
    onVerified({ assertion }) {
      const done = document.getElementById('signed-in');
      done.hidden = false;
      done.dataset.assertion = assertion;
    },
  });
});
