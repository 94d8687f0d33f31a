//! The failure and timeout screens.

use leptos::prelude::*;
use twostep_flow::{Phase, PrimaryAction};
use twostep_protocol::ErrorCode;

use super::cant_use_any::CantUseAny;
use super::details_panel::DetailsPanel;
use super::other_option::OtherOption;
use super::screen_title::ScreenTitle;
use crate::browser::clock_time;
use crate::driver::Controller;
use crate::messages::{Msg, language_tag, t};

/// A plain message, the flow's way forward (try again or start over), another
/// option when the flow offers one, and the details panel for support. When
/// the backend paused the method (app notifications after several denials),
/// it says so and until when, and the way forward is another option.
#[component]
pub fn FailureScreen(ctrl: Controller) -> impl IntoView {
    let (failure, action, offers_other, paused) = ctrl.flow.with_untracked(|f| {
        let failure = match &f.phase {
            Phase::Failed { failure, .. } | Phase::TimedOut(failure) => Some(failure.clone()),
            _ => None,
        };
        (
            failure,
            f.primary_action(),
            f.failure_offers_other_option(),
            f.paused_until(),
        )
    });
    let (Some(failure), Some(action)) = (failure, action) else {
        return ().into_any();
    };
    let code = failure.code;
    // The widget's own text explains every known code. The backend's words,
    // and the widget's technical reasons (which member of a broken answer was
    // missing), go to the details panel; only an unknown code, which the
    // widget cannot explain, shows the backend's message too.
    let message = if code == ErrorCode::Unknown {
        failure.message.trim().to_string()
    } else {
        String::new()
    };
    let (title, body) = match paused {
        Some(until) => {
            let kind = failure.method_kind();
            // The minute it ends, rounded up: never a time when it is still paused.
            let at = until.div_ceil(60_000) * 60_000;
            let time = clock_time(at, language_tag());
            (Msg::PausedTitle(kind), Msg::PausedBody(kind, time))
        }
        None => (Msg::FailureTitle(code), Msg::FailureBody(code)),
    };
    let label = match action {
        // An approval that nobody answered: the body says to send a new one.
        PrimaryAction::TryAgain if code == ErrorCode::Expired => Msg::SendNewRequest,
        PrimaryAction::TryAgain => Msg::TryAgain,
        PrimaryAction::UseAnotherOption => Msg::UseDifferentOption,
        PrimaryAction::StartOver => Msg::StartOver,
    };
    view! {
        <div class="ts-screen ts-failure" part="screen">
            <ScreenTitle>{t(title)}</ScreenTitle>
            <p role="alert">{t(body)}</p>
            {(!message.is_empty()).then(|| view! {
                <p class="ts-server">
                    <span class="ts-server-label">{t(Msg::ServerSaid)}</span>
                    " "
                    <span class="ts-server-message">{message}</span>
                </p>
            })}
            <div class="ts-actions">
                <button type="button" class="ts-primary" part="primary-button" on:click=move |_| ctrl.dispatch(action.event())>
                    {t(label)}
                </button>
            </div>
            <div class="ts-secondary">
                {offers_other.then(|| view! { <OtherOption ctrl=ctrl /> })}
                <CantUseAny ctrl=ctrl />
            </div>
            <DetailsPanel failure=failure />
        </div>
    }
    .into_any()
}
