//! The demo backend's deterministic scenarios.

use twostep_protocol::{Method, MethodKind};

/// One situation the demo can show. Each is deterministic: the same clicks at
/// the same times give the same screens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scenario {
    /// A text with a code arrives at once.
    Text,
    /// The text to the primary phone never arrives; the alternate phone works.
    TextLost,
    /// A phone call, answered after a few seconds.
    Call,
    /// A phone call that nobody answers (unless the visitor does, on the
    /// simulated phone): the nudge, then the request expires.
    CallUnanswered,
    /// An app notification, approved after a few seconds.
    Push,
    /// An app notification, denied after a few seconds.
    PushDenied,
    /// An app notification with a number to match on the phone.
    NumberMatch,
    /// Wrong codes use up the attempts, then a lockout.
    Lockout,
    /// The first send fails with a server error; trying again works.
    ServerError,
    /// The user has a single phone and nothing else.
    SingleMethod,
    /// The verification window lasts only a few seconds.
    QuickExpiry,
}

impl Scenario {
    /// Every scenario, in the order the demo lists them.
    pub const ALL: [Scenario; 11] = [
        Scenario::Text,
        Scenario::TextLost,
        Scenario::Call,
        Scenario::CallUnanswered,
        Scenario::Push,
        Scenario::PushDenied,
        Scenario::NumberMatch,
        Scenario::Lockout,
        Scenario::ServerError,
        Scenario::SingleMethod,
        Scenario::QuickExpiry,
    ];

    /// The id used in URLs (`?scenario=`) and the picker.
    pub fn id(self) -> &'static str {
        match self {
            Scenario::Text => "text",
            Scenario::TextLost => "text-lost",
            Scenario::Call => "call",
            Scenario::CallUnanswered => "call-unanswered",
            Scenario::Push => "push",
            Scenario::PushDenied => "push-denied",
            Scenario::NumberMatch => "number-match",
            Scenario::Lockout => "lockout",
            Scenario::ServerError => "server-error",
            Scenario::SingleMethod => "single-method",
            Scenario::QuickExpiry => "quick-expiry",
        }
    }

    /// The scenario with this id.
    pub fn from_id(id: &str) -> Option<Scenario> {
        Scenario::ALL.into_iter().find(|s| s.id() == id)
    }

    /// The methods the demo user has in this scenario.
    pub fn methods(self) -> Vec<Method> {
        let m = |id: &str, kind, target: Option<&str>| Method {
            id: id.into(),
            kind,
            target: target.map(Into::into),
            label: None,
        };
        let primary = m("sms-1", MethodKind::Sms, Some(PRIMARY));
        if self == Scenario::SingleMethod {
            return vec![primary];
        }
        vec![
            primary,
            m("sms-2", MethodKind::Sms, Some(ALTERNATE)),
            m("voice-1", MethodKind::Voice, Some(PRIMARY)),
            m("push", MethodKind::Push, None),
            m("totp", MethodKind::Totp, None),
        ]
    }

    /// The method to prompt with first.
    pub fn default_method(self) -> &'static str {
        match self {
            Scenario::Call | Scenario::CallUnanswered => "voice-1",
            Scenario::Push | Scenario::PushDenied | Scenario::NumberMatch => "push",
            _ => "sms-1",
        }
    }

    /// Length of the verification window in seconds.
    pub fn window_secs(self) -> u32 {
        match self {
            Scenario::QuickExpiry => 12,
            _ => 600,
        }
    }

    /// Resend cool-down in seconds.
    pub fn resend_after_secs(self) -> u32 {
        match self {
            Scenario::TextLost => 10,
            _ => 30,
        }
    }

    /// When to suggest another option, in seconds.
    pub fn suggest_other_after_secs(self) -> u32 {
        match self {
            Scenario::TextLost => 6,
            Scenario::CallUnanswered => 4,
            _ => 30,
        }
    }

    /// Wrong codes allowed before a lockout.
    pub fn attempts(self) -> u32 {
        match self {
            Scenario::Lockout => 3,
            _ => 5,
        }
    }

    /// True when the simulated user answers calls and notifications by
    /// themselves (not for number matching, which needs the demo's phone).
    pub fn answers_by_itself(self) -> bool {
        self != Scenario::CallUnanswered
    }

    /// How long a call or notification waits for its answer, in ms.
    pub fn approval_ttl_ms(self) -> u64 {
        match self {
            Scenario::CallUnanswered => 10_000,
            _ => 60_000,
        }
    }

    /// True when texts to this method never arrive.
    pub fn loses_texts_to(self, method_id: &str) -> bool {
        self == Scenario::TextLost && method_id == "sms-1"
    }
}

/// The demo user's ID.
pub const DEMO_USER: &str = "alex@contoso.com";
/// The demo user's primary phone, masked as a server would.
pub const PRIMARY: &str = "••••••12";
/// The demo user's alternate phone, masked.
pub const ALTERNATE: &str = "••••••78";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip() {
        for s in Scenario::ALL {
            assert_eq!(Scenario::from_id(s.id()), Some(s));
        }
        assert_eq!(Scenario::from_id("nope"), None);
    }

    #[test]
    fn default_methods_exist() {
        for s in Scenario::ALL {
            assert!(s.methods().iter().any(|m| m.id == s.default_method()));
        }
    }
}
