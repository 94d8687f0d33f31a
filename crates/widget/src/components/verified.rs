//! The verified screen.

use leptos::prelude::*;

use super::screen_title::ScreenTitle;
use crate::messages::{Msg, t};

/// Shown for the moment between verification and the host taking over.
#[component]
pub fn VerifiedScreen() -> impl IntoView {
    view! {
        <div class="ts-screen ts-verified" part="screen">
            <ScreenTitle>
                <span class="ts-check" aria-hidden="true"></span>
                {t(Msg::VerifiedTitle)}
            </ScreenTitle>
            <p role="status">{t(Msg::VerifiedBody)}</p>
        </div>
    }
}
