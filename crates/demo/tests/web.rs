//! Browser tests of the widget's screens: each rendered in headless Chromium
//! against the in-browser demo backend, checked for its text, roles and
//! actions. They live beside the demo backend they drive, since the widget
//! crate knows nothing of the demo. Run with `cargo xtask test browser`, or
//! `cargo test -p twostep-demo --target wasm32-unknown-unknown`.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use leptos::mount::mount_to;
use leptos::prelude::*;
use twostep_demo::backend::{DemoBackend, Scenario};
use twostep_protocol::*;
use twostep_widget::{
    Backend, BackendFuture, ContactLinks, HostEvent, SessionSource, TwoStep, TwoStepOptions,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

async fn settle(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

/// A mounted widget, its events, and its container.
struct Widget {
    root: HtmlElement,
    events: Rc<RefCell<Vec<HostEvent>>>,
    _handle: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
}

fn mount(backend: Rc<dyn Backend>, edit: impl FnOnce(&mut TwoStepOptions)) -> Widget {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&root).unwrap();
    let events = Rc::new(RefCell::new(Vec::new()));
    let sink = events.clone();
    let mut options = TwoStepOptions::new(backend);
    options.user_hint = Some("alex@contoso.com".into());
    options.on_event = Some(Rc::new(move |e: &HostEvent| {
        sink.borrow_mut().push(e.clone())
    }));
    edit(&mut options);
    let handle = mount_to(root.clone(), move || {
        view! { <TwoStep options=options.clone() /> }.into_any()
    });
    Widget {
        root,
        events,
        _handle: Some(handle),
    }
}

fn demo(scenario: Scenario) -> (DemoBackend, Rc<dyn Backend>) {
    let b = DemoBackend::with_clock(scenario, Rc::new(|| js_sys::Date::now() as u64), 0);
    (b.clone(), Rc::new(b))
}

impl Widget {
    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).unwrap()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no {selector} in {}", self.root.inner_html()))
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .map(|i| list.item(i).unwrap().unchecked_into())
            .collect()
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    fn heading(&self) -> String {
        self.text("h2.ts-title")
    }

    /// Clicks the button whose text contains `label`.
    fn click(&self, label: &str) {
        let button = self
            .all("button, summary")
            .into_iter()
            .find(|b| b.text_content().unwrap_or_default().contains(label))
            .unwrap_or_else(|| panic!("no button {label:?} in {}", self.root.inner_html()));
        button.unchecked_into::<HtmlElement>().click();
    }

    fn type_code(&self, code: &str) {
        let input: HtmlInputElement = self.get("input.ts-code").unchecked_into();
        input.set_value(code);
        let ev = web_sys::Event::new("input").unwrap();
        input.dispatch_event(&ev).unwrap();
    }

    fn has_event(&self, f: impl Fn(&HostEvent) -> bool) -> bool {
        self.events.borrow().iter().any(f)
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        self._handle.take();
        self.root.remove();
    }
}

fn texted_code(b: &DemoBackend) -> String {
    b.phone().newest_code().expect("a texted code")
}

#[wasm_bindgen_test]
async fn the_code_screen_is_labelled_and_accepts_a_pasted_code() {
    let (demo, backend) = demo(Scenario::Text);
    let w = mount(backend, |_| {});
    settle(50).await;
    assert_eq!(w.heading(), "Enter the code we texted you");
    assert!(
        w.text(".ts-sent")
            .starts_with("We texted a code to ••••••12 at ")
    );
    // Ten minutes, of which a second may have gone on a busy machine.
    let timer = w.text("[role=timer]");
    assert!(
        ["Time left to verify: 10:00", "Time left to verify: 9:5"]
            .iter()
            .any(|start| timer.starts_with(start)),
        "{timer}"
    );
    let input = w.get("input.ts-code");
    assert_eq!(
        input.get_attribute("autocomplete").as_deref(),
        Some("one-time-code")
    );
    assert_eq!(input.get_attribute("inputmode").as_deref(), Some("numeric"));
    assert_eq!(input.get_attribute("type").as_deref(), Some("text"));
    let label = w.get("label.ts-label");
    assert_eq!(label.get_attribute("for"), Some(input.id()));
    assert_eq!(label.text_content().as_deref(), Some("6-digit code"));
    assert!(
        w.text("button.ts-link")
            .starts_with("Send a new code in 0:")
    );
    assert!(w.has_event(
        |e| matches!(e, HostEvent::Ready { session_ref, .. } if session_ref.starts_with("TS-"))
    ));

    let code = texted_code(&demo);
    w.type_code(&format!("{} {}", &code[..3], &code[3..]));
    settle(50).await;
    assert!(w.has_event(|e| matches!(e, HostEvent::Verified { .. })));
    assert_eq!(w.heading(), "You're verified");
}

