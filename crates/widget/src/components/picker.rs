//! The list of other verification options.

use leptos::prelude::*;
use twostep_flow::Event;

use super::cant_use_any::CantUseAny;
use super::screen_title::ScreenTitle;
use crate::driver::Controller;
use crate::format::mask_target;
use crate::messages::{Msg, t};

/// Every registered method as a real button (keyboard-usable), the one in use
/// marked, and a way out for users who can use none of them.
#[component]
pub fn PickerScreen(ctrl: Controller) -> impl IntoView {
    let (methods, current, has_other) = ctrl.flow.with_untracked(|f| {
        (
            f.session
                .as_ref()
                .map(|s| s.challenge.methods.clone())
                .unwrap_or_default(),
            f.current_method().map(|m| m.id.clone()),
            f.has_other_methods(),
        )
    });
    let options = methods
        .into_iter()
        .enumerate()
        .map(|(i, m)| {
            let is_current = current.as_deref() == Some(m.id.as_str());
            let label = t(Msg::MethodOption(
                m.kind,
                m.target.as_deref().map(mask_target),
                m.label.clone(),
            ));
            let id = m.id.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="ts-option" part="option"
                        data-method=m.id.clone()
                        data-focus=(i == 0).then_some("picker")
                        aria-current=is_current.then_some("true")
                        on:click=move |_| ctrl.dispatch(Event::PickMethod(id.clone()))
                    >
                        <span class="ts-option-label">{label}</span>
                        {is_current.then(|| view! { <span class="ts-option-current">{t(Msg::CurrentOption)}</span> })}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        // Escape goes back, as Back does.
        <div
            class="ts-screen"
            part="screen"
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ctrl.dispatch(Event::ClosePicker)
                }
            }
        >
            <ScreenTitle>{t(Msg::PickerTitle)}</ScreenTitle>
            <ul class="ts-options">{options}</ul>
            {(!has_other).then(|| view! { <p class="ts-note">{t(Msg::NoOtherOptions)}</p> })}
            <div class="ts-secondary">
                <CantUseAny ctrl=ctrl />
                <button type="button" class="ts-link" part="link-button" on:click=move |_| ctrl.dispatch(Event::ClosePicker)>
                    {t(Msg::Back)}
                </button>
            </div>
        </div>
    }
}
