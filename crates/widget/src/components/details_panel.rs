//! The "View details" panel with "Copy details".

use leptos::prelude::*;
use leptos::task::spawn_local;
use twostep_flow::FailureDetails;

use crate::browser::{copy_to_clipboard, environment};
use crate::details::{clipboard_text, fields, snapshot_fields};
use crate::messages::{Msg, language_tag, t};

/// What the last "Copy details" did.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CopyStatus {
    Idle,
    Done,
    Refused,
}

/// Escape in an open disclosure (support's details, the help section) closes
/// it and puts focus on its summary; the innermost one first.
pub fn close_disclosure(ev: web_sys::KeyboardEvent) {
    use wasm_bindgen::JsCast;
    let Some(open) = ev
        .current_target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|d| ev.key() == "Escape" && d.has_attribute("open"))
    else {
        return;
    };
    ev.stop_propagation();
    let _ = open.remove_attribute("open");
    if let Some(summary) = open
        .first_element_child()
        .and_then(|s| s.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = summary.focus();
    }
}

/// Support details as a list, copied as "Name: value" lines in one click. When
/// the browser refuses both clipboard routes, a selectable text area appears.
/// With `snapshot`, `failure` is [`twostep_flow::Flow::support_snapshot`]:
/// details asked for when nothing failed.
#[component]
pub fn DetailsPanel(failure: FailureDetails, #[prop(optional)] snapshot: bool) -> impl IntoView {
    let env = environment(failure.at, language_tag());
    let rows = if snapshot {
        snapshot_fields(&failure, &env)
    } else {
        fields(&failure, &env)
    };
    let text = clipboard_text(&rows);
    let state = RwSignal::new(CopyStatus::Idle);
    let copy = {
        let text = text.clone();
        move |_| {
            let text = text.clone();
            spawn_local(async move {
                let ok = copy_to_clipboard(&text).await;
                state.try_set(if ok {
                    CopyStatus::Done
                } else {
                    CopyStatus::Refused
                });
            });
        }
    };
    let list = rows
        .into_iter()
        .map(|f| {
            view! {
                <div class="ts-field">
                    <dt>{f.name}</dt>
                    <dd>{f.value}</dd>
                </div>
            }
        })
        .collect_view();
    view! {
        <details class="ts-details" part="details" on:keydown=close_disclosure>
            <summary>{t(Msg::ViewDetails)}</summary>
            <dl class="ts-fields">{list}</dl>
            <button type="button" class="ts-secondary-button" part="secondary-button" on:click=copy>
                {t(Msg::CopyDetails)}
            </button>
            <p class="ts-copied" role="status">
                {move || match state.get() {
                    CopyStatus::Idle => None,
                    CopyStatus::Done => Some(t(Msg::Copied)),
                    CopyStatus::Refused => Some(t(Msg::CopyManually)),
                }}
            </p>
            <Show when=move || state.get() == CopyStatus::Refused>
                <label class="ts-label">
                    {t(Msg::DetailsText)}
                    <textarea class="ts-copytext" readonly rows="9" prop:value=text.clone()></textarea>
                </label>
            </Show>
        </details>
    }
}