#[wasm_bindgen_test]
async fn a_wrong_code_says_how_many_tries_are_left() {
    let (_, backend) = demo(Scenario::Lockout);
    let w = mount(backend, |_| {});
    settle(50).await;
    w.type_code("000000");
    settle(50).await;
    assert_eq!(
        w.text("[role=alert].ts-notice"),
        "That code didn't work. You have 2 tries left."
    );
    assert_eq!(
        w.get("input.ts-code")
            .get_attribute("aria-invalid")
            .as_deref(),
        Some("true")
    );
    w.type_code("000000");
    settle(50).await;
    w.type_code("000000");
    settle(50).await;
    assert!(
        w.text(".ts-notice")
            .starts_with("Too many wrong codes. You can try again in 0:")
    );
    assert!(
        w.get("input.ts-code")
            .unchecked_into::<HtmlInputElement>()
            .disabled()
    );
}

#[wasm_bindgen_test]
async fn the_picker_lists_every_method_as_an_option_and_switches() {
    let (_, backend) = demo(Scenario::Text);
    let w = mount(backend, |_| {});
    settle(50).await;
    w.click("Use a different verification option");
    settle(50).await;
    assert_eq!(w.heading(), "Choose another way to verify");
    let options: Vec<String> = w
        .all(".ts-options [role=option]")
        .iter()
        .map(|b| b.text_content().unwrap())
        .collect();
    assert_eq!(
        options,
        [
            "Text a code to ••••••12(in use)",
            "Text a code to ••••••78",
            "Call ••••••12",
            "Approve a request on my authenticator app",
            "Use a code from my authenticator app",
        ]
    );
    assert_eq!(
        w.get("[role=option][aria-selected=true]")
            .get_attribute("data-method")
            .as_deref(),
        Some("sms-1")
    );
    w.click("Approve a request");
    settle(50).await;
    assert_eq!(w.heading(), "Approve the sign-in on your app");
    assert_eq!(
        w.text("[role=status].ts-wait"),
        "Waiting for your approval…"
    );
    assert!(
        w.has_event(|e| matches!(e, HostEvent::MethodChanged { method } if method.id == "push"))
    );
}

#[wasm_bindgen_test]
async fn number_matching_shows_the_number_prominently() {
    let (_, backend) = demo(Scenario::NumberMatch);
    let w = mount(backend, |_| {});
    settle(50).await;
    let number = w.get(".ts-number");
    let n = number.text_content().unwrap();
    assert_eq!(n.len(), 2);
    assert_eq!(
        number.get_attribute("aria-label"),
        Some(format!("Number to enter in the app: {n}"))
    );
    assert_eq!(w.text(".ts-match-label"), "Enter this number in the app:");
}

#[wasm_bindgen_test]
async fn a_server_error_shows_details_and_try_again_works() {
    let (_, backend) = demo(Scenario::ServerError);
    let w = mount(backend, |_| {});
    settle(50).await;
    assert_eq!(w.heading(), "Something went wrong");
    // The server's words are for support: in the details, not on the screen.
    assert!(w.find(".ts-server-message").is_none());
    assert!(
        w.text(".ts-fields")
            .contains("The text service did not answer.")
    );
    let names: Vec<String> = w
        .all(".ts-fields dt")
        .iter()
        .map(|d| d.text_content().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "User ID",
            "Error description",
            "Page URL",
            "Error code",
            "Session ID",
            "Correlation ID",
            "Timestamp",
            "Server timestamp",
            "Widget version",
            "Method attempted"
        ]
    );
    let values: Vec<String> = w
        .all(".ts-fields dd")
        .iter()
        .map(|d| d.text_content().unwrap())
        .collect();
    assert_eq!(values[0], "alex@contoso.com");
    assert_eq!(values[3], "internal");
    assert_eq!(
        values[5].len(),
        36,
        "the widget's own UUID-shaped ID: {}",
        values[5]
    );
    assert!(values[6].contains(" UTC") && values[6].contains(" / "));
    assert!(w.has_event(|e| matches!(e, HostEvent::Error(f) if f.code == ErrorCode::Internal)));
    w.click("Try again");
    settle(50).await;
    assert_eq!(w.heading(), "Enter the code we texted you");
}

