//! The JSON shapes, as a server written in any language would send them.

use twostep_protocol::*;

#[test]
fn a_challenge_parses_from_plain_json() {
    let c: Challenge = serde_json::from_str(
        r#"{"session_id":"s1","user":"a•••@contoso.com","default_method":"sms-1",
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
