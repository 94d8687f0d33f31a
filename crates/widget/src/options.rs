//! What a host page configures.

use std::rc::Rc;

use twostep_flow::{FlowConfig, HostEvent};

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
}

/// A callback for [`HostEvent`]s.
pub type EventHandler = Rc<dyn Fn(&HostEvent)>;

/// Options of the [`crate::TwoStep`] component.
#[derive(Clone)]
pub struct TwoStepOptions {
    /// Where answers come from. Required.
    pub backend: Rc<dyn Backend>,
    /// Flow settings. Default: [`FlowConfig::default()`].
    pub flow: FlowConfig,
    /// Contact and support links. Default: none.
    pub links: ContactLinks,
    /// Help topics to show. Default: all of [`HelpTopic::ALL`].
    pub help_topics: Vec<HelpTopic>,
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
    /// Options with `backend` and every default.
    pub fn new(backend: Rc<dyn Backend>) -> Self {
        TwoStepOptions {
            backend,
            flow: FlowConfig::default(),
            links: ContactLinks::default(),
            help_topics: HelpTopic::ALL.to_vec(),
            user_hint: None,
            session_id: None,
            on_event: None,
        }
    }
}
