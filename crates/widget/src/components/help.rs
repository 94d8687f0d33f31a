//! The "Having trouble?" section.

use leptos::prelude::*;
use twostep_protocol::MethodKind;

use super::cant_use_any::CantUseAny;
use super::contact_links::ContactLinks;
use super::context::WidgetContext;
use super::details_panel::{DetailsPanel, close_disclosure};
use crate::driver::Controller;
use crate::messages::{Msg, t};
use crate::options::HelpTopic;

/// A closed disclosure with the help topics the host chose.
#[component]
pub fn Help(ctrl: Controller, ui: WidgetContext) -> impl IntoView {
    let topics = move || {
        ui.topics
            .get()
            .into_iter()
            .map(|topic| {
                let (title, body) = match topic {
                    HelpTopic::NoText => (Msg::HelpNoTextTitle, Msg::HelpNoTextBody),
                    // The app's offline codes are advice only for a user who
                    // has it; others hear that they can set it up.
                    HelpTopic::Offline => (
                        Msg::HelpOfflineTitle,
                        if ctrl.flow.with(|f| f.has_kind(MethodKind::Totp)) == Some(false) {
                            Msg::HelpOfflineNoApp
                        } else {
                            Msg::HelpOfflineBody
                        },
                    ),
                    HelpTopic::AppPasswords => {
                        (Msg::HelpAppPasswordsTitle, Msg::HelpAppPasswordsBody)
                    }
                    HelpTopic::LostPhone => (Msg::HelpLostPhoneTitle, Msg::HelpLostPhoneBody),
                    HelpTopic::Contact => (Msg::HelpContactTitle, Msg::HelpContactBody),
                };
                let extra = match topic {
                    HelpTopic::LostPhone => Some(view! { <CantUseAny ctrl=ctrl /> }.into_any()),
                    HelpTopic::Contact => Some(view! { <ContactLinks ui=ui /> }.into_any()),
                    _ => None,
                };
                view! {
                    <section class="ts-help-topic">
                        <h3>{t(title)}</h3>
                        <p>{t(body)}</p>
                        {extra}
                    </section>
                }
            })
            .collect_view()
    };
    // Support's details, as they are when the section opens; a failure's
    // screen has its own.
    let open = RwSignal::new(false);
    let details = move || {
        let now = ctrl.now.get_untracked();
        match ctrl.flow.with_untracked(|f| f.support_snapshot(now)) {
            // An AnyView, as the screens are: it shares their render code.
            Some(s) if open.get() => view! { <DetailsPanel failure=s snapshot=true /> }.into_any(),
            _ => ().into_any(),
        }
    };
    view! {
        <details
            class="ts-help"
            part="help"
            on:toggle=move |_| open.update(|o| *o = !*o)
            on:keydown=close_disclosure
        >
            <summary>{t(Msg::HelpSummary)}</summary>
            {topics}
            {details}
        </details>
    }
}
