//! The root component.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use twostep_flow::{Event, Flow, Screen};

use super::approval::ApprovalScreen;
use super::code_entry::CodeScreen;
use super::context::WidgetContext;
use super::failure::FailureScreen;
use super::help::Help;
use super::picker::PickerScreen;
use super::progress::{LoadingScreen, SendingScreen};
use super::recovery::RecoveryScreen;
use super::verified::VerifiedScreen;
use super::window_clock::WindowClock;
use crate::browser::entropy;
use crate::driver::Controller;
use crate::messages::{Language, Msg, t};
use crate::options::TwoStepOptions;

static INSTANCES: AtomicU32 = AtomicU32::new(0);

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
        language,
        user_hint,
        session,
        on_event,
    } = options;
    let origin = session.origin();
    let ctrl = Controller::new(Flow::new(flow), backend, session, on_event);
    let ui = WidgetContext {
        links,
        topics: help_topics,
        uid: INSTANCES.fetch_add(1, Ordering::Relaxed),
    };
    ctrl.dispatch(Event::Begin {
        session: origin,
        user_hint,
        entropy: entropy(),
    });
    let screen = Memo::new(move |_| ctrl.flow.with(Flow::screen));
    let (lang, dir) = (language.tag(), language.direction());
    provide_context(Language(language));
    view! {
        <section
            class="ts"
            part="widget"
            node_ref=ctrl.root
            lang=lang
            dir=dir
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
                Screen::Verified => view! { <VerifiedScreen ctrl=ctrl ui=ui /> }.into_any(),
                Screen::Failed | Screen::TimedOut => {
                    view! { <FailureScreen ctrl=ctrl /> }.into_any()
                }
            }}
            <Show when=move || screen.get().shows_help()>
                <Help ctrl=ctrl ui=ui />
            </Show>
        </section>
    }
}
