// The logged-out page: Log in (Keycloak), or Sign up (then on to the login with the new name filled in).
import { api } from "./api.js";
import { $ } from "./dom.js";

export function showWelcome() {
  $("welcome").hidden = false;
  $("show-signup").addEventListener("click", () => {
    $("signup").hidden = false;
    $("signup-username").focus();
  });
  $("signup").addEventListener("submit", async (e) => {
    e.preventDefault();
    const username = $("signup-username").value.trim();
    const password = $("signup-password").value;
    $("signup-error").textContent = "";
    try {
      await api.signup(username, password);
    } catch (err) {
      $("signup-error").textContent = explain(err);
      return;
    }
    location.assign(`/login?${new URLSearchParams({ login_hint: username })}`);
  });
}

function explain(err) {
  switch (err.code) {
    case "weak_password": return `That password is not accepted: ${err.message}.`;
    case "bad_username": return `That username is not accepted: ${err.message}.`;
    case "username_taken": return "That username is taken; pick another.";
    default: return `Sign-up failed: ${err.message}. Try again in a moment.`;
  }
}
