// The host's login page: its own password step, then twostep. The widget
// gets its session from this host's server (which started it server to
// server), and hands the signed assertion back to it.

import { mount } from '/assets/twostep/twostep.js';

const form = document.querySelector('#password-step');
const box = document.querySelector('#twostep');
const loginError = document.querySelector('#login-error');
const finishError = document.querySelector('#finish-error');

async function post(path, body) {
  const answer = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json = await answer.json().catch(() => ({}));
  return { ok: answer.ok, status: answer.status, json };
}

/** The widget calls this at mount, on Try again, and with fresh: true on Start over. */
async function session({ fresh }) {
  const answer = await post('/login/mfa-session', { fresh });
  if (!answer.ok) throw new Error(answer.json.error ?? `HTTP ${answer.status}`);
  return answer.json.session;
}

async function finish({ assertion }) {
  const answer = await post('/login/assertion', { assertion });
  if (answer.ok) {
    window.location.assign(answer.json.redirect);
  } else {
    finishError.textContent = 'We could not finish signing you in. Reload the page to start again.';
  }
}

function secondStep(user) {
  form.hidden = true;
  box.hidden = false;
  mount(box, {
    backend: '/mfa/',
    userHint: user,
    session,
    links: {
      admin: 'mailto:it-help@contoso.example',
      support: 'https://support.contoso.example/',
    },
    onVerified: finish,
  });
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  loginError.textContent = '';
  const answer = await post('/login/password', {
    email: form.email.value,
    password: form.password.value,
  });
  if (answer.ok) secondStep(answer.json.user);
  else loginError.textContent = answer.json.error ?? 'Something went wrong. Try again.';
});

// After a reload during the second step, carry on where the user was.
const state = await fetch('/login/state').then((r) => r.json()).catch(() => ({}));
if (state.pending) secondStep(state.user);