#[wasm_bindgen_test]
async fn a_single_method_user_gets_recovery_guidance_with_safe_links() {
    let (_, backend) = demo(Scenario::SingleMethod);
    let w = mount(backend, |o| {
        o.links = RwSignal::new(ContactLinks {
            admin: Some("javascript:alert(1)".into()),
            support: Some("https://support.example/".into()),
            help: None,
            settings: None,
        });
    });
    settle(50).await;
    w.click("Use a different verification option");
    settle(50).await;
    assert_eq!(
        w.text("p.ts-note"),
        "This is the only verification option on your account."
    );
    w.click("I can't use any of these options");
    settle(50).await;
    assert_eq!(w.heading(), "Can't use any of your options?");
    let links: Vec<String> = w
        .all("a.ts-contact-link")
        .iter()
        .map(|a| a.get_attribute("href").unwrap())
        .collect();
    assert_eq!(links, ["https://support.example/"]);
    w.click("Back");
    settle(50).await;
    assert_eq!(w.heading(), "Enter the code we texted you");
}

/// A backend whose every answer is hostile or broken.
struct Hostile;

impl Backend for Hostile {
    fn start(&self, _: StartRequest, _: String) -> BackendFuture<Challenge> {
        Box::pin(async {
            // An unknown code: the one whose message the screen shows too.
            let mut e = ApiError::new(
                ErrorCode::Unknown,
                "<img src=x onerror=alert(1)><b>bold</b>",
            );
            e.correlation_id = Some("<script>x</script>".into());
            Err(e)
        })
    }
    fn send(&self, _: SendRequest, _: String) -> BackendFuture<SendResponse> {
        unreachable!()
    }
    fn verify(&self, _: VerifyRequest, _: String) -> BackendFuture<VerifyResponse> {
        unreachable!()
    }
    fn poll(&self, _: PollRequest, _: String) -> BackendFuture<PollResponse> {
        unreachable!()
    }
}

#[wasm_bindgen_test]
async fn backend_strings_are_text_never_html() {
    let w = mount(Rc::new(Hostile), |_| {});
    settle(50).await;
    assert_eq!(
        w.text(".ts-server-message"),
        "<img src=x onerror=alert(1)><b>bold</b>"
    );
    assert!(w.find("img").is_none() && w.find("b").is_none() && w.find("script").is_none());
    assert!(w.text(".ts-fields").contains("<script>x</script>"));
    assert!(
        w.text(".ts-fields")
            .contains("<img src=x onerror=alert(1)><b>bold</b>")
    );
    // Starting failed: the way forward is to try again.
    assert_eq!(w.text("button.ts-primary"), "Try again");
}

#[wasm_bindgen_test]
async fn no_inline_styles_anywhere() {
    for scenario in [Scenario::Text, Scenario::NumberMatch, Scenario::ServerError] {
        let (_, backend) = demo(scenario);
        let w = mount(backend, |_| {});
        settle(50).await;
        w.click("Having trouble?");
        assert!(
            w.find("[style]").is_none(),
            "{scenario:?}: {}",
            w.root.inner_html()
        );
    }
}

/// The demo backend with a one-second verification window.
struct Brief(DemoBackend);

impl Backend for Brief {
    fn start(&self, r: StartRequest, cid: String) -> BackendFuture<Challenge> {
        let started = self.0.start(r, cid);
        Box::pin(async move {
            let mut c = started.await?;
            c.expires_in_secs = 1;
            Ok(c)
        })
    }
    fn send(&self, r: SendRequest, cid: String) -> BackendFuture<SendResponse> {
        self.0.send(r, cid)
    }
    fn verify(&self, r: VerifyRequest, cid: String) -> BackendFuture<VerifyResponse> {
        self.0.verify(r, cid)
    }
    fn poll(&self, r: PollRequest, cid: String) -> BackendFuture<PollResponse> {
        self.0.poll(r, cid)
    }
}

