// A login page with no framework: after its own password step it hands over to
// twostep, loaded from the embeddable bundle, talking to this origin's backend.
import { mount } from "../../bundle/twostep.js";

const form = document.getElementById("password-step");
const done = document.getElementById("signed-in");

form.addEventListener("submit", (event) => {
  event.preventDefault();
  form.hidden = true;
  mount("#twostep", {
    backend: "/",
    userHint: document.getElementById("email").value,
    links: {
      admin: "mailto:it-help@contoso.example",
      support: "https://support.contoso.example/",
    },
    onVerified(detail) {
      // A real page posts detail.assertion to its own server here.
      done.hidden = false;
      done.dataset.assertion = detail.assertion;
    },
  });
});
