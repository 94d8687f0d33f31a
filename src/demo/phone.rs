//! The simulated phone: shows what the demo backend "delivered" and lets the
//! visitor answer calls and notifications.

use std::time::Duration;

use leptos::prelude::*;
use twostep_widget::DemoBackend;
use twostep_widget::backend::demo::{DemoPhone, PhoneKind, PhoneMessage};
use twostep_widget::browser::offset_minutes;
use twostep_widget::format::clock_time;
use twostep_widget::messages::{Msg, t};

/// The phone panel. `version` changes whenever the phone gets something.
#[component]
pub fn PhonePanel(
    backend: StoredValue<Option<DemoBackend>, LocalStorage>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let tick = RwSignal::new(0u64);
    if let Ok(handle) =
        set_interval_with_handle(move || tick.update(|n| *n += 1), Duration::from_secs(1))
    {
        on_cleanup(move || handle.clear());
    }
    let phone = move || {
        version.track();
        backend.with_value(|b| b.as_ref().map(DemoBackend::phone))
    };
    let messages = move || {
        let Some(phone) = phone() else {
            return Vec::new();
        };
        let mut list: Vec<(usize, PhoneMessage)> =
            phone.messages().into_iter().enumerate().collect();
        list.reverse();
        list
    };
    let app_code = move || {
        tick.track();
        phone().map(|p| p.app_code())
    };
    view! {
        <section class="demo-panel demo-phone" aria-labelledby="demo-phone-title">
            <h2 id="demo-phone-title" class="demo-phone-title">{t(Msg::DemoPhoneTitle)}</h2>
            <p class="demo-appcode">
                {move || app_code().map(|c| view! {
                    {t(Msg::DemoAppCode)}": "
                    <strong class="demo-code" data-app-code=c.clone()>{c.clone()}</strong>
                })}
            </p>
            <ol class="demo-inbox" aria-live="polite">
                {move || {
                    let list = messages();
                    if list.is_empty() {
                        return view! { <li class="demo-empty">{t(Msg::DemoPhoneEmpty)}</li> }.into_any();
                    }
                    list.into_iter()
                        .map(|(i, m)| view! { <PhoneItem index=i message=m phone=phone /> })
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
    index: usize,
    message: PhoneMessage,
    phone: impl Fn() -> Option<DemoPhone> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let time = clock_time(message.at, offset_minutes(message.at));
    let answer = move |approve: bool, number: Option<String>| {
        if let Some(p) = phone() {
            p.answer(approve, number.as_deref());
        }
    };
    let answered = message
        .answer
        .map(|a| view! { <p class="demo-answered">{t(Msg::DemoAnswered(a))}</p> });
    let pending = message.answer.is_none();
    let body = match message.kind {
        PhoneKind::Text { to, code } => {
            let text = t(Msg::DemoSmsBody(code.clone()));
            view! {
                <p class="demo-msg-head">{t(Msg::DemoPhoneText(to))}" · "{time}</p>
                <p class="demo-msg-body" data-text-code=code>{text}</p>
            }
            .into_any()
        }
        PhoneKind::Call { to } => view! {
            <p class="demo-msg-head">{t(Msg::DemoPhoneCall(to))}" · "{time}</p>
            {pending.then(|| view! {
                <div class="demo-actions">
                    <button type="button" class="demo-button" on:click=move |_| answer(true, None)>{t(Msg::DemoApprove)}</button>
                    <button type="button" class="demo-button demo-quiet" on:click=move |_| answer(false, None)>{t(Msg::DemoDeny)}</button>
                </div>
            })}
            {answered}
        }
        .into_any(),
        PhoneKind::Push { number } => {
            let actions = match (pending, number) {
                (false, _) => None,
                (true, Some(n)) => Some(view! {
                    <p>{t(Msg::DemoPhonePickNumber)}</p>
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
                    <button type="button" class="demo-button demo-quiet" on:click=move |_| answer(false, None)>{t(Msg::DemoDeny)}</button>
                }.into_any()),
                (true, None) => Some(view! {
                    <div class="demo-actions">
                        <button type="button" class="demo-button" on:click=move |_| answer(true, None)>{t(Msg::DemoApprove)}</button>
                        <button type="button" class="demo-button demo-quiet" on:click=move |_| answer(false, None)>{t(Msg::DemoDeny)}</button>
                    </div>
                }.into_any()),
            };
            view! {
                <p class="demo-msg-head">{t(Msg::DemoPhonePush)}" · "{time}</p>
                {actions}
                {answered}
            }
            .into_any()
        }
    };
    view! { <li class="demo-msg" data-index=index>{body}</li> }
}
