//! The "I can't use any of these options" way to the recovery guidance.

use leptos::prelude::*;
use twostep_flow::Event;

use crate::driver::Controller;
use crate::messages::{Msg, t};

/// Opens the guidance for a lost phone or no usable method; on the list of
/// options, the failure screens and under "Lost phone" in the help.
#[component]
pub fn CantUseAny(ctrl: Controller) -> impl IntoView {
    view! {
        <button type="button" class="ts-link" part="link-button" on:click=move |_| ctrl.dispatch(Event::OpenRecovery)>
            {t(Msg::CantUseAny)}
        </button>
    }
}
