//! The details panel's content, and the text that "Copy details" puts on the
//! clipboard. Pure: the caller supplies the page URL, local time and zone.

use twostep_flow::FailureDetails;

use crate::format::{mask_target, page_url, timestamp};
use crate::locale::Catalogue;
use crate::messages::{Msg, t};

/// What the browser knows that the failure record does not.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Environment {
    /// `location.href`; query and fragment are dropped.
    pub href: String,
    /// The failure time in the user's time zone and language, with the
    /// zone's offset or abbreviation (`Intl`): "28 nov 2026, 20:42:05 CET".
    pub local_time: String,
    /// IANA zone name, when the browser tells.
    pub zone: Option<String>,
}

/// One "Name: value" row of the panel.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field {
    /// The field's name, in the widget's language.
    pub name: String,
    /// The field's name in English, which the copied text keeps beside it.
    pub english: String,
    /// Its value, or "not available".
    pub value: String,
}

/// The widget's version, shown for support.
pub const WIDGET_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The rows of the details panel for `failure`, the user included.
///
/// Only identifiers go in: never codes the user typed, assertions or secrets
/// (the session is named by its public reference, never its handle).
pub fn fields(failure: &FailureDetails, env: &Environment) -> Vec<Field> {
    let na = || t(Msg::NotAvailable);
    let text = |v: Option<&str>| {
        v.filter(|s| !s.trim().is_empty())
            .map(one_line)
            .unwrap_or_else(na)
    };
    let mut description = t(Msg::FailureTitle(failure.code));
    if !failure.message.trim().is_empty() {
        description = format!("{description}. {}", one_line(&failure.message));
    }
    let method = failure.method.as_ref().map(|m| {
        t(Msg::MethodOption(
            m.kind,
            m.target.as_deref().map(mask_target),
            m.label.clone(),
        ))
    });
    let mut rows = vec![
        (Msg::FieldUserId, text(failure.user.as_deref())),
        (Msg::FieldDescription, description),
        (Msg::FieldPageUrl, text(Some(&page_url(&env.href)))),
        (Msg::FieldErrorCode, failure.code.as_str().to_string()),
        (Msg::FieldSessionId, text(failure.session_ref.as_deref())),
        (
            Msg::FieldCorrelationId,
            text(failure.correlation_id.as_deref()),
        ),
        (
            Msg::FieldTimestamp,
            timestamp(failure.at, &env.local_time, env.zone.as_deref()),
        ),
    ];
    if let Some(server) = failure.server_timestamp.as_deref() {
        rows.push((Msg::FieldServerTimestamp, text(Some(server))));
    }
    rows.push((Msg::FieldVersion, WIDGET_VERSION.to_string()));
    rows.push((Msg::FieldMethod, method.unwrap_or_else(na)));
    let english = Catalogue::english();
    rows.into_iter()
        .map(|(name, value)| Field {
            english: name.render(&english),
            name: t(name),
            value,
        })
        .collect()
}

/// The rows for details asked for when nothing failed (the help section's):
/// as [`fields`], with "no error" as the description and `none` as the code.
pub fn snapshot_fields(snapshot: &FailureDetails, env: &Environment) -> Vec<Field> {
    let mut rows = fields(snapshot, env);
    let (description, code) = (t(Msg::FieldDescription), t(Msg::FieldErrorCode));
    for row in &mut rows {
        if row.name == description {
            row.value = t(Msg::NoErrorShown);
        } else if row.name == code {
            row.value = "none".into();
        }
    }
    rows
}

/// The clipboard text: one "Name: value" line per field. In another
/// language than English each name keeps its English one beside it, so that
/// a support desk anywhere can read it: "Benutzer-ID (User ID): alex@…".
pub fn clipboard_text(fields: &[Field]) -> String {
    let mut out = String::new();
    for f in fields {
        out.push_str(&f.name);
        if f.name != f.english {
            out.push_str(" (");
            out.push_str(&f.english);
            out.push(')');
        }
        out.push_str(": ");
        out.push_str(&f.value);
        out.push('\n');
    }
    out
}

/// Backend strings may hold line breaks or control characters; a copied line
/// must stay one line.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use twostep_protocol::{ErrorCode, Method, MethodKind};

    fn failure() -> FailureDetails {
        FailureDetails {
            code: ErrorCode::Internal,
            message: "db down\nretry later".into(),
            correlation_id: Some("corr-9".into()),
            session_ref: Some("TS-7K3M-9QXD-2HBT".into()),
            server_timestamp: None,
            at: 1_795_894_925_000,
            method: Some(Method {
                id: "sms-1".into(),
                kind: MethodKind::Sms,
                target: Some("+1 555 010 0112".into()),
                label: None,
            }),
            user: Some("alex@contoso.com".into()),
        }
    }

    fn env() -> Environment {
        Environment {
            href: "https://login.example/mfa?otp=123456".into(),
            local_time: "28 nov 2026, 20:42:05 CET".into(),
            zone: Some("Europe/Amsterdam".into()),
        }
    }

    #[test]
    fn every_field_is_listed_in_order() {
        let text = clipboard_text(&fields(&failure(), &env()));
        let expected = format!(
            "User ID: alex@contoso.com\n\
             Error description: Something went wrong. db down retry later\n\
             Page URL: https://login.example/mfa\n\
             Error code: internal\n\
             Session ID: TS-7K3M-9QXD-2HBT\n\
             Correlation ID: corr-9\n\
             Timestamp: 28 nov 2026, 20:42:05 CET (Europe/Amsterdam) / 2026-11-28T19:42:05Z\n\
             Widget version: {WIDGET_VERSION}\n\
             Method attempted: Text a code to +• ••• ••• ••12\n"
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn another_language_keeps_the_english_names_beside_its_own() {
        let field = |name: &str, english: &str| Field {
            name: name.into(),
            english: english.into(),
            value: "v".into(),
        };
        let text = clipboard_text(&[
            field("Benutzer-ID", "User ID"),
            field("Session ID", "Session ID"),
        ]);
        assert_eq!(text, "Benutzer-ID (User ID): v\nSession ID: v\n");
    }

    #[test]
    fn missing_values_say_so() {
        let mut f = failure();
        f.correlation_id = None;
        f.session_ref = Some("  ".into());
        f.method = None;
        f.user = None;
        let rows = fields(&f, &Environment::default());
        let get = |n: &str| rows.iter().find(|r| r.name == n).unwrap().value.clone();
        assert_eq!(get("User ID"), "not available");
        assert_eq!(get("Correlation ID"), "not available");
        assert_eq!(get("Session ID"), "not available");
        assert_eq!(get("Method attempted"), "not available");
    }

    #[test]
    fn the_query_string_never_reaches_the_clipboard() {
        let text = clipboard_text(&fields(&failure(), &env()));
        assert!(!text.contains("otp=123456"));
    }

    #[test]
    fn details_asked_for_without_a_failure_say_there_was_none() {
        let rows = snapshot_fields(&failure(), &Environment::default());
        let value = |name: Msg| {
            let name = t(name);
            rows.iter().find(|f| f.name == name).unwrap().value.clone()
        };
        assert_eq!(value(Msg::FieldErrorCode), "none");
        assert_eq!(value(Msg::FieldDescription), t(Msg::NoErrorShown));
        assert_eq!(value(Msg::FieldSessionId), "TS-7K3M-9QXD-2HBT");
        assert_eq!(
            rows.len(),
            fields(&failure(), &Environment::default()).len()
        );
    }
}
