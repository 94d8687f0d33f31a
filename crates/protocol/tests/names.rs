//! The unit enums are read by hand (see `src/name.rs`): every wire name reads
//! back as its variant, unknown names fall back exactly where the contract
//! says they do, and are errors everywhere else.

use serde_json::{Value, json};
use twostep_protocol::*;

const ERROR_CODES: [ErrorCode; 14] = ErrorCode::ALL;

const METHOD_KINDS: [(MethodKind, &str); 6] = [
    (MethodKind::Sms, "sms"),
    (MethodKind::Voice, "voice"),
    (MethodKind::Push, "push"),
    (MethodKind::Totp, "totp"),
    (MethodKind::Email, "email"),
    (MethodKind::Other, "other"),
];

const POLL_STATUSES: [(PollStatus, &str); 4] = [
    (PollStatus::Pending, "pending"),
    (PollStatus::Approved, "approved"),
    (PollStatus::Denied, "denied"),
    (PollStatus::Expired, "expired"),
];

/// Reads `name` as a JSON string both from text (borrowed) and from a
/// `Value` (owned), and checks both agree.
fn read<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(
    name: &str,
) -> Result<T, String> {
    let from_text = serde_json::from_str::<T>(&Value::from(name).to_string());
    let from_value = serde_json::from_value::<T>(Value::from(name));
    match (from_text, from_value) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{name}: text and value disagree");
            Ok(a)
        }
        (Err(a), Err(_)) => Err(a.to_string()),
        (a, b) => panic!("{name}: text gives {a:?} but value gives {b:?}"),
    }
}

#[test]
fn every_error_code_round_trips() {
    for code in ERROR_CODES {
        let json = serde_json::to_value(code).unwrap();
        assert_eq!(json, code.as_str());
        assert_eq!(read::<ErrorCode>(code.as_str()), Ok(code));
        assert_eq!(serde_json::from_value::<ErrorCode>(json).unwrap(), code);
    }
}

#[test]
fn unknown_error_codes_are_unknown() {
    for name in [
        "quantum_flux",
        "",
        "Expired",
        "EXPIRED",
        " expired",
        "expired ",
    ] {
        assert_eq!(read::<ErrorCode>(name), Ok(ErrorCode::Unknown), "{name:?}");
    }
}

#[test]
fn every_method_kind_round_trips() {
    for (kind, name) in METHOD_KINDS {
        assert_eq!(serde_json::to_value(kind).unwrap(), name);
        assert_eq!(read::<MethodKind>(name), Ok(kind));
    }
}

#[test]
fn as_str_gives_the_wire_names() {
    for (kind, name) in METHOD_KINDS {
        assert_eq!(kind.as_str(), name);
    }
    for code in ERROR_CODES {
        assert_eq!(json!(code), json!(code.as_str()));
    }
    assert_eq!(PollStatus::Approved.as_str(), "approved");
}

#[test]
fn unknown_method_kinds_are_other() {
    for name in ["security_key", "", "SMS", "passkey"] {
        assert_eq!(read::<MethodKind>(name), Ok(MethodKind::Other), "{name:?}");
    }
}

#[test]
fn every_poll_status_round_trips() {
    for (status, name) in POLL_STATUSES {
        assert_eq!(serde_json::to_value(status).unwrap(), name);
        assert_eq!(read::<PollStatus>(name), Ok(status));
    }
}

#[test]
fn unknown_poll_statuses_are_errors() {
    for name in ["maybe", "", "Approved", "unknown", "other"] {
        let err = read::<PollStatus>(name).unwrap_err();
        assert!(err.contains("a poll status"), "{name:?}: {err}");
    }
}

#[test]
fn escaped_names_read_like_plain_ones() {
    // serde_json cannot lend these: they come through the owned path.
    let p: PollStatus = serde_json::from_str(r#""appr\u006fved""#).unwrap();
    assert_eq!(p, PollStatus::Approved);
    let k: MethodKind = serde_json::from_str(r#""\u0073ms""#).unwrap();
    assert_eq!(k, MethodKind::Sms);
    let c: ErrorCode = serde_json::from_str(r#""invalid\u005fcode""#).unwrap();
    assert_eq!(c, ErrorCode::InvalidCode);
}

#[test]
fn names_must_be_strings() {
    for v in [json!(1), json!(null), json!(true), json!(["sms"])] {
        assert!(
            serde_json::from_value::<ErrorCode>(v.clone()).is_err(),
            "{v}"
        );
        assert!(
            serde_json::from_value::<MethodKind>(v.clone()).is_err(),
            "{v}"
        );
        assert!(
            serde_json::from_value::<PollStatus>(v.clone()).is_err(),
            "{v}"
        );
        assert!(
            serde_json::from_str::<ErrorCode>(&v.to_string()).is_err(),
            "{v}"
        );
        assert!(
            serde_json::from_str::<PollStatus>(&v.to_string()).is_err(),
            "{v}"
        );
    }
}

#[test]
fn both_delivery_types_round_trip() {
    for delivery in [
        Delivery::Code {
            target: None,
            code_length: 6,
            resend_after_secs: None,
            suggest_other_after_secs: None,
        },
        Delivery::Approval {
            target: None,
            poll_interval_ms: 2000,
            number_to_match: None,
        },
    ] {
        let json = serde_json::to_string(&delivery).unwrap();
        assert_eq!(serde_json::from_str::<Delivery>(&json).unwrap(), delivery);
    }
}

#[test]
fn unknown_delivery_types_are_errors() {
    for kind in ["webauthn", "", "Code", "other", "unknown"] {
        let json = json!({"type": kind, "code_length": 6, "poll_interval_ms": 2000});
        let err = serde_json::from_value::<Delivery>(json.clone()).unwrap_err();
        assert!(
            err.to_string().contains("a delivery type"),
            "{kind:?}: {err}"
        );
        assert!(serde_json::from_str::<Delivery>(&json.to_string()).is_err());
    }
    assert!(serde_json::from_value::<Delivery>(json!({"type": 1, "code_length": 6})).is_err());
}
