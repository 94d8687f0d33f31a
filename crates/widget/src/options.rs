//! What a host page configures.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use leptos::prelude::RwSignal;
use twostep_flow::{FlowConfig, HostEvent, SessionOrigin};

use crate::backend::Backend;
use crate::locale::Catalogue;

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
    /// The user's own verification settings, which the verified screen
    /// links to when it reminds the user to update them.
    pub settings: Option<String>,
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

/// What a [`SessionSource::Fetch`] function returns: the session handle, or
/// a plain-text reason why there is none (the failure screen shows it, with
/// *Try again*, under the code `internal`).
pub type SessionFuture = Pin<Box<dyn Future<Output = Result<String, String>>>>;

/// Where the widget gets its verification session.
///
/// In production the host's server starts the verification after its password
/// step (`POST /v1/sessions` with its API key, see `docs/protocol.md`) and
/// hands the page the session's secret handle. Give it to the widget as a
/// [`SessionSource::Handle`], or as a function that gets one
/// ([`SessionSource::fetch`]), which also lets *Start over* get a new session
/// without reloading the page.
///
/// The handle is a secret: the widget sends it to the backend only, and shows
/// and reports the public session reference instead.
#[derive(Clone, Default)]
pub enum SessionSource {
    /// No session: the backend starts one from
    /// [`TwoStepOptions::user_hint`]. Only a backend in development mode
    /// (`twostep-server --dev`) does. The default.
    #[default]
    None,
    /// The secret handle the host's server got. *Start over* reloads the
    /// page, since only the host's server can start another session.
    Handle(String),
    /// A function the widget calls for a handle: with `false` when it mounts
    /// and on *Try again* after a failed start (hand back the session you
    /// have, if it is still the one to use), and with `true` on *Start over*
    /// after a time-out or failure, or on *Try again* after the backend did
    /// not know the handle it gave (start a new one).
    Fetch(Rc<dyn Fn(bool) -> SessionFuture>),
}

impl SessionSource {
    /// A [`SessionSource::Fetch`] from an async function or closure taking
    /// `fresh`. Ask your server for the session it started after the
    /// password step (a new one when `fresh`), and return its handle:
    ///
    /// ```
    /// use twostep_widget::SessionSource;
    ///
    /// async fn session_from_my_server(fresh: bool) -> Result<String, String> {
    ///     // For example: POST /login/second-step {fresh}, answered with the
    ///     // `session_handle` your server got from POST /v1/sessions.
    ///     Ok(if fresh { "sh_new".into() } else { "sh_current".into() })
    /// }
    ///
    /// let session = SessionSource::fetch(session_from_my_server);
    /// assert!(matches!(session, SessionSource::Fetch(_)));
    /// ```
    pub fn fetch<F, Fut>(get: F) -> Self
    where
        F: Fn(bool) -> Fut + 'static,
        Fut: Future<Output = Result<String, String>> + 'static,
    {
        SessionSource::Fetch(Rc::new(move |fresh| Box::pin(get(fresh))))
    }

    /// A [`SessionSource::Fetch`] over a JavaScript function
    /// `(fresh) => Promise<string>` that resolves with the handle or rejects
    /// with a plain-text reason (the bundle's JavaScript API wraps the host's
    /// `session` function so).
    pub fn from_js(bridge: js_sys::Function) -> Self {
        let text = |v: wasm_bindgen::JsValue| v.as_string().unwrap_or_default();
        SessionSource::fetch(move |fresh| {
            let called = bridge.call1(&wasm_bindgen::JsValue::NULL, &fresh.into());
            async move {
                let answer = match called {
                    Ok(value) => {
                        let promise = js_sys::Promise::resolve(&value);
                        wasm_bindgen_futures::JsFuture::from(promise).await
                    }
                    Err(thrown) => Err(thrown),
                };
                answer.map(text).map_err(text)
            }
        })
    }

    /// What the flow needs to know of it.
    pub(crate) fn origin(&self) -> SessionOrigin {
        match self {
            SessionSource::None => SessionOrigin::Hint,
            SessionSource::Handle(handle) => SessionOrigin::Handle(handle.clone()),
            SessionSource::Fetch(_) => SessionOrigin::Host,
        }
    }
}

/// A callback for [`HostEvent`]s. Each event carries what a host needs (the
/// user, the method, the session's public reference).
pub type EventHandler = Rc<dyn Fn(&HostEvent)>;

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
    /// The language the widget speaks, and any texts the host overrides.
    /// Default: English.
    pub language: Catalogue,
    /// What the login page knows about the user, shown as the user ID until
    /// the backend names the user, and sent to the backend when there is no
    /// session (a development backend starts from it). Default: none.
    pub user_hint: Option<String>,
    /// Where the verification session comes from: a handle from the host's
    /// server, or a function that gets one. Default: [`SessionSource::None`]
    /// (the backend starts from `user_hint`; development backends only).
    pub session: SessionSource,
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
            language: Catalogue::english(),
            user_hint: None,
            session: SessionSource::None,
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