#[wasm_bindgen_test]
async fn the_window_runs_out_into_a_timeout_screen() {
    let (demo, _) = demo(Scenario::Text);
    let w = mount(Rc::new(Brief(demo)), |_| {});
    settle(1_300).await;
    assert_eq!(w.heading(), "You didn't verify in time");
    assert_eq!(w.text("button.ts-primary"), "Start over");
    assert!(
        w.has_event(|e| matches!(e, HostEvent::TimedOut(f) if f.code == ErrorCode::SessionExpired))
    );
    assert!(w.text(".ts-fields").contains("session_expired"));
}

#[wasm_bindgen_test]
async fn unmounting_stops_every_timer_and_poll() {
    let (demo_backend, backend) = demo(Scenario::Push);
    let w = mount(backend, |_| {});
    settle(50).await;
    assert_eq!(w.heading(), "Approve the sign-in on your app");
    drop(w);
    // The demo user "approves" on the first poll after 2.5 s; with polling
    // stopped by the unmount, that poll never comes.
    settle(3_000).await;
    let messages = demo_backend.phone().messages();
    assert_eq!(messages.len(), 1);
    assert_eq!(messages[0].answer, None, "a poll ran after unmounting");
    assert!(
        web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .query_selector(".ts")
            .unwrap()
            .is_none()
    );
}

/// A backend that never answers.
struct Silent;

impl Backend for Silent {
    fn start(&self, _: StartRequest, _: String) -> BackendFuture<Challenge> {
        Box::pin(std::future::pending())
    }
    fn send(&self, _: SendRequest, _: String) -> BackendFuture<SendResponse> {
        Box::pin(std::future::pending())
    }
    fn verify(&self, _: VerifyRequest, _: String) -> BackendFuture<VerifyResponse> {
        Box::pin(std::future::pending())
    }
    fn poll(&self, _: PollRequest, _: String) -> BackendFuture<PollResponse> {
        Box::pin(std::future::pending())
    }
}

#[wasm_bindgen_test]
async fn a_silent_backend_shows_loading_then_a_timeout_with_a_retry() {
    let w = mount(Rc::new(Silent), |o| o.flow.request_timeout_ms = 300);
    settle(50).await;
    assert_eq!(w.heading(), "Getting your verification options");
    assert_eq!(
        w.get(".ts-screen").get_attribute("aria-busy").as_deref(),
        Some("true")
    );
    assert_eq!(w.text("[role=status]"), "One moment…");
    settle(400).await;
    assert_eq!(w.heading(), "The sign-in service is taking too long");
    assert!(w.text(".ts-fields").contains("timeout"));
    assert_eq!(w.text("button.ts-primary"), "Try again");
    w.click("Try again");
    settle(50).await;
    assert_eq!(w.heading(), "Getting your verification options");
}

#[wasm_bindgen_test]
async fn a_code_field_is_up_while_the_first_code_is_on_its_way() {
    struct SlowSend(DemoBackend);
    impl Backend for SlowSend {
        fn start(&self, r: StartRequest, cid: String) -> BackendFuture<Challenge> {
            self.0.start(r, cid)
        }
        fn send(&self, _: SendRequest, _: String) -> BackendFuture<SendResponse> {
            Box::pin(std::future::pending())
        }
        fn verify(&self, r: VerifyRequest, cid: String) -> BackendFuture<VerifyResponse> {
            self.0.verify(r, cid)
        }
        fn poll(&self, r: PollRequest, cid: String) -> BackendFuture<PollResponse> {
            self.0.poll(r, cid)
        }
    }
    let (demo, _) = demo(Scenario::Text);
    let w = mount(Rc::new(SlowSend(demo)), |_| {});
    settle(50).await;
    // The field is there at once, waiting, with the sending state inside.
    assert_eq!(w.heading(), "Enter the code we texted you");
    assert_eq!(w.text(".ts-sent"), "Sending to ••••••12");
    assert_eq!(w.text(".ts-note[role=status]"), "Sending your code…");
    let field = w.find("input.ts-code").expect("the code field");
    assert!(field.has_attribute("disabled"));
    w.click("Use a different verification option");
    settle(50).await;
    assert_eq!(w.heading(), "Choose another way to verify");
}

