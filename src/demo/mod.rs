//! The demo login page.

mod login;
mod phone;

use std::rc::Rc;

use leptos::prelude::*;
use twostep_widget::backend::demo::{DEMO_USER, Scenario};
use twostep_widget::messages::{Msg, t};
use twostep_widget::{ContactLinks, DemoBackend, HostEvent, TwoStep, TwoStepOptions};

use login::LoginForm;
use phone::PhonePanel;

/// Where the demo visitor is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Stage {
    Password,
    Verify,
    SignedIn(String),
}

/// The scenario named in `?scenario=`, if any.
fn scenario_from_url() -> Option<Scenario> {
    let search = web_sys::window()?.location().search().ok()?;
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok()?;
    Scenario::from_id(&params.get("scenario")?)
}

/// Mounts the demo page into `#app`, when the page has one.
pub fn mount_into_app() {
    use wasm_bindgen::JsCast;
    let app = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(app) = app {
        leptos::mount::mount_to(app, DemoApp).forget();
    }
}

/// The whole demo page: brand bar, sign-in card, simulated phone.
#[component]
pub fn DemoApp() -> impl IntoView {
    let scenario = RwSignal::new(scenario_from_url().unwrap_or(Scenario::Text));
    let stage = RwSignal::new(Stage::Password);
    let email = RwSignal::new(DEMO_USER.to_string());
    // The backend of the current sign-in; the phone panel watches it.
    let backend: StoredValue<Option<DemoBackend>, LocalStorage> = StoredValue::new_local(None);
    let phone_version = RwSignal::new(0u32);

    let begin = move || {
        let b = DemoBackend::new(scenario.get_untracked());
        b.phone()
            .subscribe(move || phone_version.update(|v| *v += 1));
        backend.set_value(Some(b));
        phone_version.update(|v| *v += 1);
        stage.set(Stage::Verify);
    };
    let change_scenario = move |s: Scenario| {
        scenario.set(s);
        backend.set_value(None);
        phone_version.update(|v| *v += 1);
        stage.set(Stage::Password);
    };

    let card = move || {
        match stage.get() {
        Stage::Password => view! { <LoginForm email=email on_success=begin /> }.into_any(),
        Stage::Verify => {
            let Some(b) = backend.get_value() else {
                return ().into_any();
            };
            let mut options = TwoStepOptions::new(Rc::new(b));
            options.user_hint = Some(email.get_untracked());
            options.links = ContactLinks {
                admin: Some("mailto:it-help@contoso.example".into()),
                support: Some("https://support.contoso.example/".into()),
                help: Some("https://support.contoso.example/two-step".into()),
            };
            options.on_event = Some(Rc::new(move |e: &HostEvent| {
                if let HostEvent::Verified { assertion } = e {
                    stage.set(Stage::SignedIn(assertion.clone()));
                }
            }));
            view! { <TwoStep options=options /> }.into_any()
        }
        Stage::SignedIn(assertion) => view! {
            <div class="demo-done">
                <h2 class="demo-title">{t(Msg::DemoSignedInTitle)}</h2>
                <p>{t(Msg::DemoSignedInBody)}</p>
                <p><code class="demo-assertion">{assertion}</code></p>
                <button type="button" class="demo-button" on:click=move |_| change_scenario(scenario.get_untracked())>
                    {t(Msg::DemoSignOut)}
                </button>
            </div>
        }
        .into_any(),
    }
    };

    view! {
        <div class="demo">
            <header class="demo-header">
                <span class="demo-logo" aria-hidden="true"></span>
                <span class="demo-brand">{t(Msg::DemoBrand)}</span>
            </header>
            <div class="demo-layout">
                <main class="demo-card">{card}</main>
                <aside class="demo-aside">
                    <div class="demo-panel">
                        <label class="demo-label" for="demo-scenario">{t(Msg::DemoScenario)}</label>
                        <select
                            id="demo-scenario"
                            class="demo-select"
                            on:change=move |ev| {
                                if let Some(s) = Scenario::from_id(&event_target_value(&ev)) {
                                    change_scenario(s);
                                }
                            }
                        >
                            {Scenario::ALL
                                .into_iter()
                                .map(|s| {
                                    view! {
                                        <option value=s.id() selected=move || scenario.get() == s>
                                            {t(Msg::DemoScenarioName(s.id()))}
                                        </option>
                                    }
                                })
                                .collect_view()}
                        </select>
                    </div>
                    <PhonePanel backend=backend version=phone_version />
                </aside>
            </div>
            <footer class="demo-footer">
                <p>{t(Msg::DemoAbout)}</p>
            </footer>
        </div>
    }
}
