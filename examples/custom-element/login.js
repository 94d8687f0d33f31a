// The same login page as plain-html, with the <twostep-verify> element: the
// page adds it after the password step, and the element mounts itself.
const form = document.getElementById('password-step');

form.addEventListener('submit', (event) => {
  event.preventDefault();
  form.hidden = true;
  const element = document.getElementById('second-step').content.firstElementChild.cloneNode(true);
  element.setAttribute('user-hint', document.getElementById('email').value);
  element.addEventListener('twostep:verified', ({ detail }) => {
    element.remove();
    const done = document.getElementById('signed-in');
    done.hidden = false;
    done.dataset.assertion = detail.assertion;
  });
  form.after(element);
});
