//! docs/openapi.json and the Rust types must describe the same JSON: every
//! schema lists exactly the fields the types write, requires exactly the
//! fields the types cannot do without, enumerates exactly their variants, and
//! its example parses into the type and back unchanged.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value, json};
use twostep_protocol::*;

fn spec() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/openapi.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("docs/openapi.json")).unwrap()
}

fn schema<'a>(spec: &'a Value, name: &str) -> &'a Map<String, Value> {
    spec["components"]["schemas"][name]
        .as_object()
        .unwrap_or_else(|| panic!("no schema {name}"))
}

fn names(v: &Value) -> Vec<String> {
    let mut keys: Vec<String> = match v {
        Value::Object(m) => m.keys().cloned().collect(),
        Value::Array(a) => a.iter().map(|s| s.as_str().unwrap().to_string()).collect(),
        _ => panic!("not an object or array: {v}"),
    };
    keys.sort();
    keys
}

/// Checks one object schema against `full`, an instance with every optional
/// field set.
fn check_object<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    name: &str,
    full: T,
) {
    let spec = spec();
    let s = schema(&spec, name);
    let written = serde_json::to_value(&full).unwrap();
    assert_eq!(
        names(&written),
        names(&s["properties"]),
        "{name}: properties differ from the fields the type writes"
    );

    let example = s["example"].clone();
    let parsed: T = serde_json::from_value(example.clone())
        .unwrap_or_else(|e| panic!("{name}: the example does not parse: {e}"));
    assert_eq!(
        serde_json::to_value(&parsed).unwrap(),
        example,
        "{name}: the example does not round-trip"
    );

    // Exactly the required fields are needed: the full value cut down to them
    // parses, and without any one of them it does not.
    let required = names(s.get("required").unwrap_or(&json!([])));
    let mut minimal = Map::new();
    for key in &required {
        minimal.insert(key.clone(), written[key].clone());
    }
    serde_json::from_value::<T>(Value::Object(minimal.clone()))
        .unwrap_or_else(|e| panic!("{name}: the required fields alone do not parse: {e}"));
    for key in &required {
        let mut without = minimal.clone();
        without.remove(key);
        assert!(
            serde_json::from_value::<T>(Value::Object(without)).is_err(),
            "{name}: `{key}` is listed as required but the type does without it"
        );
    }
}

