//! The verification window's countdown.

use leptos::prelude::*;

use crate::driver::Controller;
use crate::format::countdown;
use crate::messages::{Msg, t};

/// "Time left to verify: 9:42", while a challenge is loaded and undecided.
/// The clock itself is silent (a `timer`); a polite status beside it says
/// "2 minutes left to verify" at 2 min, 1 min and 30 s, once each.
#[component]
pub fn WindowClock(ctrl: Controller) -> impl IntoView {
    let left = move || ctrl.flow.with(|f| f.window_left_ms(ctrl.now.get()));
    // Re-read each second, but a text node changes (and is announced) only
    // when its text does.
    let mark = move || ctrl.flow.with(|f| f.window_mark(ctrl.now.get()));
    let class = move || {
        if left().is_some_and(|ms| ms <= 60_000) {
            "ts-window ts-window-low"
        } else {
            "ts-window"
        }
    };
    view! {
        <Show when=move || left().is_some()>
            <p class=class role="timer">
                {move || t(Msg::WindowLeft(countdown(left().unwrap_or(0))))}
            </p>
            <p class="ts-offscreen" role="status">
                {move || mark().map(|secs| t(Msg::WindowAnnounce(secs))).unwrap_or_default()}
            </p>
        </Show>
    }
}