/// The demo backend, noting the `remember_device` of every verify and poll.
struct Remembering(DemoBackend, Rc<RefCell<Vec<bool>>>);

impl Backend for Remembering {
    fn start(&self, r: StartRequest, cid: String) -> BackendFuture<Challenge> {
        self.0.start(r, cid)
    }
    fn send(&self, r: SendRequest, cid: String) -> BackendFuture<SendResponse> {
        self.0.send(r, cid)
    }
    fn verify(&self, r: VerifyRequest, cid: String) -> BackendFuture<VerifyResponse> {
        self.1.borrow_mut().push(r.remember_device);
        self.0.verify(r, cid)
    }
    fn poll(&self, r: PollRequest, cid: String) -> BackendFuture<PollResponse> {
        self.1.borrow_mut().push(r.remember_device);
        self.0.poll(r, cid)
    }
}

#[wasm_bindgen_test]
async fn the_remember_offer_is_a_labelled_checkbox_sent_with_the_code() {
    let (demo, _) = demo(Scenario::Text);
    let sent = Rc::new(RefCell::new(Vec::new()));
    let w = mount(Rc::new(Remembering(demo.clone(), sent.clone())), |_| {});
    settle(50).await;
    let input: HtmlInputElement = w.get(".ts-remember input").unchecked_into();
    assert_eq!(input.type_(), "checkbox");
    assert!(!input.checked(), "unticked until the user ticks it");
    let label = w.get(".ts-remember label");
    assert_eq!(label.get_attribute("for"), Some(input.id()));
    assert_eq!(
        label.text_content().as_deref(),
        Some("Don't ask again on this device for 30 days")
    );
    input.click();
    settle(50).await;
    let after = w.get(".ts-remember input");
    assert!(after.is_same_node(Some(&input)), "rebuilt on a tick");
    assert!(input.checked());
    w.type_code(&texted_code(&demo));
    settle(50).await;
    assert_eq!(*sent.borrow(), [true]);
    assert!(w.has_event(|e| matches!(
        e,
        HostEvent::Verified {
            remember_device: true,
            ..
        }
    )));
}

#[wasm_bindgen_test]
async fn the_remember_offer_goes_with_an_approval() {
    let (push, _) = demo(Scenario::Push);
    let sent = Rc::new(RefCell::new(Vec::new()));
    let w = mount(Rc::new(Remembering(push, sent.clone())), |_| {});
    settle(50).await;
    assert_eq!(w.heading(), "Approve the sign-in on your app");
    w.get(".ts-remember input")
        .unchecked_into::<HtmlElement>()
        .click();
    // The demo user approves 2.5 s after the push; polls come every second.
    settle(3_500).await;
    assert_eq!(w.heading(), "You're verified");
    assert_eq!(sent.borrow().last(), Some(&true));
    assert!(w.has_event(|e| matches!(
        e,
        HostEvent::Verified {
            remember_device: true,
            ..
        }
    )));
}

#[wasm_bindgen_test]
async fn a_host_can_hide_the_remember_offer() {
    let (_, backend) = demo(Scenario::Text);
    let w = mount(backend, |o| o.flow.offer_remember_device = false);
    settle(50).await;
    assert_eq!(w.heading(), "Enter the code we texted you");
    assert!(w.find(".ts-remember").is_none());
}

/// Each call of a session function: its `fresh`, and the handle it gave
/// (empty when it failed).
type Calls = Rc<RefCell<Vec<(bool, String)>>>;

/// A host's session function over the demo backend: it notes each call, and
/// fails the first `failures` ones.
fn host_sessions(demo: &DemoBackend, failures: usize) -> (SessionSource, Calls) {
    let calls = Rc::new(RefCell::new(Vec::new()));
    let (demo, log) = (demo.clone(), calls.clone());
    let source = SessionSource::fetch(move |fresh| {
        let mut log = log.borrow_mut();
        let result = if log.len() < failures {
            log.push((fresh, String::new()));
            Err("The host's server did not answer.".to_string())
        } else {
            let handle = demo.create_session().session_handle;
            log.push((fresh, handle.clone()));
            Ok(handle)
        };
        async move { result }
    });
    (source, calls)
}

