//! CORS: the allowed origin gets the headers, any other origin does not.

use axum::http::HeaderValue;
use reqwest::Method;
use serde_json::json;

use crate::common::{Reply, Server, dev_config, server};

const ALLOWED: &str = "http://localhost:8080";

async fn cors_server() -> Server {
    let mut config = dev_config();
    config.cors_origins = vec![HeaderValue::from_static(ALLOWED)];
    server(config).await
}

async fn preflight(s: &Server, origin: &str) -> Reply {
    s.request(Method::OPTIONS, "/v1/start", |r| {
        r.header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header(
                "Access-Control-Request-Headers",
                "content-type,x-correlation-id",
            )
    })
    .await
}

async fn post_from(s: &Server, origin: &str, body: serde_json::Value) -> Reply {
    s.request(Method::POST, "/v1/start", |r| {
        r.header("Origin", origin).json(&body)
    })
    .await
}

#[tokio::test]
async fn the_allowed_origin_gets_the_cors_headers() {
    let s = cors_server().await;
    let p = preflight(&s, ALLOWED).await;
    assert!(p.status < 300, "{}", p.status);
    assert_eq!(p.header("access-control-allow-origin"), Some(ALLOWED));
    assert_eq!(p.header("access-control-allow-credentials"), Some("true"));
    let allowed = p
        .header("access-control-allow-headers")
        .unwrap()
        .to_lowercase();
    assert!(
        allowed.contains("x-correlation-id") && allowed.contains("content-type"),
        "{allowed}"
    );
    assert!(
        p.header("access-control-allow-methods")
            .unwrap()
            .contains("POST")
    );

    let ok = post_from(&s, ALLOWED, json!({ "user_hint": "sam@contoso.example" })).await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.header("access-control-allow-origin"), Some(ALLOWED));
    assert_eq!(ok.header("access-control-allow-credentials"), Some("true"));
    let exposed = ok
        .header("access-control-expose-headers")
        .unwrap()
        .to_lowercase();
    assert!(
        exposed.contains("x-correlation-id") && exposed.contains("retry-after"),
        "{exposed}"
    );

    // Errors too, so that the widget can read their envelope.
    let err = post_from(
        &s,
        ALLOWED,
        json!({ "user_hint": "nobody@contoso.example" }),
    )
    .await;
    err.error(400, "bad_request");
    assert_eq!(err.header("access-control-allow-origin"), Some(ALLOWED));
}

#[tokio::test]
async fn other_origins_get_no_cors_headers() {
    let s = cors_server().await;
    for origin in ["http://evil.example", "http://localhost:8081"] {
        let p = preflight(&s, origin).await;
        assert_eq!(p.header("access-control-allow-origin"), None);
        let r = post_from(&s, origin, json!({ "user_hint": "sam@contoso.example" })).await;
        // Without Access-Control-Allow-Origin a browser shares nothing (the
        // layer sends Allow-Credentials regardless; alone it grants nothing).
        assert_eq!(r.header("access-control-allow-origin"), None);
        assert_eq!(r.status, 200);
    }
    // Without --cors-origin, nobody is allowed.
    let plain = server(dev_config()).await;
    let r = post_from(
        &plain,
        ALLOWED,
        json!({ "user_hint": "sam@contoso.example" }),
    )
    .await;
    assert_eq!(r.header("access-control-allow-origin"), None);
}

#[tokio::test]
async fn a_browser_page_cannot_send_an_api_key_cross_origin() {
    let s = cors_server().await;
    let p = s
        .request(Method::OPTIONS, "/v1/sessions", |r| {
            r.header("Origin", ALLOWED)
                .header("Access-Control-Request-Method", "POST")
                .header(
                    "Access-Control-Request-Headers",
                    "authorization,content-type",
                )
        })
        .await;
    let allowed = p
        .header("access-control-allow-headers")
        .unwrap_or_default()
        .to_lowercase();
    // Without Authorization among the allowed headers, the browser never
    // sends the request.
    assert!(!allowed.contains("authorization"), "{allowed}");
    assert!(allowed.contains("content-type"), "{allowed}");
}
