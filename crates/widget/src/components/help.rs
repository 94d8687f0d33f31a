//! The "Having trouble?" section.

use leptos::prelude::*;

use super::cant_use_any::CantUseAny;
use super::contact_links::ContactLinks;
use super::context::WidgetContext;
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
                    HelpTopic::Offline => (Msg::HelpOfflineTitle, Msg::HelpOfflineBody),
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
    view! {
        <details class="ts-help" part="help">
            <summary>{t(Msg::HelpSummary)}</summary>
            {topics}
        </details>
    }
}
