// A login page with no framework: after its own password step it hands over to
// twostep, loaded from the embeddable bundle, talking to this origin's backend.
import { mount } from "../../bundle/twostep.js";
import { forgetSession, pendingUser, sessionFor } from "../dev-session.js";

const form = document.getElementById("password-step");
const done = document.getElementById("signed-in");

function secondStep(user) {
  form.hidden = true;
  mount("#twostep", {
    backend: "/",
    session: sessionFor(user),
    userHint: user,
    links: {
      admin: "mailto:it-help@contoso.example",
      support: "https://support.contoso.example/",
    },
    onVerified(detail) {
      // A real page posts detail.assertion to its own server here.
      forgetSession();
      done.hidden = false;
      done.dataset.assertion = detail.assertion;
    },
  });
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  secondStep(document.getElementById("email").value);
});

// After a reload in the middle of the second step, carry on with it.
const resuming = pendingUser();
if (resuming) secondStep(resuming);
