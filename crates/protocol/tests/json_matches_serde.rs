//! The serde-free JSON of `twostep_protocol::json` (what the browser bundle
//! uses) against serde_json with the derived impls (what servers use): the
//! same request bytes, the same values read, and never a text one accepts
//! that the other refuses, except where noted.

use proptest::prelude::*;
use serde::de::IgnoredAny;
use twostep_protocol::json::{self, Problem, ReadError, ReadJson, ShapeError, Value, WriteJson};
use twostep_protocol::{
    ApiError, Challenge, Delivery, ErrorCode, Method, MethodKind, PollRequest, PollResponse,
    PollStatus, SendRequest, SendResponse, StartRequest, VerifyRequest, VerifyResponse,
};

/// Strings with the characters JSON escapes, plus anything else.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z0-9_+@.-]{0,12}",
        any::<String>(),
        "[\"\\\\/\u{0}-\u{1f}\u{7f}\u{e9}\u{2028}\u{1f600}]{0,6}",
    ]
}

fn number() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0), Just(u32::MAX), any::<u32>(), 0u32..1000]
}

/// Any value of a unit enum, from its wire table.
fn one_of<T: Copy + std::fmt::Debug + 'static>(
    wire: &'static [(T, &'static str)],
) -> impl Strategy<Value = T> {
    prop::sample::select(wire.iter().map(|(value, _)| *value).collect::<Vec<_>>())
}

fn kind() -> impl Strategy<Value = MethodKind> {
    one_of(MethodKind::WIRE)
}

fn method() -> impl Strategy<Value = Method> {
    (
        text(),
        kind(),
        prop::option::of(text()),
        prop::option::of(text()),
    )
        .prop_map(|(id, kind, target, label)| Method {
            id,
            kind,
            target,
            label,
        })
}

fn challenge() -> impl Strategy<Value = Challenge> {
    (
        (text(), text(), text()),
        prop::collection::vec(method(), 0..4),
        text(),
        number(),
        prop::option::of(number()),
    )
        .prop_map(
            |((session_handle, session_ref, user), methods, default_method, expires, days)| {
                Challenge {
                    session_handle,
                    session_ref,
                    user,
                    methods,
                    default_method,
                    expires_in_secs: expires,
                    remember_device_days: days,
                }
            },
        )
}

fn delivery() -> impl Strategy<Value = Delivery> {
    prop_oneof![
        (
            prop::option::of(text()),
            any::<u8>(),
            prop::option::of(number()),
            prop::option::of(number())
        )
            .prop_map(|(target, code_length, resend, suggest)| Delivery::Code {
                target,
                code_length,
                resend_after_secs: resend,
                suggest_other_after_secs: suggest,
            }),
        (prop::option::of(text()), number(), prop::option::of(text())).prop_map(
            |(target, poll_interval_ms, number_to_match)| Delivery::Approval {
                target,
                poll_interval_ms,
                number_to_match,
            }
        ),
    ]
}

fn send_response() -> impl Strategy<Value = SendResponse> {
    (text(), delivery()).prop_map(|(method_id, delivery)| SendResponse {
        method_id,
        delivery,
    })
}

fn poll_response() -> impl Strategy<Value = PollResponse> {
    (one_of(PollStatus::WIRE), prop::option::of(text()))
        .prop_map(|(status, assertion)| PollResponse { status, assertion })
}

fn api_error() -> impl Strategy<Value = ApiError> {
    (
        one_of(ErrorCode::WIRE),
        text(),
        (
            prop::option::of(text()),
            prop::option::of(text()),
            prop::option::of(text()),
        ),
        prop::option::of(number()),
        prop::option::of(number()),
    )
        .prop_map(
            |(code, message, (correlation_id, session_ref, timestamp), retry, left)| ApiError {
                code,
                message,
                correlation_id,
                session_ref,
                timestamp,
                retry_after_secs: retry,
                attempts_left: left,
            },
        )
}

