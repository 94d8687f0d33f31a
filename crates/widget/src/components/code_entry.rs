//! The code entry screen.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use twostep_flow::{CodeEntry, CodeNotice, Event, Flow, Phase};
use twostep_protocol::MethodKind;
use web_sys::HtmlInputElement;

use super::context::WidgetContext;
use super::other_option::OtherOption;
use super::remember_device::RememberDevice;
use super::screen_title::ScreenTitle;
use crate::browser::{clock_time, web_otp};
use crate::driver::Controller;
use crate::format::{countdown, mask_target};
use crate::messages::{Msg, language_tag, t};

/// Marks the ticking part of a notice, which is shown but not read out.
const TICKING: char = '\u{1}';

/// A countdown inside a notice, marked as [`TICKING`].
fn ticking(ms: u64) -> String {
    format!("{TICKING}{}{TICKING}", countdown(ms))
}

/// What to tell the user about the code, at `now`; a countdown in it is
/// marked [`TICKING`].
fn notice_text(entry: &CodeEntry, now: u64) -> Option<String> {
    let msg = match entry.notice.as_ref()? {
        CodeNotice::Wrong { attempts_left } => Msg::WrongCode(*attempts_left),
        CodeNotice::Locked { until } if now < *until => Msg::LockedFor(ticking(until - now)),
        CodeNotice::Locked { .. } => Msg::LockoutOver,
        CodeNotice::Expired => Msg::CodeExpired,
        CodeNotice::RateLimited { until } if now < *until => {
            Msg::RateLimitedFor(ticking(until - now))
        }
        CodeNotice::RateLimited { .. } => return None,
        CodeNotice::DigitsOnly => Msg::DigitsOnly,
        CodeNotice::Incomplete => Msg::Incomplete(entry.code_length),
    };
    Some(t(msg))
}

/// The code entry on screen ([`Flow::code_entry`]), read in place from the
/// flow's signal.
#[derive(Clone, Copy)]
struct ShownEntry(RwSignal<Flow>);

impl ShownEntry {
    fn with<R>(self, g: impl FnOnce(Option<&CodeEntry>) -> R) -> R {
        self.0.with(|f| g(f.code_entry()))
    }
}

