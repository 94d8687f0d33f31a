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
        json!({ "session_id": "x", "approve": true, "number": null }),
    )
    .await
    .error(404, "bad_request");
    s.get("/demo-config.json").await.error(404, "bad_request");
    // The contract itself still works, delivering through the log only.
    let c = s.start("alex@contoso.example").await;
    s.send(&c.session_id, "sms-1", false)
        .await
        .ok::<SendResponse>();
}

#[tokio::test]
async fn the_outbox_lists_oldest_first_and_filters_by_session() {
    let s = dev().await;
    let a = s.start("alex@contoso.example").await;
    let k = s.start("kim@contoso.example").await;
    s.send(&a.session_id, "sms-1", false)
        .await
        .ok::<SendResponse>();
    s.advance(1);
    s.send(&k.session_id, "push", false)
        .await
        .ok::<SendResponse>();
    let all: Vec<Value> = s.get("/dev/outbox").await.ok();
    assert_eq!(all.len(), 2);
    assert_eq!(all[0]["id"], 1);
    assert_eq!(all[1]["id"], 2);
    assert_eq!(all[0]["at"], crate::common::T0_TEXT);
    assert_eq!(all[1]["at"], "2026-11-28T19:42:06Z");
    assert_eq!(all[0]["session_id"], a.session_id.as_str());
    let kims = s.outbox(&k.session_id).await;
    assert_eq!(kims.len(), 1);
    assert_eq!(kims[0]["kind"], "push");
    assert!(s.outbox("sess-nobody").await.is_empty());
}

#[tokio::test]
async fn the_demo_page_is_told_a_server_is_behind_it() {
    let s = dev().await;
    let v: Value = s.get("/demo-config.json").await.ok();
    assert_eq!(v, json!({ "backend": "server" }));
}
