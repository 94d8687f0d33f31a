//! The dev endpoints exist only with `--dev`.

use serde_json::{Value, json};
use twostep_protocol::SendResponse;
use twostep_server::Config;

use crate::common::{dev, server};

#[tokio::test]
async fn dev_endpoints_are_absent_without_dev() {
    let s = server(Config::default()).await;
    s.get("/dev/outbox").await.error(404, "bad_request");
    s.get("/dev/totp?user=alex@contoso.example")
        .await
        .error(404, "bad_request");
    s.post(
        "/dev/answer",
        json!({ "session_ref": "x", "approve": true, "number": null }),
    )
    .await
    .error(404, "bad_request");
    s.get("/demo-config.json").await.error(404, "bad_request");
    s.post("/dev/sessions", json!({ "user": "alex@contoso.example" }))
        .await
        .error(404, "bad_request");
}

#[tokio::test]
async fn the_outbox_lists_oldest_first_and_filters_by_session() {
    let s = dev().await;
    let a = s.start("alex@contoso.example").await;
    let k = s.start("kim@contoso.example").await;
    s.send(&a.session_handle, "sms-1", false)
        .await
        .ok::<SendResponse>();
    s.advance(1);
    s.send(&k.session_handle, "push", false)
        .await
        .ok::<SendResponse>();
    let all: Vec<Value> = s.get("/dev/outbox").await.ok();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["id"], 1);
    assert_eq!(all[1]["id"], 2);
    assert_eq!(all[0]["at"], crate::common::T0_TEXT);
    assert_eq!(all[1]["at"], "2026-11-28T19:42:06Z");
    assert_eq!(all[0]["session_ref"], a.session_ref.as_str());
    assert!(!all[0].to_string().contains(&a.session_handle));
    let kims = s.outbox(&k.session_ref).await;
    assert_eq!(kims.len(), 1);
    assert_eq!(kims[0]["kind"], "push");
    assert!(s.outbox("TS-0000-0000-0000").await.is_empty());
}

#[tokio::test]
async fn the_demo_page_is_told_a_server_is_behind_it() {
    let s = dev().await;
    let v: Value = s.get("/demo-config.json").await.ok();
    assert_eq!(v, json!({ "backend": "server" }));
}
