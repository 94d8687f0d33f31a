//! The demo login page.
//!
//! Served by the reference server (`cargo xtask demo`), it signs in over real
//! HTTP as one of the server's demo users. Served as static files (`trunk
//! serve`), it plays the in-browser demo backend's scenarios instead. Which one
//! comes from `demo-config.json`.

mod delivery;
mod login;
mod phone;
mod server;

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use twostep_widget::locale::{self, Catalogue};
use twostep_widget::{
    Backend, ContactLinks, HostEvent, HttpBackend, HttpOptions, SessionSource, TwoStep,
    TwoStepOptions,
};

use crate::backend::{DEMO_USER, DemoBackend, Scenario};
use crate::messages::{Msg, t};

use login::LoginForm;
use phone::{PhonePanel, Source};

/// The reference server's demo users, as the picker lists them.
const SERVER_USERS: [&str; 3] = [
    "alex@contoso.example",
    "sam@contoso.example",
    "kim@contoso.example",
];

/// True when the server's demo user has the authenticator app (the phone
/// panel then shows its current code).
fn has_app(email: &str) -> bool {
    email != "sam@contoso.example"
}

/// Where the demo visitor is.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Stage {
    Password,
    Verify,
    SignedIn(String),
}

/// The value of `name` in the page's query string, if any.
fn query(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
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

/// The page, once `demo-config.json` says which backend to use.
#[component]
fn DemoApp() -> impl IntoView {
    let server_mode = RwSignal::new(None::<bool>);
    spawn_local(async move {
        let config = server::config().await;
        server_mode.set(Some(config.backend == "server"));
    });
    move || {
        server_mode
            .get()
            .map(|server| view! { <DemoPage server=server /> })
    }
}

/// The whole demo page: brand bar, sign-in card, demo controls, simulated phone.
#[component]
fn DemoPage(server: bool) -> impl IntoView {
    let scenario = RwSignal::new(
        query("scenario")
            .and_then(|s| Scenario::from_id(&s))
            .unwrap_or(Scenario::Text),
    );
    let initial_user = query("user")
        .filter(|u| SERVER_USERS.contains(&u.as_str()))
        .unwrap_or_else(|| SERVER_USERS[0].to_string());
    let email = RwSignal::new(if server {
        initial_user
    } else {
        DEMO_USER.to_string()
    });
    let stage = RwSignal::new(Stage::Password);
    // `?locale=nl`: the widget in that language, its file fetched while the
    // visitor types the password (English until it is in).
    let language = RwSignal::new(Catalogue::english());
    if let Some(tag) = query("locale").as_deref().and_then(locale::supported)
        && tag != "en"
    {
        spawn_local(async move {
            match locale::fetch(tag, "locales/", None).await {
                Ok(catalogue) => language.set(catalogue),
                Err(e) => web_sys::console::warn_1(&e.into()),
            }
        });
    }
    // The public reference of the widget's session, for the phone panel.
    let session_ref = RwSignal::new(None::<String>);
    // The in-browser backend of the current sign-in; the phone panel watches it.
    let demo_backend: StoredValue<Option<DemoBackend>, LocalStorage> = StoredValue::new_local(None);
    let phone_version = RwSignal::new(0u32);
    let source = if server {
        Source::Server {
            user: email,
            session_ref,
        }
    } else {
        Source::InBrowser(demo_backend)
    };

    let begin = move || {
        session_ref.set(None);
        if !server {
            let b = DemoBackend::new(scenario.get_untracked());
            b.phone()
                .subscribe(move || phone_version.update(|v| *v += 1));
            demo_backend.set_value(Some(b));
        }
        phone_version.update(|v| *v += 1);
        stage.set(Stage::Verify);
    };
    let restart = move || {
        demo_backend.set_value(None);
        session_ref.set(None);
        phone_version.update(|v| *v += 1);
        stage.set(Stage::Password);
    };

    let card = move || match stage.get() {
        Stage::Password => view! { <LoginForm email=email on_success=begin /> }.into_any(),
        Stage::Verify => {
            let backend: Rc<dyn Backend> = if server {
                Rc::new(HttpBackend::new(HttpOptions::new("")))
            } else {
                match demo_backend.get_value() {
                    Some(b) => Rc::new(b),
                    None => return ().into_any(),
                }
            };
            let mut options = TwoStepOptions::new(backend);
            options.language = language.get_untracked();
            let user = email.get_untracked();
            if server {
                // As a real host: its server starts the verification after
                // the password step (here the reference server's dev-only
                // stand-in does), and Start over gets a new one. The
                // in-browser backend starts from the user hint instead.
                let user = user.clone();
                options.session = SessionSource::fetch(move |_fresh| {
                    let user = user.clone();
                    async move { server::create_session(&user).await }
                });
            }
            options.user_hint = Some(user);
            if !server {
                // Calls and notifications nudge at the scenario's time, as its
                // codes do (the contract's approvals carry no such time, and
                // the widget's own default is 30 s).
                let secs = scenario.get_untracked().suggest_other_after_secs();
                options.flow.suggest_other_after_ms = u64::from(secs) * 1000;
            }
            options.links = RwSignal::new(ContactLinks {
                admin: Some("mailto:it-help@contoso.example".into()),
                support: Some("https://support.contoso.example/".into()),
                help: Some("https://support.contoso.example/two-step".into()),
                settings: Some("https://account.contoso.example/security".into()),
            });
            options.on_event = Some(Rc::new(move |e: &HostEvent| match e {
                HostEvent::Ready { session_ref: r, .. } => {
                    session_ref.set(Some(r.clone()));
                    phone_version.update(|v| *v += 1);
                }
                HostEvent::Verified { assertion, .. } => {
                    stage.set(Stage::SignedIn(assertion.clone()))
                }
                HostEvent::MethodChanged { .. } => phone_version.update(|v| *v += 1),
                _ => {}
            }));
            view! { <TwoStep options=options /> }.into_any()
        }
        Stage::SignedIn(assertion) => view! {
            <div class="demo-done">
                <h2 class="demo-title">{t(Msg::SignedInTitle)}</h2>
                <p>{t(Msg::SignedInBody)}</p>
                <p><code class="demo-assertion">{assertion}</code></p>
                <button type="button" class="demo-button" on:click=move |_| restart()>
                    {t(Msg::SignOut)}
                </button>
            </div>
        }
        .into_any(),
    };

    let picker = if server {
        view! {
            <label class="demo-label" for="demo-user">{t(Msg::UserPicker)}</label>
            <select
                id="demo-user"
                class="demo-select"
                on:change=move |ev| {
                    email.set(event_target_value(&ev));
                    restart();
                }
            >
                {SERVER_USERS
                    .into_iter()
                    .map(|u| view! {
                        <option value=u selected=move || email.get() == u>{t(Msg::UserName(u))}</option>
                    })
                    .collect_view()}
            </select>
        }
        .into_any()
    } else {
        view! {
            <label class="demo-label" for="demo-scenario">{t(Msg::ScenarioPicker)}</label>
            <select
                id="demo-scenario"
                class="demo-select"
                on:change=move |ev| {
                    if let Some(s) = Scenario::from_id(&event_target_value(&ev)) {
                        scenario.set(s);
                        restart();
                    }
                }
            >
                {Scenario::ALL
                    .into_iter()
                    .map(|s| view! {
                        <option value=s.id() selected=move || scenario.get() == s>
                            {t(Msg::ScenarioName(s.id()))}
                        </option>
                    })
                    .collect_view()}
            </select>
        }
        .into_any()
    };

    view! {
        <div class="demo">
            <header class="demo-header">
                <span class="demo-logo" aria-hidden="true"></span>
                <span class="demo-brand">{t(Msg::Brand)}</span>
            </header>
            <div class="demo-layout">
                <main class="demo-card">{card}</main>
                <aside class="demo-aside">
                    <div class="demo-panel">{picker}</div>
                    <PhonePanel source=source version=phone_version />
                </aside>
            </div>
            <footer class="demo-footer">
                <p>{if server { t(Msg::AboutServer) } else { t(Msg::About) }}</p>
            </footer>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scenario_and_server_user_has_its_own_name_in_the_pickers() {
        let names: Vec<String> = Scenario::ALL
            .into_iter()
            .map(|s| t(Msg::ScenarioName(s.id())))
            .chain(SERVER_USERS.into_iter().map(|u| t(Msg::UserName(u))))
            .collect();
        for (i, name) in names.iter().enumerate() {
            assert!(
                name != "Scenario" && name != "User",
                "{name:?} is a fallback"
            );
            assert!(!names[..i].contains(name), "{name:?} is used twice");
        }
        assert!(has_app(SERVER_USERS[0]) && !has_app("sam@contoso.example"));
    }
}
