//! Guidance for a lost phone or no usable method.

use leptos::prelude::*;
use twostep_flow::Event;

use super::contact_links::ContactLinks;
use super::context::WidgetContext;
use super::screen_title::ScreenTitle;
use crate::driver::Controller;
use crate::messages::{Msg, t};

/// What to do when no registered method can be used: another method if there
/// is one, otherwise ask an administrator to clear the settings.
#[component]
pub fn RecoveryScreen(ctrl: Controller, ui: WidgetContext) -> impl IntoView {
    let has_other = ctrl.flow.with_untracked(|f| f.has_other_methods());
    view! {
        <div class="ts-screen" part="screen">
            <ScreenTitle>{t(Msg::RecoveryTitle)}</ScreenTitle>
            {has_other.then(|| view! { <p>{t(Msg::RecoveryOtherMethod)}</p> })}
            <p>{t(if has_other { Msg::RecoveryAskAdmin } else { Msg::RecoveryAskAdminOnly })}</p>
            <p>{t(Msg::RecoveryLostPhone)}</p>
            <ContactLinks ui=ui />
            <div class="ts-secondary">
                <button type="button" class="ts-link" part="link-button" on:click=move |_| ctrl.dispatch(Event::CloseRecovery)>
                    {t(Msg::Back)}
                </button>
            </div>
        </div>
    }
}
