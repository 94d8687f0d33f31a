// A login page with no framework: after its own password step it hands over to
// twostep, loaded from the embeddable bundle, talking to this origin's backend.
import init, { mount } from "../../bundle/twostep.js";

const form = document.getElementById("password-step");
form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const email = document.getElementById("email").value;
  form.hidden = true;
  await init();
  mount(document.getElementById("twostep"), "/", email);
});
