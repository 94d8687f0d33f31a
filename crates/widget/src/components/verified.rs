//! The verified screen.

use leptos::prelude::*;
use twostep_flow::{Flow, Reminder};

use super::context::WidgetContext;
use super::screen_title::ScreenTitle;
use crate::driver::Controller;
use crate::format::safe_link;
use crate::messages::{Msg, t};

/// Shown for the moment between verification and the host taking over, with
/// the flow's reminder when there is one: check the settings after using
/// another option, or add a second option. The host's settings page
/// (`links.settings`) opens in a new tab, so the sign-in goes on.
#[component]
pub fn VerifiedScreen(ctrl: Controller, ui: WidgetContext) -> impl IntoView {
    let reminder = ctrl.flow.with_untracked(Flow::reminder).map(|reminder| {
        let text = match reminder {
            Reminder::OtherOption => Msg::ReminderOtherOption,
            Reminder::AddSecond => Msg::ReminderAddSecond,
        };
        let settings = ui
            .links
            .with_untracked(|l| l.settings.as_deref().and_then(safe_link).map(str::to_string));
        view! {
            <p class="ts-note ts-reminder">{t(text)}</p>
            {settings.map(|href| view! {
                <a class="ts-contact-link" part="contact-link" href=href target="_blank" rel="noopener noreferrer">
                    {t(Msg::ReminderSettingsLink)}
                </a>
            })}
        }
    });
    view! {
        <div class="ts-screen ts-verified" part="screen">
            <ScreenTitle>
                <span class="ts-check" aria-hidden="true"></span>
                {t(Msg::VerifiedTitle)}
            </ScreenTitle>
            <p role="status">{t(Msg::VerifiedBody)}</p>
            {reminder}
        </div>
    }
}
