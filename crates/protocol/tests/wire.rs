//! The JSON shapes, as a server written in any language would send them.

use twostep_protocol::*;

#[test]
fn a_challenge_parses_from_plain_json() {
    let c: Challenge = serde_json::from_str(
        r#"{"session_handle":"sh_1","session_ref":"TS-1","user":"a•••@contoso.com","default_method":"sms-1",
            "expires_in_secs":600,
            "methods":[{"id":"sms-1","kind":"sms","target":"••••••12"},
                       {"id":"app","kind":"push"},
                       {"id":"key","kind":"security_key","label":"Security key"}]}"#,
    )
    .unwrap();
    assert_eq!(c.methods.len(), 3);
    assert_eq!(c.method("app").unwrap().kind, MethodKind::Push);
    assert_eq!(c.methods[2].kind, MethodKind::Other);
    assert_eq!(c.methods[2].label.as_deref(), Some("Security key"));
    assert!(c.method("nope").is_none());
}

#[test]
fn deliveries_are_tagged_by_type() {
    let code = SendResponse {
        method_id: "sms-1".into(),
        delivery: Delivery::Code {
            target: Some("••12".into()),
            code_length: 6,
            resend_after_secs: Some(30),
            suggest_other_after_secs: None,
        },
    };
    let json = serde_json::to_value(&code).unwrap();
    assert_eq!(json["delivery"]["type"], "code");
    assert!(json["delivery"].get("suggest_other_after_secs").is_none());
    let back: SendResponse = serde_json::from_value(json).unwrap();
    assert_eq!(back, code);

    let push: SendResponse = serde_json::from_str(
        r#"{"method_id":"app","delivery":{"type":"approval","poll_interval_ms":2000,"number_to_match":"42"}}"#,
    )
    .unwrap();
    assert_eq!(
        push.delivery,
        Delivery::Approval {
            target: None,
            poll_interval_ms: 2000,
            number_to_match: Some("42".into())
        }
    );
}

#[test]
fn poll_statuses_use_snake_case() {
    let p: PollResponse =
        serde_json::from_str(r#"{"status":"approved","assertion":"tok"}"#).unwrap();
    assert_eq!(p.status, PollStatus::Approved);
    assert_eq!(p.assertion.as_deref(), Some("tok"));
    assert!(serde_json::from_str::<PollResponse>(r#"{"status":"maybe"}"#).is_err());
}

#[test]
fn start_request_omits_what_it_does_not_have() {
    let json = serde_json::to_string(&StartRequest::default()).unwrap();
    assert_eq!(json, "{}");
}

#[test]
fn a_challenge_may_offer_to_remember_the_device() {
    let json = r#"{"session_handle":"sh_1","session_ref":"TS-1","user":"u","default_method":"m","expires_in_secs":600,
                   "methods":[{"id":"m","kind":"totp"}]}"#;
    let without: Challenge = serde_json::from_str(json).unwrap();
    assert_eq!(without.remember_device_days, None);
    assert!(
        serde_json::to_value(&without)
            .unwrap()
            .get("remember_device_days")
            .is_none(),
        "no offer, no field"
    );

    let offered: Challenge = serde_json::from_str(&json.replace(
        r#""expires_in_secs":600"#,
        r#""expires_in_secs":600,"remember_device_days":30"#,
    ))
    .unwrap();
    assert_eq!(offered.remember_device_days, Some(30));
    let value = serde_json::to_value(&offered).unwrap();
    assert_eq!(value["remember_device_days"], 30);
    assert_eq!(serde_json::from_value::<Challenge>(value).unwrap(), offered);
}

#[test]
fn remember_device_is_sent_only_when_true() {
    let mut verify = VerifyRequest {
        session_handle: "s".into(),
        method_id: "sms-1".into(),
        code: "123456".into(),
        remember_device: false,
    };
    // Unticked: the very bytes a widget without the feature sends.
    assert_eq!(
        serde_json::to_string(&verify).unwrap(),
        r#"{"session_handle":"s","method_id":"sms-1","code":"123456"}"#
    );
    verify.remember_device = true;
    let json = serde_json::to_string(&verify).unwrap();
    assert_eq!(
        json,
        r#"{"session_handle":"s","method_id":"sms-1","code":"123456","remember_device":true}"#
    );
    assert_eq!(
        serde_json::from_str::<VerifyRequest>(&json).unwrap(),
        verify
    );

    let mut poll = PollRequest {
        session_handle: "s".into(),
        method_id: "push".into(),
        remember_device: false,
    };
    assert_eq!(
        serde_json::to_string(&poll).unwrap(),
        r#"{"session_handle":"s","method_id":"push"}"#
    );
    poll.remember_device = true;
    let json = serde_json::to_string(&poll).unwrap();
    assert_eq!(
        json,
        r#"{"session_handle":"s","method_id":"push","remember_device":true}"#
    );
    assert_eq!(serde_json::from_str::<PollRequest>(&json).unwrap(), poll);
}

#[test]
fn requests_without_remember_device_parse_as_false() {
    let v: VerifyRequest =
        serde_json::from_str(r#"{"session_handle":"s","method_id":"m","code":"1"}"#).unwrap();
    assert!(!v.remember_device);
    let p: PollRequest = serde_json::from_str(r#"{"session_handle":"s","method_id":"m"}"#).unwrap();
    assert!(!p.remember_device);
    let p: PollRequest =
        serde_json::from_str(r#"{"session_handle":"s","method_id":"m","remember_device":false}"#)
            .unwrap();
    assert!(!p.remember_device);
}