fn readies(w: &Widget) -> Vec<String> {
    w.events
        .borrow()
        .iter()
        .filter_map(|e| match e {
            HostEvent::Ready { session_ref, .. } => Some(session_ref.clone()),
            _ => None,
        })
        .collect()
}

#[wasm_bindgen_test]
async fn a_session_function_gives_the_session_and_only_its_reference_shows() {
    let (demo, _) = demo(Scenario::Text);
    let (session, calls) = host_sessions(&demo, 0);
    let w = mount(Rc::new(Brief(demo.clone())), |o| {
        o.user_hint = None;
        o.session = session;
    });
    settle(50).await;
    assert_eq!(w.heading(), "Enter the code we texted you");
    let handle = calls.borrow()[0].1.clone();
    assert_eq!(*calls.borrow(), [(false, handle.clone())]);
    let [first] = &readies(&w)[..] else {
        panic!("one ready event: {:?}", w.events.borrow())
    };
    assert!(first.starts_with("TS-"));

    settle(1_300).await;
    assert_eq!(w.heading(), "You didn't verify in time");
    let shown = w.root.inner_html();
    assert!(
        shown.contains(first.as_str()),
        "the details name the session"
    );
    assert!(!shown.contains(&handle), "the handle is on screen: {shown}");

    w.click("Start over");
    settle(50).await;
    assert_eq!(w.heading(), "Enter the code we texted you");
    let second = calls.borrow()[1].clone();
    assert!(second.0, "start over asks for a fresh session");
    assert_ne!(second.1, handle);
    let refs = readies(&w);
    assert_eq!(refs.len(), 2);
    assert_ne!(refs[1], refs[0]);
    let events = format!("{:?}", w.events.borrow());
    assert!(!events.contains(&handle) && !events.contains(&second.1));
}

#[wasm_bindgen_test]
async fn a_failing_session_function_offers_try_again() {
    let (demo, _) = demo(Scenario::Text);
    let (session, calls) = host_sessions(&demo, 1);
    let w = mount(Rc::new(demo.clone()), |o| o.session = session);
    settle(50).await;
    assert_eq!(w.heading(), "Something went wrong");
    assert!(w.find(".ts-server-message").is_none());
    assert!(
        w.text(".ts-fields")
            .contains("The host's server did not answer.")
    );
    assert!(w.has_event(|e| matches!(e, HostEvent::Error(f) if f.code == ErrorCode::Internal)));
    w.click("Try again");
    settle(50).await;
    assert_eq!(w.heading(), "Enter the code we texted you");
    let fresh: Vec<bool> = calls.borrow().iter().map(|c| c.0).collect();
    assert_eq!(fresh, [false, false], "try again is not a fresh start");
    w.type_code(&texted_code(&demo));
    settle(50).await;
    assert!(w.has_event(
        |e| matches!(e, HostEvent::Verified { session_ref, .. } if session_ref.starts_with("TS-"))
    ));
}

#[wasm_bindgen_test]
async fn a_single_method_user_is_advised_to_add_a_second_once_verified() {
    let (demo, backend) = demo(Scenario::SingleMethod);
    let w = mount(backend, |o| {
        o.links = RwSignal::new(ContactLinks {
            settings: Some("https://account.example/two-step".into()),
            ..ContactLinks::default()
        });
    });
    settle(50).await;
    w.type_code(&texted_code(&demo));
    settle(50).await;
    assert_eq!(w.heading(), "You're verified");
    assert!(
        w.text(".ts-reminder")
            .starts_with("Your account has only one verification option.")
    );
    let link = w.get(".ts-verified a.ts-contact-link");
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://account.example/two-step")
    );
    assert_eq!(
        link.text_content().as_deref(),
        Some("Update verification settings")
    );
    assert!(w.has_event(|e| matches!(
        e,
        HostEvent::Verified {
            reminder: Some(twostep_widget::Reminder::AddSecond),
            ..
        }
    )));
}

#[wasm_bindgen_test]
async fn the_usual_option_verifies_without_a_reminder() {
    let (demo, backend) = demo(Scenario::Text);
    let w = mount(backend, |_| {});
    settle(50).await;
    w.type_code(&texted_code(&demo));
    settle(50).await;
    assert_eq!(w.heading(), "You're verified");
    assert!(w.find(".ts-reminder").is_none());
}
