//! "Don't ask again on this device", where the backend offers it.

use std::sync::atomic::{AtomicU32, Ordering};

use leptos::prelude::*;
use twostep_flow::Event;

use crate::driver::Controller;
use crate::messages::{Msg, t};

/// Numbers the checkboxes, so that no two on a page share an element id
/// (several widgets, or one widget's code and approval screens).
static NEXT_ID: AtomicU32 = AtomicU32::new(0);

/// A checkbox to skip two-step verification on this device for the days the
/// backend offers; nothing unless the flow has an offer
/// ([`twostep_flow::Flow::remember_offer`]). Ticking or unticking it sends
/// `Event::RememberDevice`. The offer is fixed for a challenge and the screens
/// that show it are rebuilt with a new one, so it is read once here, and the
/// checkbox then keeps its own state (the flow follows it).
#[component]
pub fn RememberDevice(ctrl: Controller) -> impl IntoView {
    let (days, checked) = ctrl.flow.with_untracked(|f| f.remember_offer())?;
    let id = format!("ts-remember-{}", NEXT_ID.fetch_add(1, Ordering::Relaxed));
    // A change is always a toggle; reading the flow costs less than the DOM.
    let ticked = move || {
        ctrl.flow
            .with_untracked(|f| f.remember_offer().is_some_and(|o| o.1))
    };
    Some(view! {
        <div class="ts-remember">
            <input
                id=id.clone()
                type="checkbox"
                prop:checked=checked
                on:change=move |_| ctrl.dispatch(Event::RememberDevice(!ticked()))
            />
            <label for=id>{t(Msg::RememberDevice(days))}</label>
        </div>
    })
}
