// The same login page as plain-html, with the <twostep-verify> element: the
// page adds it after the password step, and the element mounts itself. The
// session function goes in through the element's `options` property.
import { forgetSession, pendingUser, sessionFor } from '../dev-session.js';

const form = document.getElementById('password-step');

function secondStep(user) {
  form.hidden = true;
  const element = document.getElementById('second-step').content.firstElementChild.cloneNode(true);
  element.setAttribute('user-hint', user);
  element.options = { session: sessionFor(user) };
  element.addEventListener('twostep:verified', ({ detail }) => {
    forgetSession();
    element.remove();
    const done = document.getElementById('signed-in');
    done.hidden = false;
    done.dataset.assertion = detail.assertion;
  });
  form.after(element);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  secondStep(document.getElementById('email').value);
});

// After a reload in the middle of the second step, carry on with it.
const resuming = pendingUser();
if (resuming) secondStep(resuming);
