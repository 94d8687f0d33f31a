//! The approval screen: app notification or phone call.

use leptos::prelude::*;
use twostep_flow::Phase;

use super::other_option::OtherOption;
use super::remember_device::RememberDevice;
use super::screen_title::ScreenTitle;
use crate::driver::Controller;
use crate::format::mask_target;
use crate::messages::{Msg, t};

/// Waiting for the user to approve on their phone; shows the number to match
/// prominently when the backend uses number matching (to enter in the app,
/// or to key in during a call), and "don't ask again on this device" when the
/// backend offers it.
#[component]
pub fn ApprovalScreen(ctrl: Controller) -> impl IntoView {
    let (kind, target, number) = ctrl.flow.with_untracked(|f| match &f.phase {
        Phase::Approval(a) => (
            f.current_kind(),
            a.target.as_deref().map(mask_target),
            a.number_to_match.clone(),
        ),
        _ => (f.current_kind(), None, None),
    });
    let suggests = move || ctrl.flow.with(|f| f.suggests_other(ctrl.now.get()));
    view! {
        <div class="ts-screen" part="screen">
            <ScreenTitle>{t(Msg::ApprovalTitle(kind))}</ScreenTitle>
            <p class="ts-sent">{t(Msg::ApprovalBody(kind, target))}</p>
            {number.map(|n| {
                let spoken = t(Msg::NumberToMatchSpoken(kind, n.clone()));
                view! {
                    <div class="ts-match">
                        <p class="ts-match-label">{t(Msg::NumberToMatchLabel(kind))}</p>
                        <p class="ts-number" aria-label=spoken>{n}</p>
                    </div>
                }
            })}
            <RememberDevice ctrl=ctrl />
            <p class="ts-wait" role="status">
                <span class="ts-spinner" aria-hidden="true"></span>
                {t(Msg::WaitingForApproval)}
            </p>
            <Show when=suggests>
                <p class="ts-nudge">{t(Msg::NoApprovalYet(kind))}</p>
            </Show>
            <div class="ts-secondary">
                <OtherOption ctrl=ctrl />
            </div>
        </div>
    }
}