/// Any JSON value, for unknown members and for the parser.
fn any_json() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<u64>().prop_map(|n| serde_json::json!(n)),
        any::<i64>().prop_map(|n| serde_json::json!(n)),
        (-1e300f64..1e300).prop_map(|n| serde_json::json!(n)),
        text().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(4, 32, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(text(), inner, 0..4)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Reads `text` with both readers and checks that they agree: the same value
/// when both accept, and serde accepting whenever ours does. Returns whether
/// ours accepted.
fn agree<T>(text: &str) -> Result<bool, TestCaseError>
where
    T: ReadJson + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let ours = T::read_json(text);
    let theirs = serde_json::from_str::<T>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => prop_assert_eq!(a, b),
        (Ok(a), Err(e)) => {
            prop_assert!(false, "only ours accepts {text:?} as {a:?}: serde says {e}")
        }
        // serde also reads a struct from an array of its members; the
        // contract's answers are objects, and ours reads only those.
        (Err(_), Ok(_)) => prop_assert!(
            text.trim_start().starts_with('['),
            "only serde accepts {text:?}: ours says {ours:?}"
        ),
        (Err(_), Err(_)) => {}
    }
    Ok(ours.is_ok())
}

/// A serialized value with unknown members added and whitespace around its
/// tokens, as another server might write it.
fn with_noise(value: &impl serde::Serialize, extra: &[(String, serde_json::Value)]) -> String {
    let mut tree = serde_json::to_value(value).unwrap();
    let object = tree.as_object_mut().unwrap();
    for (key, v) in extra {
        if !object.contains_key(key) {
            object.insert(key.clone(), v.clone());
        }
    }
    serde_json::to_string_pretty(&tree).unwrap()
}

/// Small edits of a valid text: the kind of damage a proxy or a buggy server does.
fn damaged(text: &str, at: usize, edit: u8) -> String {
    let mut s: Vec<char> = text.chars().collect();
    let at = at % (s.len() + 1);
    let pieces = [
        '{', '}', '[', ']', '"', ',', ':', '\\', '0', '-', '.', 'e', 'n', ' ', '\u{0}',
    ];
    match edit % 3 {
        0 if at < s.len() => {
            s.remove(at);
        }
        1 => s.insert(at, pieces[usize::from(edit / 3) % pieces.len()]),
        _ => s.truncate(at),
    }
    s.into_iter().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn answers_read_as_serde_wrote_them(
        c in challenge(),
        s in send_response(),
        v in text(),
        p in poll_response(),
        e in api_error(),
        extra in prop::collection::vec((text(), any_json()), 0..3),
    ) {
        prop_assert_eq!(Challenge::read_json(&serde_json::to_string(&c).unwrap()), Ok(c.clone()));
        prop_assert_eq!(SendResponse::read_json(&serde_json::to_string(&s).unwrap()), Ok(s.clone()));
        let verify = VerifyResponse { assertion: v };
        prop_assert_eq!(VerifyResponse::read_json(&serde_json::to_string(&verify).unwrap()), Ok(verify.clone()));
        prop_assert_eq!(PollResponse::read_json(&serde_json::to_string(&p).unwrap()), Ok(p.clone()));
        prop_assert_eq!(ApiError::read_json(&serde_json::to_string(&e).unwrap()), Ok(e.clone()));
        prop_assert!(agree::<Challenge>(&with_noise(&c, &extra))?);
        prop_assert!(agree::<SendResponse>(&with_noise(&s, &extra))?);
        prop_assert!(agree::<VerifyResponse>(&with_noise(&verify, &extra))?);
        prop_assert!(agree::<PollResponse>(&with_noise(&p, &extra))?);
        prop_assert!(agree::<ApiError>(&with_noise(&e, &extra))?);
    }

    #[test]
    fn damaged_answers_are_refused_as_serde_refuses_them(
        c in challenge(),
        s in send_response(),
        e in api_error(),
        edits in prop::collection::vec((any::<usize>(), any::<u8>()), 1..3),
    ) {
        for (text, which) in [
            (serde_json::to_string(&c).unwrap(), 0),
            (serde_json::to_string(&s).unwrap(), 1),
            (serde_json::to_string(&e).unwrap(), 2),
        ] {
            let bad = edits.iter().fold(text, |t, &(at, edit)| damaged(&t, at, edit));
            match which {
                0 => { agree::<Challenge>(&bad)?; }
                1 => { agree::<SendResponse>(&bad)?; }
                _ => { agree::<ApiError>(&bad)?; }
            }
        }
    }

    #[test]
    fn requests_are_written_byte_for_byte_as_serde_writes_them(
        handle in prop::option::of(text()),
        hint in prop::option::of(text()),
        (a, b, code) in (text(), text(), text()),
        flag in any::<bool>(),
    ) {
        let start = StartRequest { session_handle: handle, user_hint: hint };
        prop_assert_eq!(start.to_json(), serde_json::to_string(&start).unwrap());
        let send = SendRequest { session_handle: a.clone(), method_id: b.clone(), resend: flag };
        prop_assert_eq!(send.to_json(), serde_json::to_string(&send).unwrap());
        let verify = VerifyRequest {
            session_handle: a.clone(),
            method_id: b.clone(),
            code,
            remember_device: flag,
        };
        prop_assert_eq!(verify.to_json(), serde_json::to_string(&verify).unwrap());
        let poll = PollRequest { session_handle: a, method_id: b, remember_device: flag };
        prop_assert_eq!(poll.to_json(), serde_json::to_string(&poll).unwrap());
    }

    #[test]
    fn the_parser_takes_every_json_text_and_its_strings_and_integers(v in any_json()) {
        let text = serde_json::to_string(&v).unwrap();
        let parsed = json::parse(&text);
        prop_assert!(parsed.is_ok(), "{text}");
        prop_assert!(same(&parsed.unwrap(), &v), "{text}");
        prop_assert!(json::parse(&serde_json::to_string_pretty(&v).unwrap()).is_ok());
    }

    #[test]
    fn the_parser_refuses_what_serde_refuses(v in any_json(), at in any::<usize>(), edit in any::<u8>()) {
        let bad = damaged(&serde_json::to_string(&v).unwrap(), at, edit);
        let ours = json::parse(&bad).is_ok();
        let theirs = serde_json::from_str::<IgnoredAny>(&bad).is_ok();
        prop_assert_eq!(ours, theirs, "{:?}", bad);
    }
}

