//! The in-between screens: loading the challenge, sending with a method.

use leptos::prelude::*;

use super::other_option::OtherOption;
use super::screen_title::ScreenTitle;
use crate::driver::Controller;
use crate::format::mask_target;
use crate::messages::{Msg, t};

/// Loading the challenge.
#[component]
pub fn LoadingScreen() -> impl IntoView {
    view! {
        <div class="ts-screen" part="screen" aria-busy="true">
            <ScreenTitle>{t(Msg::LoadingTitle)}</ScreenTitle>
            <p class="ts-wait" role="status">
                <span class="ts-spinner" aria-hidden="true"></span>
                {t(Msg::LoadingBody)}
            </p>
        </div>
    }
}

/// Sending with a method; the user can still switch.
#[component]
pub fn SendingScreen(ctrl: Controller) -> impl IntoView {
    let (kind, target) = ctrl.flow.with_untracked(|f| {
        let target = f.current_method().and_then(|m| m.target.as_deref());
        (f.current_kind(), target.map(mask_target))
    });
    view! {
        <div class="ts-screen" part="screen" aria-busy="true">
            <ScreenTitle>{t(Msg::SendingTitle(kind))}</ScreenTitle>
            <p class="ts-wait" role="status">
                <span class="ts-spinner" aria-hidden="true"></span>
                {target.map(|to| t(Msg::SendingTo(to)))}
            </p>
            <div class="ts-secondary">
                <OtherOption ctrl=ctrl />
            </div>
        </div>
    }
}
