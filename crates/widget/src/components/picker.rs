//! The list of other verification options.

use leptos::prelude::*;
use twostep_flow::Event;
use wasm_bindgen::JsCast;

use super::cant_use_any::CantUseAny;
use super::screen_title::ScreenTitle;
use crate::driver::Controller;
use crate::format::mask_target;
use crate::messages::{Msg, t};

/// Arrow keys on an option: Up and Down move focus (around the ends), Home
/// and End to the first and last; the focused option is the list's one tab
/// stop.
fn arrows(ev: &web_sys::KeyboardEvent) {
    let Some(option) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .filter(|t| t.get_attribute("role").as_deref() == Some("option"))
    else {
        return;
    };
    let Some(list) = option.parent_element() else {
        return;
    };
    let next = match ev.key().as_str() {
        "ArrowDown" => option
            .next_element_sibling()
            .or_else(|| list.first_element_child()),
        "ArrowUp" => option
            .previous_element_sibling()
            .or_else(|| list.last_element_child()),
        "Home" => list.first_element_child(),
        "End" => list.last_element_child(),
        _ => return,
    };
    ev.prevent_default();
    if let Some(to) = next.and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = option.set_attribute("tabindex", "-1");
        let _ = to.set_attribute("tabindex", "0");
        let _ = to.focus();
    }
}

/// Every registered method as an option of a listbox (a real button, so
/// Enter and Space pick it), the one in use selected, and a way out for
/// users who can use none of them.
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
            // A listbox's options: one tab stop (the first), arrows between
            // them, Enter or Space picks (a button's own keys).
            view! {
                    <button
                        type="button"
                        role="option"
                        class="ts-option" part="option"
                        data-method=m.id.clone()
                        data-focus=(i == 0).then_some("picker")
                        tabindex=(i != 0).then_some("-1")
                        aria-selected=is_current.then_some("true")
                        on:click=move |_| ctrl.dispatch(Event::PickMethod(id.clone()))
                    >
                        <span class="ts-option-label">{label}</span>
                        {is_current.then(|| view! { <span class="ts-option-current">{t(Msg::CurrentOption)}</span> })}
                    </button>
            }
        })
        .collect_view();
    view! {
        // Escape goes back, as Back does; arrows move between the options.
        <div
            class="ts-screen"
            part="screen"
            on:keydown=move |ev: web_sys::KeyboardEvent| {
                if ev.key() == "Escape" {
                    ctrl.dispatch(Event::ClosePicker)
                } else {
                    arrows(&ev)
                }
            }
        >
            <ScreenTitle>{t(Msg::PickerTitle)}</ScreenTitle>
            <div class="ts-options" role="listbox" aria-label=t(Msg::PickerTitle)>
                {options}
            </div>
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
