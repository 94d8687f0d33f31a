//! The failure and timeout screens.

use leptos::prelude::*;
use twostep_flow::{Event, Phase};
use twostep_protocol::MethodKind;

use super::details_panel::DetailsPanel;
use super::other_option::OtherOption;
use super::two_step::Ui;
use crate::browser::offset_minutes;
use crate::driver::Controller;
use crate::format::clock_time;
use crate::messages::{Msg, t};

/// A plain message, one way forward (try again or start over), another option
/// when there is one, and the details panel for support. When the backend
/// paused the method (app notifications after several denials), it says so
/// and until when, and the way forward is another option.
#[component]
pub fn FailureScreen(ctrl: Controller, ui: Ui) -> impl IntoView {
    let (failure, timed_out, can_switch, user, paused) = ctrl.flow.with_untracked(|f| {
        let (failure, timed_out) = match &f.phase {
            Phase::Failed { failure, .. } => (Some(failure.clone()), false),
            Phase::TimedOut(failure) => (Some(failure.clone()), true),
            _ => (None, false),
        };
        let user = f.session.as_ref().map(|s| s.challenge.user.clone());
        (
            failure,
            timed_out,
            !timed_out && f.has_other_methods(),
            user,
            f.paused_until(),
        )
    });
    let Some(failure) = failure else {
        return ().into_any();
    };
    let user = user.or_else(|| ui.user_hint.get_value());
    let code = failure.code;
    let message = failure.message.trim().to_string();
    let (title, body) = match paused {
        Some(until) => {
            let kind = failure
                .method
                .as_ref()
                .map_or(MethodKind::Other, |m| m.kind);
            // The minute it ends, rounded up: never a time when it is still paused.
            let at = until.div_ceil(60_000) * 60_000;
            let time = clock_time(at, offset_minutes(at));
            (Msg::PausedTitle(kind), Msg::PausedBody(kind, time))
        }
        None => (Msg::FailureTitle(code), Msg::FailureBody(code)),
    };
    // The flow turns Retry into the list of options while the method is paused.
    let (action, event) = if timed_out {
        (Msg::StartOver, Event::Restart)
    } else if paused.is_some() {
        (Msg::UseDifferentOption, Event::Retry)
    } else {
        (Msg::TryAgain, Event::Retry)
    };
    let can_switch = can_switch && paused.is_none();
    view! {
        <div class="ts-screen ts-failure" part="screen">
            <h2 class="ts-title" part="title" tabindex="-1" data-focus="heading">{t(title)}</h2>
            <p role="alert">{t(body)}</p>
            {(!message.is_empty()).then(|| view! {
                <p class="ts-server">
                    <span class="ts-server-label">{t(Msg::ServerSaid)}</span>
                    " "
                    <span class="ts-server-message">{message}</span>
                </p>
            })}
            <div class="ts-actions">
                <button type="button" class="ts-primary" part="primary-button" on:click=move |_| ctrl.dispatch(event.clone())>
                    {t(action)}
                </button>
            </div>
            <div class="ts-secondary">
                {can_switch.then(|| view! { <OtherOption ctrl=ctrl /> })}
                <button type="button" class="ts-link" part="link-button" on:click=move |_| ctrl.dispatch(Event::OpenRecovery)>
                    {t(Msg::CantUseAny)}
                </button>
            </div>
            <DetailsPanel failure=failure user=user />
        </div>
    }
    .into_any()
}
