//! The verified screen.

use leptos::prelude::*;

use crate::messages::{Msg, t};

/// Shown for the moment between verification and the host taking over.
#[component]
pub fn VerifiedScreen() -> impl IntoView {
    view! {
        <div class="ts-screen ts-verified" part="screen">
            <h2 class="ts-title" part="title" tabindex="-1" data-focus="heading">
                <span class="ts-check" aria-hidden="true"></span>
                {t(Msg::VerifiedTitle)}
            </h2>
            <p role="status">{t(Msg::VerifiedBody)}</p>
        </div>
    }
}
