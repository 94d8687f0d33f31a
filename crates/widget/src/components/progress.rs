//! The in-between screens: loading the challenge, sending with a method.

use leptos::prelude::*;
use twostep_protocol::MethodKind;

use super::other_option::OtherOption;
use crate::driver::Controller;
use crate::format::mask_target;
use crate::messages::{Msg, t};

/// Loading the challenge.
#[component]
pub fn LoadingScreen() -> impl IntoView {
    view! {
        <div class="ts-screen" part="screen" aria-busy="true">
            <h2 class="ts-title" part="title" tabindex="-1" data-focus="heading">{t(Msg::LoadingTitle)}</h2>
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
    let method = ctrl.flow.with_untracked(|f| f.current_method().cloned());
    let kind = method.as_ref().map_or(MethodKind::Other, |m| m.kind);
    let target = method.and_then(|m| m.target).map(|t| mask_target(&t));
    view! {
        <div class="ts-screen" part="screen" aria-busy="true">
            <h2 class="ts-title" part="title" tabindex="-1" data-focus="heading">{t(Msg::SendingTitle(kind))}</h2>
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