/// Whether our tree holds what serde's does (numbers: the unsigned integers).
fn same(ours: &Value, theirs: &serde_json::Value) -> bool {
    match (ours, theirs) {
        (Value::Null, serde_json::Value::Null) => true,
        (Value::Bool(a), serde_json::Value::Bool(b)) => a == b,
        (Value::Number(n), serde_json::Value::Number(m)) => *n == m.as_u64(),
        (Value::String(a), serde_json::Value::String(b)) => a == b,
        (Value::Array(a), serde_json::Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| same(x, y))
        }
        (Value::Object(a), serde_json::Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, x)| b.get(k).is_some_and(|y| same(x, y)))
        }
        _ => false,
    }
}

#[test]
fn texts_at_the_edges_of_json() {
    for text in [
        "0",
        "-0",
        "1.5e3",
        "1E+2",
        "-1",
        "18446744073709551616",
        "\"\\u00e9\\ud83d\\ude00\"",
        " [ ] ",
        "{}",
        "[[[]]]",
        "\"\\/\"",
        "1e999",
        "true",
        "null",
    ] {
        assert!(json::parse(text).is_ok(), "{text}");
        assert!(serde_json::from_str::<IgnoredAny>(text).is_ok(), "{text}");
    }
    for text in [
        "",
        " ",
        "01",
        "1.",
        ".5",
        "+1",
        "1e",
        "-",
        "[1,]",
        "{\"a\":1,}",
        "{\"a\"}",
        "{a:1}",
        "\"\\x\"",
        "\"a\u{1}\"",
        "\"open",
        "[1] [2]",
        "nul",
        "tru",
        "NaN",
        "'a'",
        "\u{feff}{}",
    ] {
        assert!(json::parse(text).is_err(), "{text:?}");
        assert!(
            serde_json::from_str::<IgnoredAny>(text).is_err(),
            "{text:?}"
        );
    }
    // A lone surrogate is refused in any string; serde refuses it in the
    // strings it reads and skips it only in members it ignores.
    for text in ["\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\""] {
        assert!(json::parse(text).is_err(), "{text:?}");
        assert!(serde_json::from_str::<String>(text).is_err(), "{text:?}");
    }
    assert_eq!(
        json::parse("18446744073709551615"),
        Ok(Value::Number(Some(u64::MAX)))
    );
    assert_eq!(json::parse("18446744073709551616"), Ok(Value::Number(None)));
    assert_eq!(json::parse("-0"), Ok(Value::Number(None)));
}

