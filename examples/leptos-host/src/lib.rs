//! A Leptos login page that uses twostep's [`TwoStep`] component directly:
//! its own password step, then the second step against the page's own
//! server, then a signed-in view. Built by `cargo xtask build` into
//! `dist/examples/leptos-host/`.

use std::rc::Rc;

use leptos::prelude::*;
use twostep_widget::{ContactLinks, HostEvent, HttpBackend, HttpOptions, TwoStep, TwoStepOptions};
use wasm_bindgen::prelude::*;

/// Where the login page is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Stage {
    Password,
    Verifying(String),
    SignedIn(String),
}

/// The page: the host's own strings are its own; the widget brings its own.
#[component]
fn LoginPage() -> impl IntoView {
    let stage = RwSignal::new(Stage::Password);
    let email = RwSignal::new("alex@contoso.example".to_string());
    let second_step = move |user: String| {
        let mut options = TwoStepOptions::new(Rc::new(HttpBackend::new(HttpOptions::new("/"))));
        options.user_hint = Some(user);
        options.links = RwSignal::new(ContactLinks {
            admin: Some("mailto:it-help@contoso.example".into()),
            support: Some("https://support.contoso.example/".into()),
            help: None,
        });
        options.on_event = Some(Rc::new(move |event: &HostEvent, _: &_| {
            if let HostEvent::Verified { assertion, .. } = event {
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
