//! A small driver for tests: keeps the flow, the clock and the last effects.
#![allow(dead_code)]

use twostep_flow::*;
use twostep_protocol::*;

/// The user hint the tests begin with.
pub const HINT: &str = "alex@contoso.com";

/// A user with a primary phone, an alternate phone, the app (push) and app codes.
pub fn challenge() -> Challenge {
    Challenge {
        session_handle: "sh-1".into(),
        session_ref: "TS-1".into(),
        user: "alex@contoso.com".into(),
        methods: vec![
            method("sms-1", MethodKind::Sms, Some("••••••12")),
            method("sms-2", MethodKind::Sms, Some("••••••78")),
            method("voice-1", MethodKind::Voice, Some("••••••12")),
            method("push", MethodKind::Push, None),
            method("totp", MethodKind::Totp, None),
        ],
        default_method: "sms-1".into(),
        expires_in_secs: 600,
        remember_device_days: None,
    }
}

pub fn method(id: &str, kind: MethodKind, target: Option<&str>) -> Method {
    Method {
        id: id.into(),
        kind,
        target: target.map(Into::into),
        label: None,
    }
}

pub fn code_delivery(target: Option<&str>, resend: Option<u32>) -> Delivery {
    Delivery::Code {
        target: target.map(Into::into),
        code_length: 6,
        resend_after_secs: resend,
        suggest_other_after_secs: None,
    }
}

pub fn err(code: ErrorCode) -> ApiError {
    let mut e = ApiError::new(code, "server says no");
    e.correlation_id = Some("corr-1".into());
    e
}

pub struct Harness {
    pub flow: Flow,
    pub now: Millis,
    pub fx: Vec<Effect>,
}

impl Harness {
    pub fn new() -> Self {
        Harness {
            flow: Flow::new(FlowConfig::default()),
            now: 1_000_000,
            fx: Vec::new(),
        }
    }

    pub fn with_config(config: FlowConfig) -> Self {
        Harness {
            flow: Flow::new(config),
            ..Harness::new()
        }
    }

    pub fn on(&mut self, event: Event) -> &Vec<Effect> {
        let flow = std::mem::replace(&mut self.flow, Flow::new(FlowConfig::default()));
        let (flow, fx) = flow.step(event, self.now);
        self.flow = flow;
        self.fx = fx;
        &self.fx
    }

    pub fn advance(&mut self, ms: u64) {
        self.now += ms;
    }

    /// The call made by the last step, with its id.
    pub fn last_call(&self) -> (RequestId, Call) {
        self.fx
            .iter()
            .find_map(|e| match e {
                Effect::Call { id, call, .. } => Some((*id, call.clone())),
                _ => None,
            })
            .expect("the last step made no call")
    }

    pub fn made_call(&self) -> bool {
        self.fx.iter().any(|e| matches!(e, Effect::Call { .. }))
    }

    pub fn reply(&mut self, result: Result<Answer, ApiError>) -> &Vec<Effect> {
        let (id, _) = self.last_call();
        self.on(Event::Response { id, result })
    }

    pub fn emitted(&self) -> Vec<HostEvent> {
        self.fx
            .iter()
            .filter_map(|e| match e {
                Effect::Emit(h) => Some(h.clone()),
                _ => None,
            })
            .collect()
    }

    /// Begin, load `challenge`, and answer the default send with `delivery`.
    pub fn start_with(&mut self, challenge: Challenge, delivery: Delivery) {
        self.on(Event::Begin {
            session: SessionOrigin::Hint,
            user_hint: Some("alex@contoso.com".into()),
            entropy: 7,
        });
        let default = challenge.default_method.clone();
        self.reply(Ok(Answer::Started(challenge)));
        self.reply(Ok(Answer::Sent(SendResponse {
            method_id: default,
            delivery,
        })));
    }

    /// Starts with the standard challenge; the default text was sent.
    pub fn start_sms(&mut self) {
        self.start_with(challenge(), code_delivery(Some("••••••12"), Some(30)));
    }

    pub fn code(&self) -> &CodeEntry {
        match &self.flow.phase {
            Phase::Code(c) => c,
            other => panic!("expected code entry, got {other:?}"),
        }
    }

    pub fn failure(&self) -> &FailureDetails {
        match &self.flow.phase {
            Phase::Failed { failure, .. } | Phase::TimedOut(failure) => failure,
            other => panic!("expected a failure, got {other:?}"),
        }
    }
}
