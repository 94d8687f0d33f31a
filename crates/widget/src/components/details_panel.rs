//! The "View details" panel with "Copy details".

use leptos::prelude::*;
use leptos::task::spawn_local;
use twostep_flow::Failure;

use crate::browser::{copy_text, environment};
use crate::details::{self, fields};
use crate::messages::{Msg, t};

/// What the last copy did.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Copy {
    Idle,
    Done,
    Refused,
}

/// Support details as a list, copied as "Name: value" lines in one click. When
/// the browser refuses both clipboard routes, a selectable text area appears.
#[component]
pub fn DetailsPanel(failure: Failure, user: Option<String>) -> impl IntoView {
    let rows = fields(&failure, user.as_deref(), &environment(failure.at));
    let text = details::copy_text(&rows);
    let state = RwSignal::new(Copy::Idle);
    let copy = {
        let text = text.clone();
        move |_| {
            let text = text.clone();
            spawn_local(async move {
                let ok = copy_text(&text).await;
                state.try_set(if ok { Copy::Done } else { Copy::Refused });
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
        <details class="ts-details" part="details">
            <summary>{t(Msg::ViewDetails)}</summary>
            <dl class="ts-fields">{list}</dl>
            <button type="button" class="ts-secondary-button" part="secondary-button" on:click=copy>
                {t(Msg::CopyDetails)}
            </button>
            <p class="ts-copied" role="status">
                {move || match state.get() {
                    Copy::Idle => None,
                    Copy::Done => Some(t(Msg::Copied)),
                    Copy::Refused => Some(t(Msg::CopyManually)),
                }}
            </p>
            <Show when=move || state.get() == Copy::Refused>
                <label class="ts-label">
                    {t(Msg::DetailsText)}
                    <textarea class="ts-copytext" readonly rows="9" prop:value=text.clone()></textarea>
                </label>
            </Show>
        </details>
    }
}