/// Nesting is capped where serde_json caps what it reads into a value (it
/// skips unknown members of any depth); far deeper texts are refused, not a
/// stack overflow.
#[test]
fn nesting_stops_where_serde_stops() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    for n in [1, json::MAX_DEPTH] {
        assert!(json::parse(&deep(n)).is_ok(), "{n}");
        assert!(
            serde_json::from_str::<serde_json::Value>(&deep(n)).is_ok(),
            "{n}"
        );
    }
    for n in [json::MAX_DEPTH + 1, 1_000_000] {
        assert!(json::parse(&deep(n)).is_err(), "{n}");
        assert!(
            serde_json::from_str::<serde_json::Value>(&deep(n)).is_err(),
            "{n}"
        );
    }
}

#[test]
fn errors_name_the_member_and_never_a_value() {
    let shape = |field, problem| {
        ReadError::Shape(ShapeError {
            within: "",
            field,
            problem,
        })
    };
    assert_eq!(
        PollResponse::read_json(r#"{"state":"pending"}"#),
        Err(shape("status", Problem::Missing))
    );
    assert_eq!(
        PollResponse::read_json(r#"{"status":"maybe"}"#),
        Err(shape("status", Problem::UnknownName))
    );
    assert_eq!(
        PollResponse::read_json(r#"{"status":7}"#),
        Err(shape("status", Problem::WrongType))
    );
    assert_eq!(
        PollResponse::read_json(r#"{"status":"pending","status":"approved"}"#),
        Err(shape("status", Problem::Duplicate))
    );
    assert_eq!(
        VerifyResponse::read_json("[]"),
        Err(shape("", Problem::WrongType))
    );
    let nested = SendResponse::read_json(
        r#"{"method_id":"m","delivery":{"type":"code","code_length":256}}"#,
    );
    assert_eq!(
        nested,
        Err(ReadError::Shape(ShapeError {
            within: "delivery.",
            field: "code_length",
            problem: Problem::WrongType
        }))
    );
    let method = Challenge::read_json(
        r#"{"session_handle":"sh_secret","session_ref":"r","user":"u","methods":[{"id":"a"}],"default_method":"a","expires_in_secs":1}"#,
    );
    assert_eq!(
        method,
        Err(ReadError::Shape(ShapeError {
            within: "methods[].",
            field: "kind",
            problem: Problem::Missing
        }))
    );
    assert!(!format!("{method:?}").contains("sh_secret"));
    assert_eq!(
        Challenge::read_json("{\n  \"user\": tru }"),
        Err(ReadError::NotJson(json::SyntaxError {
            line: 2,
            column: 14
        }))
    );
}

#[test]
fn unknown_names_take_the_fallback_where_the_type_has_one() {
    let e = ApiError::read_json(r#"{"code":"quantum_flux","message":"odd","extra":{"a":[1,2]}}"#)
        .unwrap();
    assert_eq!(e.code, ErrorCode::Unknown);
    let m =
        SendResponse::read_json(r#"{"method_id":"m","delivery":{"type":"fax","code_length":6}}"#);
    assert!(matches!(
        m,
        Err(ReadError::Shape(ShapeError {
            field: "type",
            problem: Problem::UnknownName,
            ..
        }))
    ));
    assert!(
        serde_json::from_str::<SendResponse>(
            r#"{"method_id":"m","delivery":{"type":"fax","code_length":6}}"#
        )
        .is_err()
    );
}
