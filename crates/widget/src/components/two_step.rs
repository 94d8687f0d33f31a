//! The root component.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use twostep_flow::{Event, Flow};

use super::approval::ApprovalScreen;
use super::code_entry::CodeScreen;
use super::failure::FailureScreen;
use super::help::Help;
use super::picker::PickerScreen;
use super::progress::{LoadingScreen, SendingScreen};
use super::recovery::RecoveryScreen;
use super::screen::Screen;
use super::verified::VerifiedScreen;
use super::window_clock::WindowClock;
use crate::browser::entropy;
use crate::driver::Controller;
use crate::locale::negotiate;
use crate::messages::{Msg, t};
use crate::options::{ContactLinks, HelpTopic, TwoStepOptions};

static INSTANCES: AtomicU32 = AtomicU32::new(0);

/// What the screens need besides the state: host settings and a unique id
/// prefix, so that several widgets on one page never share element ids.
#[derive(Clone, Copy)]
pub(crate) struct Ui {
    pub(crate) links: RwSignal<ContactLinks>,
    pub(crate) topics: RwSignal<Vec<HelpTopic>>,
    pub(crate) user_hint: StoredValue<Option<String>>,
    pub(crate) uid: u32,
}

impl Ui {
    /// An element id unique to this widget.
    pub(crate) fn id(self, name: &str) -> String {
        format!("ts{}-{name}", self.uid)
    }
}

/// The two-step verification widget.
///
/// It starts (or resumes) a verification with `options.backend` as soon as it
/// is rendered, with the session `options.session` gives, and reports
/// through `options.on_event`.
#[component]
pub fn TwoStep(
    /// Backend, settings, links and callback.
    options: TwoStepOptions,
) -> impl IntoView {
    let TwoStepOptions {
        backend,
        flow,
        links,
        help_topics,
        locale,
        user_hint,
        session,
        on_event,
    } = options;
    let origin = session.origin();
    let ctrl = Controller::new(Flow::new(flow), backend, session, on_event);
    let ui = Ui {
        links,
        topics: help_topics,
        user_hint: StoredValue::new(user_hint.clone()),
        uid: INSTANCES.fetch_add(1, Ordering::Relaxed),
    };
    ctrl.dispatch(Event::Begin {
        session: origin,
        user_hint,
        entropy: entropy(),
    });
    let screen = Memo::new(move |_| ctrl.flow.with(Screen::of));
    view! {
        <section
            class="ts"
            part="widget"
            node_ref=ctrl.root
            lang=move || locale.with(|l| negotiate(l))
            aria-label=t(Msg::WidgetLabel)
        >
            <WindowClock ctrl=ctrl />
            {move || match screen.get() {
                Screen::Loading => view! { <LoadingScreen /> }.into_any(),
                Screen::Sending => view! { <SendingScreen ctrl=ctrl /> }.into_any(),
                Screen::Code => view! { <CodeScreen ctrl=ctrl ui=ui /> }.into_any(),
                Screen::Approval => view! { <ApprovalScreen ctrl=ctrl /> }.into_any(),
                Screen::Picker => view! { <PickerScreen ctrl=ctrl /> }.into_any(),
                Screen::Recovery => view! { <RecoveryScreen ctrl=ctrl ui=ui /> }.into_any(),
                Screen::Verified => view! { <VerifiedScreen /> }.into_any(),
                Screen::Failed | Screen::TimedOut => {
                    view! { <FailureScreen ctrl=ctrl ui=ui /> }.into_any()
                }
            }}
            <Show when=move || screen.get().shows_help()>
                <Help ctrl=ctrl ui=ui />
            </Show>
        </section>
    }
}
