//! What a host page configures.

use std::rc::Rc;

use leptos::prelude::RwSignal;
use twostep_flow::{Flow, FlowConfig, HostEvent};

use crate::Backend;

/// Contact and support links the guidance screens show. Each is optional; a
/// missing link is simply not shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContactLinks {
    /// The administrator: a `mailto:` address or a URL.
    pub admin: Option<String>,
    /// The support site.
    pub support: Option<String>,
    /// More help on two-step verification.
    pub help: Option<String>,
}

/// The topics the "Having trouble?" section can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HelpTopic {
    /// Texts or calls not arriving: signal, text plan, waiting, newest code.
    NoText,
    /// The authenticator app works offline.
    Offline,
    /// App passwords that stop working.
    AppPasswords,
    /// A lost or stolen phone.
    LostPhone,
    /// Contacting the administrator or support.
    Contact,
}

impl HelpTopic {
    /// Every topic, in display order.
    pub const ALL: [HelpTopic; 5] = [
        HelpTopic::NoText,
        HelpTopic::Offline,
        HelpTopic::AppPasswords,
        HelpTopic::LostPhone,
        HelpTopic::Contact,
    ];

    /// The topic's name in the JavaScript API and the custom element's
    /// `help-topics` attribute.
    pub fn name(self) -> &'static str {
        match self {
            HelpTopic::NoText => "no-text",
            HelpTopic::Offline => "offline",
            HelpTopic::AppPasswords => "app-passwords",
            HelpTopic::LostPhone => "lost-phone",
            HelpTopic::Contact => "contact",
        }
    }

    /// The topic with that [`HelpTopic::name`].
    pub fn from_name(name: &str) -> Option<HelpTopic> {
        HelpTopic::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// A callback for [`HostEvent`]s. It also gets the flow's state after the
/// event, for what the event itself does not carry (the user, the method).
pub type EventHandler = Rc<dyn Fn(&HostEvent, &Flow)>;

/// Options of the [`crate::TwoStep`] component.
#[derive(Clone)]
pub struct TwoStepOptions {
    /// Where answers come from. Required.
    pub backend: Rc<dyn Backend>,
    /// Flow settings. Default: [`FlowConfig::default()`].
    pub flow: FlowConfig,
    /// Contact and support links; may change while the widget runs.
    /// Default: none.
    pub links: RwSignal<ContactLinks>,
    /// Help topics to show; may change while the widget runs.
    /// Default: all of [`HelpTopic::ALL`].
    pub help_topics: RwSignal<Vec<HelpTopic>>,
    /// The locale the host asks for (BCP 47); the widget shows the nearest
    /// language its catalogue has (see [`crate::locale`]). Default: `"en"`.
    pub locale: RwSignal<String>,
    /// What the login page knows about the user, passed to the backend and
    /// shown as the user ID until the backend names the user. Default: none.
    pub user_hint: Option<String>,
    /// A session to resume. Default: none.
    pub session_id: Option<String>,
    /// Called for every host event (ready, verified, error, timed out, method
    /// changed). Default: none.
    pub on_event: Option<EventHandler>,
}

impl TwoStepOptions {
    /// Options with `backend` and every default. Call it under a reactive
    /// owner (in a component or a mount closure): the settings are signals.
    pub fn new(backend: Rc<dyn Backend>) -> Self {
        TwoStepOptions {
            backend,
            flow: FlowConfig::default(),
            links: RwSignal::new(ContactLinks::default()),
            help_topics: RwSignal::new(HelpTopic::ALL.to_vec()),
            locale: RwSignal::new("en".to_string()),
            user_hint: None,
            session_id: None,
            on_event: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::HelpTopic;

    #[test]
    fn topic_names_round_trip_and_unknown_names_are_refused() {
        for topic in HelpTopic::ALL {
            assert_eq!(HelpTopic::from_name(topic.name()), Some(topic));
        }
        assert_eq!(
            HelpTopic::from_name("lost-phone"),
            Some(HelpTopic::LostPhone)
        );
        assert_eq!(HelpTopic::from_name("Lost-Phone"), None);
        assert_eq!(HelpTopic::from_name(""), None);
    }
}
