//! The simulated phone: shows what the backend "delivered" and lets the
//! visitor answer calls and notifications. It reads the in-browser demo
//! backend, or the reference server's dev endpoints.

use std::time::Duration;

use leptos::prelude::*;
use leptos::task::spawn_local;

use super::delivery::{Item, ItemKind, in_browser_items};
use super::server;
use crate::backend::{DemoBackend, DemoPhone};
use crate::messages::{Msg, t};

/// Where the phone's deliveries come from.
#[derive(Clone, Copy)]
pub enum Source {
    /// The in-browser demo backend of the current sign-in.
    InBrowser(StoredValue<Option<DemoBackend>, LocalStorage>),
    /// The reference server's dev endpoints, for this user and session.
    Server {
        /// The signed-in user.
        user: RwSignal<String>,
        /// The public reference of the widget's session, once it has one.
        session_ref: RwSignal<Option<String>>,
    },
}

/// The phone panel. `version` changes whenever the in-browser phone gets
/// something; the server's outbox is polled every second.
#[component]
pub fn PhonePanel(source: Source, version: RwSignal<u32>) -> impl IntoView {
    let tick = RwSignal::new(0u64);
    if let Ok(handle) =
        set_interval_with_handle(move || tick.update(|n| *n += 1), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    let fetched = RwSignal::new(Vec::<Item>::new());
    let server_code = RwSignal::new(None::<String>);
    if let Source::Server { user, session_ref } = source {
        Effect::new(move |_| {
            tick.track();
            version.track();
            let user = user.get_untracked();
            let session = session_ref.get_untracked();
            spawn_local(async move {
                fetched.try_set(match session {
                    Some(s) => server::outbox(&s).await,
                    None => Vec::new(),
                });
                if super::has_app(&user) {
                    server_code.try_set(server::totp(&user).await);
                } else {
                    server_code.try_set(None);
                }
            });
        });
    }
    let items = move || {
        version.track();
        let mut list = match source {
            Source::InBrowser(backend) => backend
                .with_value(|b| b.as_ref().map(|b| in_browser_items(&b.phone())))
                .unwrap_or_default(),
            Source::Server { .. } => fetched.get(),
        };
        list.reverse();
        list
    };
    let app_code = move || {
        tick.track();
        match source {
            Source::InBrowser(backend) => {
                backend.with_value(|b| b.as_ref().map(|b| b.phone().app_code()))
            }
            Source::Server { .. } => server_code.get(),
        }
    };
    let answer = move |approve: bool, number: Option<String>| match source {
        Source::InBrowser(backend) => {
            backend.with_value(|b| {
                if let Some(b) = b {
                    b.phone().answer(approve, number.as_deref());
                }
            });
        }
        Source::Server { session_ref, .. } => {
            if let Some(s) = session_ref.get_untracked() {
                spawn_local(async move {
                    server::answer(&s, approve, number).await;
                    version.update(|v| *v += 1);
                });
            }
        }
    };
    view! {
        <section class="demo-panel demo-phone" aria-labelledby="demo-phone-title">
            <h2 id="demo-phone-title" class="demo-phone-title">{t(Msg::PhoneTitle)}</h2>
            <p class="demo-appcode">
                {move || app_code().map(|c| view! {
                    {t(Msg::AppCode)}": "
                    <strong class="demo-code" data-app-code=c.clone()>{c.clone()}</strong>
                })}
            </p>
            <ol class="demo-inbox" aria-live="polite">
                {move || {
                    let list = items();
                    if list.is_empty() {
                        return view! { <li class="demo-empty">{t(Msg::PhoneEmpty)}</li> }.into_any();
                    }
                    list.into_iter()
                        .map(|item| view! { <PhoneItem item=item answer=answer /> })
                        .collect_view()
                        .into_any()
                }}
            </ol>
        </section>
    }
}

/// One delivery on the phone.
#[component]
fn PhoneItem(
    item: Item,
    answer: impl Fn(bool, Option<String>) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let Item {
        key,
        time,
        kind,
        to,
        code,
        number,
        answer: answered,
    } = item;
    let pending = answered.is_none();
    let answered = answered.map(|a| view! { <p class="demo-answered">{t(Msg::Answered(a))}</p> });
    let approve_deny = move || {
        view! {
            <div class="demo-actions">
                <button type="button" class="demo-button" on:click=move |_| answer(true, None)>{t(Msg::Approve)}</button>
                <button type="button" class="demo-button demo-quiet" on:click=move |_| answer(false, None)>{t(Msg::Deny)}</button>
            </div>
        }
    };
    // A call or notification with a number to match offers the number on
    // screen among others, and Deny; without one, Approve and Deny.
    let actions = match (pending, number) {
        (false, _) => None,
        (true, Some(n)) => Some(
            view! {
                <p>{t(Msg::PhonePickNumber)}</p>
                <div class="demo-actions">
                    {DemoPhone::number_choices(&n)
                        .into_iter()
                        .map(|c| {
                            let pick = c.clone();
                            let label = c.clone();
                            view! {
                                <button type="button" class="demo-button demo-number" data-number=c on:click=move |_| answer(true, Some(pick.clone()))>{label}</button>
                            }
                        })
                        .collect_view()}
                </div>
                <button type="button" class="demo-button demo-quiet" on:click=move |_| answer(false, None)>{t(Msg::Deny)}</button>
            }
            .into_any(),
        ),
        (true, None) => Some(approve_deny().into_any()),
    };
    let body = match kind {
        ItemKind::Text => {
            let code = code.unwrap_or_default();
            let text = t(Msg::SmsBody(code.clone()));
            view! {
                <p class="demo-msg-head">{t(Msg::PhoneText(to))}" · "{time}</p>
                <p class="demo-msg-body" data-text-code=code>{text}</p>
            }
            .into_any()
        }
        ItemKind::Call => view! {
            <p class="demo-msg-head">{t(Msg::PhoneCall(to))}" · "{time}</p>
            {actions}
            {answered}
        }
        .into_any(),
        ItemKind::Push => view! {
            <p class="demo-msg-head">{t(Msg::PhonePush)}" · "{time}</p>
            {actions}
            {answered}
        }
        .into_any(),
    };
    view! { <li class="demo-msg" data-key=key>{body}</li> }
}
