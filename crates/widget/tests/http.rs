//! The HTTP backend in a real browser: fetch failures map to the right error
//! codes. `cargo xtask test browser` starts a reference server and passes its
//! URL at build time in TWOSTEP_TEST_SERVER; it does not allow this test page's
//! origin in CORS, which is what the CORS test relies on.
#![cfg(target_arch = "wasm32")]

use twostep_protocol::{ErrorCode, PollRequest, StartRequest};
use twostep_widget::backend::http::HttpOptions;
use twostep_widget::{Backend, HttpBackend};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn server() -> &'static str {
    // Read at build time; clippy and plain builds need not have it.
    match option_env!("TWOSTEP_TEST_SERVER") {
        Some(url) => url,
        None => {
            panic!("TWOSTEP_TEST_SERVER is unset: run these tests with `cargo xtask test browser`")
        }
    }
}

fn start() -> StartRequest {
    StartRequest {
        session_handle: None,
        user_hint: Some("alex@contoso.example".into()),
    }
}

#[wasm_bindgen_test]
async fn an_unreachable_backend_is_a_network_error_with_our_id() {
    let b = HttpBackend::new(HttpOptions::new("http://127.0.0.1:9"));
    let e = b.start(start(), "cid-net".into()).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Network);
    assert_eq!(e.correlation_id.as_deref(), Some("cid-net"));
    assert!(
        e.message
            .contains("offline, unreachable or refused by CORS"),
        "{}",
        e.message
    );
}

#[wasm_bindgen_test]
async fn a_cors_refusal_is_a_network_error() {
    let b = HttpBackend::new(HttpOptions::new(server()));
    let e = b.start(start(), "cid-cors".into()).await.unwrap_err();
    assert_eq!(e.code, ErrorCode::Network, "{e:?}");
}

#[wasm_bindgen_test]
async fn a_request_over_its_time_is_aborted_as_a_timeout() {
    let mut o = HttpOptions::new(server());
    o.timeout_ms = 0;
    let e = HttpBackend::new(o)
        .start(start(), "cid-slow".into())
        .await
        .unwrap_err();
    assert_eq!(e.code, ErrorCode::Timeout, "{e:?}");
    assert_eq!(e.correlation_id.as_deref(), Some("cid-slow"));
}

#[wasm_bindgen_test]
async fn polls_are_retried_with_backoff_and_then_give_up() {
    let mut o = HttpOptions::new("http://127.0.0.1:9");
    o.poll_retries = 2;
    o.retry_backoff_ms = 100;
    let b = HttpBackend::new(o);
    let began = js_sys::Date::now();
    let e = b
        .poll(
            PollRequest {
                session_handle: "s".into(),
                method_id: "push".into(),
                remember_device: false,
            },
            "cid-poll".into(),
        )
        .await
        .unwrap_err();
    let took = js_sys::Date::now() - began;
    assert_eq!(e.code, ErrorCode::Network);
    // Two waits, 100 ms then 200 ms, between three tries.
    assert!(took >= 300.0, "gave up after {took} ms");
}

#[wasm_bindgen_test]
async fn a_start_is_never_retried() {
    let mut o = HttpOptions::new("http://127.0.0.1:9");
    o.poll_retries = 5;
    o.retry_backoff_ms = 1_000;
    let began = js_sys::Date::now();
    let _ = HttpBackend::new(o).start(start(), "cid".into()).await;
    assert!(js_sys::Date::now() - began < 1_000.0);
}
