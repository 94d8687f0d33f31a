//! The fake password step.

use crate::messages::{Msg, t};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

/// Email and password; any non-empty password "works".
#[component]
pub fn LoginForm(email: RwSignal<String>, on_success: impl Fn() + 'static) -> impl IntoView {
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if password.get_untracked().is_empty() {
            error.set(true);
        } else {
            on_success();
        }
    };
    view! {
        <form class="demo-form" on:submit=submit novalidate>
            <h1 class="demo-title">{t(Msg::SignInTitle)}</h1>
            <label class="demo-label" for="demo-email">{t(Msg::Email)}</label>
            <input
                id="demo-email"
                class="demo-input"
                type="email"
                autocomplete="username"
                prop:value=move || email.get()
                on:input=move |ev| email.set(event_target_value(&ev))
            />
            <label class="demo-label" for="demo-password">{t(Msg::Password)}</label>
            <input
                id="demo-password"
                class="demo-input"
                type="password"
                autocomplete="current-password"
                aria-describedby="demo-password-note"
                aria-invalid=move || if error.get() { "true" } else { "false" }
                on:input=move |ev| {
                    password.set(event_target_value(&ev));
                    error.set(false);
                }
            />
            <p id="demo-password-note" class="demo-note" role="alert">
                {move || if error.get() { t(Msg::PasswordMissing) } else { t(Msg::PasswordHint) }}
            </p>
            <button type="submit" class="demo-button">{t(Msg::SignIn)}</button>
        </form>
    }
}
