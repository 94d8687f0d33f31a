//! The assertion's claims as a host's server reads them.

use twostep_protocol::*;

#[test]
fn claims_parse_from_a_payload_and_leave_out_no_offer() {
    let claims: AssertionClaims = serde_json::from_str(
        r#"{"iss":"https://mfa.example","aud":"https://shop.example","sub":"alex@contoso.example",
            "sid":"TS-7K3M-9QXD-2HBT","amr":["otp"],"auth_time":10,"iat":10,"exp":130,
            "jti":"j1","extra":"ignored"}"#,
    )
    .unwrap();
    assert_eq!(claims.sid, "TS-7K3M-9QXD-2HBT");
    assert_eq!(claims.remember_device_days, None);
    let back = serde_json::to_value(&claims).unwrap();
    assert!(back.get("remember_device_days").is_none());
}

#[test]
fn every_method_kind_has_rfc_8176_values() {
    // The registered values of RFC 8176, section 2.
    const REGISTERED: [&str; 19] = [
        "face", "fpt", "geo", "hwk", "iris", "kba", "mca", "mfa", "otp", "pin", "pop", "pwd",
        "rba", "retina", "sc", "sms", "swk", "tel", "user",
    ];
    for kind in [
        MethodKind::Sms,
        MethodKind::Voice,
        MethodKind::Push,
        MethodKind::Totp,
        MethodKind::Email,
        MethodKind::Other,
    ] {
        let values = amr(kind);
        assert!(!values.is_empty(), "{kind:?}");
        for v in values {
            assert!(REGISTERED.contains(v), "{kind:?}: {v} is not registered");
        }
    }
    assert_eq!(amr(MethodKind::Sms), ["sms"]);
    assert_eq!(amr(MethodKind::Voice), ["tel"]);
    assert_eq!(amr(MethodKind::Totp), ["otp"]);
}

#[test]
fn an_assertion_lives_a_few_minutes_at_most() {
    assert_eq!(MAX_ASSERTION_LIFETIME_SECS, 300);
    assert_eq!(ASSERTION_TYPE, "twostep+jwt");
    assert_eq!(JWKS_PATH, "/.well-known/jwks.json");
    assert_eq!(SESSIONS_PATH, "/v1/sessions");
}