fn check_enum<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    name: &str,
    all: &[T],
) {
    let spec = spec();
    let listed = names(&schema(&spec, name)["enum"]);
    let mut written: Vec<String> = all
        .iter()
        .map(|v| {
            serde_json::to_value(v)
                .unwrap()
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    written.sort();
    assert_eq!(written, listed, "{name}: enum values differ");
}

fn method() -> Method {
    Method {
        id: "sms-1".into(),
        kind: MethodKind::Sms,
        target: Some("••12".into()),
        label: Some("Phone".into()),
    }
}

#[test]
fn requests_match() {
    check_object(
        "StartRequest",
        StartRequest {
            session_handle: Some("s".into()),
            user_hint: Some("u".into()),
        },
    );
    check_object(
        "SendRequest",
        SendRequest {
            session_handle: "s".into(),
            method_id: "m".into(),
            resend: true,
        },
    );
    check_object(
        "VerifyRequest",
        VerifyRequest {
            session_handle: "s".into(),
            method_id: "m".into(),
            code: "1".into(),
            remember_device: true,
        },
    );
    check_object(
        "PollRequest",
        PollRequest {
            session_handle: "s".into(),
            method_id: "m".into(),
            remember_device: true,
        },
    );
}

#[test]
fn answers_match() {
    check_object(
        "Challenge",
        Challenge {
            session_handle: "s".into(),
            session_ref: "r".into(),
            user: "u".into(),
            methods: vec![method()],
            default_method: "sms-1".into(),
            expires_in_secs: 600,
            remember_device_days: Some(30),
        },
    );
    check_object("Method", method());
    check_object(
        "VerifyResponse",
        VerifyResponse {
            assertion: "a".into(),
        },
    );
    check_object(
        "PollResponse",
        PollResponse {
            status: PollStatus::Approved,
            assertion: Some("a".into()),
        },
    );
    check_object(
        "ApiError",
        ApiError {
            code: ErrorCode::Internal,
            message: "m".into(),
            correlation_id: Some("c".into()),
            session_ref: Some("r".into()),
            timestamp: Some("t".into()),
            retry_after_secs: Some(1),
            attempts_left: Some(1),
        },
    );
}

#[test]
fn the_server_to_server_call_and_the_assertion_match() {
    check_object(
        "CreateSessionRequest",
        CreateSessionRequest { user: "u".into() },
    );
    check_object(
        "CreatedSession",
        CreatedSession {
            session_handle: "h".into(),
            session_ref: "r".into(),
            expires_in_secs: 600,
        },
    );
    check_object(
        "AssertionClaims",
        AssertionClaims {
            iss: "i".into(),
            aud: "a".into(),
            sub: "s".into(),
            sid: "r".into(),
            amr: vec!["otp".into()],
            auth_time: 1,
            iat: 1,
            exp: 2,
            jti: "j".into(),
            remember_device_days: Some(30),
        },
    );
}

/// The key set has no Rust type here (servers and hosts use their JOSE
/// library's); its schema must still say exactly what an Ed25519 JWK holds.
#[test]
fn the_key_set_schema_describes_ed25519_keys() {
    let spec = spec();
    let jwk = schema(&spec, "Jwk");
    let fields = ["alg", "crv", "kid", "kty", "use", "x"];
    assert_eq!(names(&jwk["properties"]), fields);
    assert_eq!(names(&jwk["required"]), fields);
    assert_eq!(jwk["properties"]["kty"]["const"], "OKP");
    assert_eq!(jwk["properties"]["crv"]["const"], "Ed25519");
    assert_eq!(jwk["properties"]["alg"]["const"], "EdDSA");
    assert_eq!(names(&jwk["example"]), fields);
    let set = schema(&spec, "JwkSet");
    assert_eq!(names(&set["properties"]), ["keys"]);
    assert_eq!(
        set["properties"]["keys"]["items"]["$ref"],
        "#/components/schemas/Jwk"
    );
    assert_eq!(
        spec["paths"][JWKS_PATH]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
            ["$ref"],
        "#/components/schemas/JwkSet"
    );
    assert_eq!(
        spec["paths"][SESSIONS_PATH]["post"]["security"][0]["ApiKey"],
        json!([])
    );
}

#[test]
fn deliveries_match_their_tagged_schemas() {
    let code = Delivery::Code {
        target: Some("t".into()),
        code_length: 6,
        resend_after_secs: Some(30),
        suggest_other_after_secs: Some(30),
    };
    let approval = Delivery::Approval {
        target: Some("t".into()),
        poll_interval_ms: 1000,
        number_to_match: Some("42".into()),
    };
    check_object("CodeDelivery", code.clone());
    check_object("ApprovalDelivery", approval.clone());
    check_object(
        "SendResponse",
        SendResponse {
            method_id: "m".into(),
            delivery: code,
        },
    );
    let spec = spec();
    let mapping = names(&schema(&spec, "Delivery")["discriminator"]["mapping"]);
    assert_eq!(mapping, ["approval", "code"]);
    assert_eq!(
        schema(&spec, "CodeDelivery")["properties"]["type"]["const"],
        "code"
    );
    assert_eq!(
        schema(&spec, "ApprovalDelivery")["properties"]["type"]["const"],
        "approval"
    );
}

/// Every variant, by an exhaustive match: adding a variant breaks the build
/// here until the list (and so the spec check) includes it.
fn all_error_codes() -> Vec<ErrorCode> {
    use ErrorCode::*;
    let all = vec![
        Expired,
        InvalidCode,
        TooManyAttempts,
        RateLimited,
        SessionExpired,
        MethodUnavailable,
        Internal,
        BadRequest,
        Unauthorized,
        Network,
        Timeout,
        BadResponse,
        Denied,
        Unknown,
    ];
    for c in &all {
        match c {
            Expired | InvalidCode | TooManyAttempts | RateLimited | SessionExpired
            | MethodUnavailable | Internal | BadRequest | Unauthorized | Network | Timeout
            | BadResponse | Denied | Unknown => {}
        }
    }
    all
}

#[test]
fn enums_match() {
    check_enum("ErrorCode", &all_error_codes());
    use MethodKind::*;
    let kinds = [Sms, Voice, Push, Totp, Email, Other];
    for k in &kinds {
        match k {
            Sms | Voice | Push | Totp | Email | Other => {}
        }
    }
    check_enum("MethodKind", &kinds);
    use PollStatus::*;
    let statuses = [Pending, Approved, Denied, Expired];
    for s in &statuses {
        match s {
            Pending | Approved | Denied | Expired => {}
        }
    }
    check_enum("PollStatus", &statuses);
}

#[test]
fn every_schema_is_checked_and_every_path_is_documented() {
    let spec = spec();
    let checked = [
        "CreateSessionRequest",
        "CreatedSession",
        "AssertionClaims",
        "JwkSet",
        "Jwk",
        "StartRequest",
        "SendRequest",
        "VerifyRequest",
        "PollRequest",
        "Challenge",
        "Method",
        "MethodKind",
        "SendResponse",
        "Delivery",
        "CodeDelivery",
        "ApprovalDelivery",
        "VerifyResponse",
        "PollResponse",
        "PollStatus",
        "ApiError",
        "ErrorCode",
    ];
    let mut checked: Vec<String> = checked.iter().map(|s| s.to_string()).collect();
    checked.sort();
    assert_eq!(names(&spec["components"]["schemas"]), checked);
    assert_eq!(
        names(&spec["paths"]),
        [
            JWKS_PATH,
            "/v1/poll",
            "/v1/send",
            SESSIONS_PATH,
            "/v1/start",
            "/v1/verify"
        ]
    );
    let prose = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../docs/protocol.md"
    ))
    .unwrap();
    for path in names(&spec["paths"]) {
        let operations = spec["paths"][&path].as_object().unwrap();
        for method in operations.keys() {
            let call = format!("{} {path}", method.to_uppercase());
            assert!(
                prose.contains(&call),
                "docs/protocol.md does not describe {call}"
            );
        }
    }
    for code in all_error_codes() {
        assert!(
            prose.contains(&format!("`{}`", code.as_str())),
            "docs/protocol.md does not describe `{}`",
            code.as_str()
        );
    }
}