/// Asks for the code: where it went and when, the field, resend with its
/// cool-down, "don't ask again on this device" when the backend offers it,
/// and a way to another option.
#[component]
pub fn CodeScreen(ctrl: Controller, ui: WidgetContext) -> impl IntoView {
    let flow = ctrl.flow;
    let now = ctrl.now;
    // Read straight from the flow: a memo of the entry would cost more bundle
    // than it saves work, since nearly every flow change on this screen is a
    // change of the entry.
    let entry = ShownEntry(flow);
    // The method is fixed for this screen's life: switching methods goes
    // through the picker, which rebuilds the screen.
    let kind = flow.with_untracked(Flow::current_kind);
    let resending = move || flow.with(|f| matches!(f.phase, Phase::Sending { .. }));
    let with_entry = move |g: &dyn Fn(&CodeEntry) -> Option<String>| entry.with(|e| e.and_then(g));

    // A texted code fills itself in where the browser reads it (WebOTP);
    // leaving the screen stops asking.
    if kind == MethodKind::Sms
        && let Some(abort) = web_otp(move |code| ctrl.dispatch(Event::CodeChanged(code)))
    {
        let abort = StoredValue::new_local(abort);
        on_cleanup(move || {
            abort.try_with_value(web_sys::AbortController::abort);
        });
    }

    let field_id = ui.id("code");
    let notice_id = ui.id("code-notice");
    let delivered = move || entry.with(|e| e.is_some_and(|e| e.sent_at.is_some()));

    let sent_line = move || {
        with_entry(&|e| match (&e.target, e.sent_at) {
            (Some(target), Some(at)) => Some(t(Msg::SentTo {
                kind,
                target: mask_target(target),
                time: clock_time(at, language_tag()),
            })),
            // A first code still on its way: nothing is sent yet.
            (Some(target), None) if kind != MethodKind::Totp => {
                Some(t(Msg::SendingTo(mask_target(target))))
            }
            _ if kind == MethodKind::Totp => Some(t(Msg::AppCodeHint)),
            _ => None,
        })
    };
    let status = move || {
        if resending() {
            Some(t(Msg::SendingTitle(kind)))
        } else {
            with_entry(&|e| (e.sends > 1).then(|| t(Msg::NewestCodeOnly)))
        }
    };
    let notice = move || {
        let now = now.get();
        with_entry(&|e| notice_text(e, now))
    };
    let has_error = move || entry.with(|e| e.is_some_and(CodeEntry::has_error));
    let value = move || entry.with(|e| e.map(|e| e.code.clone()).unwrap_or_default());
    let submitting = move || entry.with(|e| e.is_some_and(|e| e.submitting));
    let input_disabled = move || {
        let now = now.get();
        resending() || entry.with(|e| e.is_none_or(|e| !e.accepts_input(now)))
    };
    let can_resend = move || flow.with(|f| f.can_resend(now.get()));
    let resend_label = move || {
        let now = now.get();
        match entry.with(|e| e.and_then(|e| e.resend_wait(now))) {
            Some(ms) => t(Msg::ResendIn(countdown(ms))),
            None => t(Msg::Resend),
        }
    };
    let suggests = move || flow.with(|f| f.suggests_other(now.get()));
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        ctrl.dispatch(Event::SubmitCode);
    };

    view! {
        <div class="ts-screen" part="screen">
            <ScreenTitle>
                {t(Msg::CodeTitle(kind))}
            </ScreenTitle>
            // Where and when the code went: polite, read out when a resend changes it.
            <p class="ts-sent" role="status">{sent_line}</p>
            <p class="ts-note" role="status">{status}</p>
            <form class="ts-form" on:submit=submit novalidate>
                <label class="ts-label" for=field_id.clone()>{move || entry.with(|e| e.map(|e| t(Msg::CodeLabel(e.code_length))))}</label>
                <input
                    id=field_id
                    class="ts-code" part="code-input"
                    type="text"
                    inputmode="numeric"
                    // Codes read left to right in every language.
                    dir="ltr"
                    autocomplete="one-time-code"
                    spellcheck="false"
                    data-focus="code"
                    aria-describedby=notice_id.clone()
                    aria-invalid=move || if has_error() { "true" } else { "false" }
                    prop:value=value
                    prop:disabled=input_disabled
                    on:input=move |ev| {
                        let input = event_target::<HtmlInputElement>(&ev);
                        ctrl.dispatch(Event::CodeChanged(input.value()));
                        // Keep the field equal to the cleaned code even when the
                        // state did not change (a dropped letter).
                        let code = value();
                        if input.value() != code {
                            input.set_value(&code);
                        }
                    }
                />
                // An alert, read out when it appears; its countdown ticks in a
                // part that is not live, so it is never read every second.
                <p id=notice_id class="ts-notice" role="alert">
                    {move || notice().map(|text| {
                        let mut parts = text.split(TICKING);
                        let before = parts.next().unwrap_or_default().to_string();
                        let time = parts.next().map(|time| view! { <span aria-live="off">{time.to_string()}</span> });
                        (before, time, parts.next().unwrap_or_default().to_string())
                    })}
                </p>
                <RememberDevice ctrl=ctrl />
                <button type="submit" class="ts-primary" part="primary-button" prop:disabled=move || submitting() || input_disabled()>
                    {move || if submitting() { t(Msg::Verifying) } else { t(Msg::Verify) }}
                </button>
            </form>
            <Show when=suggests>
                <p class="ts-nudge" role="status">{move || t(Msg::NothingArrived(kind, can_resend()))}</p>
            </Show>
            <div class="ts-secondary">
                <Show when=delivered>
                    <button
                        type="button"
                        class="ts-link" part="link-button"
                        prop:disabled=move || !can_resend()
                        on:click=move |_| ctrl.dispatch(Event::Resend)
                    >
                        {resend_label}
                    </button>
                </Show>
                <OtherOption ctrl=ctrl />
            </div>
        </div>
    }
}
