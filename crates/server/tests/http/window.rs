//! The verification window: after it, every call with the session is
//! `session_expired`.

use std::time::Duration;

use serde_json::json;
use twostep_protocol::{Challenge, SendResponse};

use crate::common::{dev_config, server};

#[tokio::test]
async fn after_the_window_every_call_is_session_expired() {
    let mut config = dev_config();
    config.window = Duration::from_secs(12);
    let s = server(config).await;
    let c = s.start("alex@contoso.example").await;
    assert_eq!(c.expires_in_secs, 12);
    let sid = c.session_handle.as_str();
    let sref = c.session_ref.as_str();
    s.send(sid, "push", false).await.ok::<SendResponse>();
    s.advance(11);
    let resumed: Challenge = s
        .post("/v1/start", json!({ "session_handle": sid }))
        .await
        .ok();
    assert_eq!(resumed.expires_in_secs, 1);

    s.advance(1);
    for r in [
        s.send(sid, "sms-1", false).await,
        s.verify(sid, "sms-1", "123456").await,
        s.verify(sid, "totp", "123456").await,
        s.poll(sid, "push").await,
        s.answer(sref, true, None).await,
    ] {
        let e = r.error(410, "session_expired");
        assert_eq!(e.session_ref.as_deref(), Some(sref));
    }
    // Starting again gives a new session.
    let again = s.start("alex@contoso.example").await;
    assert_ne!(again.session_handle, c.session_handle);
}
