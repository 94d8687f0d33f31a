//! The "Use a different verification option" action.

use leptos::prelude::*;
use twostep_flow::Event;

use crate::driver::Controller;
use crate::messages::{Msg, t};

/// The way to another option, on every prompt, wait and failure screen. It
/// stands out once the flow suggests another option (nothing has arrived).
/// Closing the list of options brings focus back to it.
#[component]
pub fn OtherOption(ctrl: Controller) -> impl IntoView {
    let class = move || {
        if ctrl.flow.with(|f| f.suggests_other(ctrl.now.get())) {
            "ts-link ts-emphasis"
        } else {
            "ts-link"
        }
    };
    view! {
        <button type="button" class=class data-focus="opener" on:click=move |_| ctrl.dispatch(Event::OpenPicker)>
            {t(Msg::UseDifferentOption)}
        </button>
    }
}
