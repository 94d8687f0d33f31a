//! A Leptos login page that uses twostep's [`TwoStep`] component directly:
//! its own password step, then the second step against the page's own
//! server, then a signed-in view. Built by `cargo xtask build` into
//! `dist/examples/leptos-host/`.
//!
//! The session comes the way a real host gets it: its server starts the
//! verification after the password step and hands the page the handle. This
//! example has no server of its own, so the reference server's development
//! stand-in, `POST /dev/sessions`, plays that part (as in
//! `examples/dev-session.js`). The handle stays in `sessionStorage`, so a
//! reload resumes the verification instead of starting another.

use std::rc::Rc;

use gloo_net::http::Request;
use leptos::prelude::*;
use twostep_protocol::{CreateSessionRequest, CreatedSession};
use twostep_widget::{
    ContactLinks, HostEvent, HttpBackend, HttpOptions, SessionSource, TwoStep, TwoStepOptions,
};
use wasm_bindgen::prelude::*;

/// Where the login page is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Stage {
    Password,
    Verifying(String),
    SignedIn(String),
}

/// The `sessionStorage` keys of the verification under way in this tab.
const KEPT: &str = "twostep-example-session";
const KEPT_USER: &str = "twostep-example-user";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

fn kept(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

/// The user whose verification is under way in this tab, if any.
fn pending_user() -> Option<String> {
    kept(KEPT).and(kept(KEPT_USER))
}

fn forget_session() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEPT);
        let _ = s.remove_item(KEPT_USER);
    }
}

/// The session handle for `user`'s second step: the one kept for this tab,
/// or a new verification when there is none or the user starts over.
async fn second_step_session(user: String, fresh: bool) -> Result<String, String> {
    if !fresh && let Some(handle) = kept(KEPT) {
        return Ok(handle);
    }
    let failed = |why: String| format!("the server could not start a verification ({why})");
    let resp = Request::post("/dev/sessions")
        .json(&CreateSessionRequest { user: user.clone() })
        .map_err(|e| failed(e.to_string()))?
        .send()
        .await
        .map_err(|e| failed(e.to_string()))?;
    if !resp.ok() {
        return Err(failed(format!("HTTP {}", resp.status())));
    }
    let created: CreatedSession = resp.json().await.map_err(|e| failed(e.to_string()))?;
    if let Some(s) = storage() {
        let _ = s.set_item(KEPT, &created.session_handle);
        let _ = s.set_item(KEPT_USER, &user);
    }
    Ok(created.session_handle)
}

/// The page: the host's own strings are its own; the widget brings its own.
#[component]
fn LoginPage() -> impl IntoView {
    // After a reload in the middle of the second step, carry on with it.
    let stage = RwSignal::new(pending_user().map_or(Stage::Password, Stage::Verifying));
    let email = RwSignal::new("alex@contoso.example".to_string());
    let second_step = move |user: String| {
        let mut options = TwoStepOptions::new(Rc::new(HttpBackend::new(HttpOptions::new("/"))));
        options.user_hint = Some(user.clone());
        options.session =
            SessionSource::fetch(move |fresh| second_step_session(user.clone(), fresh));
        options.links = RwSignal::new(ContactLinks {
            admin: Some("mailto:it-help@contoso.example".into()),
            support: Some("https://support.contoso.example/".into()),
            help: None,
            settings: Some("https://account.contoso.example/security".into()),
        });
        options.on_event = Some(Rc::new(move |event: &HostEvent| {
            if let HostEvent::Verified { assertion, .. } = event {
                // A real page posts the assertion to its own server here.
                forget_session();
                stage.set(Stage::SignedIn(assertion.clone()));
            }
        }));
        view! { <TwoStep options=options /> }
    };
    view! {
        <main class="host">
            <h1>"Sign in"</h1>
            {move || match stage.get() {
                Stage::Password => view! {
                    <form
                        class="host-form"
                        id="password-step"
                        on:submit=move |ev| {
                            ev.prevent_default();
                            stage.set(Stage::Verifying(email.get_untracked()));
                        }
                    >
                        <label for="email">"Email"</label>
                        <input id="email" type="email" autocomplete="username" bind:value=email />
                        <label for="password">"Password"</label>
                        <input id="password" type="password" autocomplete="current-password" />
                        <button type="submit">"Sign in"</button>
                    </form>
                }
                .into_any(),
                Stage::Verifying(user) => second_step(user).into_any(),
                Stage::SignedIn(assertion) => view! {
                    <p id="signed-in" data-assertion=assertion>"You are signed in."</p>
                }
                .into_any(),
            }}
        </main>
    }
}

/// Mounts the page into `<body>` when the module loads.
#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(LoginPage);
}
