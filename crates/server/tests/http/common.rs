//! The test harness: a server on an ephemeral port and a small client.

use std::sync::Arc;
use std::time::Duration;

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tokio::net::TcpListener;
use twostep_protocol::{ASSERTION_TYPE, ApiError, AssertionClaims, Challenge, JWKS_PATH};
use twostep_server::hosts::{Host, Hosts};
use twostep_server::{AppState, Config, Delivery, DevOutbox, ManualClock, serve_state};

/// 2026-11-28T19:42:05Z, where every test's clock starts.
pub const T0: u64 = 1_795_894_925;
/// [`T0`] as the envelope writes it.
pub const T0_TEXT: &str = "2026-11-28T19:42:05Z";

/// A running server.
pub struct Server {
    pub base: String,
    pub clock: Arc<ManualClock>,
    http: reqwest::Client,
}

/// One HTTP answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: String,
}

/// A server with `--dev` and the default settings.
pub async fn dev() -> Server {
    server(dev_config()).await
}

/// The default settings with `--dev`.
pub fn dev_config() -> Config {
    Config {
        dev: true,
        ..Config::default()
    }
}

/// The issuer of [`production`] servers.
pub const ISSUER: &str = "https://twostep.test";
/// The audience of the host of [`production`] servers.
pub const AUDIENCE: &str = "https://shop.test";

/// A production-mode server (no `--dev`) with [`ISSUER`] and one host,
/// `shop`, whose assertions are for [`AUDIENCE`]; and that host's API key.
pub async fn production() -> (Server, String) {
    production_with(Config::default()).await
}

/// [`production`] with other settings.
pub async fn production_with(mut config: Config) -> (Server, String) {
    let (key, host) = Host::new_with_key("shop", AUDIENCE);
    config.hosts = hosts_of(&[host]);
    config.issuer = Some(ISSUER.into());
    (server(config).await, key)
}

/// A hosts list of these hosts.
pub fn hosts_of(hosts: &[Host]) -> Hosts {
    Hosts::from_json(&json!({ "hosts": hosts }).to_string()).unwrap()
}

/// A server with these settings.
pub async fn server(config: Config) -> Server {
    server_with(config, None).await
}

/// A server with these settings and, optionally, another delivery (else,
/// outside `--dev` too, an outbox that keeps what was sent).
pub async fn server_with(config: Config, delivery: Option<Arc<dyn Delivery>>) -> Server {
    let clock = Arc::new(ManualClock::at_unix(T0));
    let delivery = match delivery {
        None if !config.dev && config.delivery_hook.is_none() => {
            Some(Arc::new(DevOutbox::new(clock.clone())) as Arc<dyn Delivery>)
        }
        other => other,
    };
    let mut builder = AppState::builder(config).clock(clock.clone());
    if let Some(d) = delivery {
        builder = builder.delivery(d);
    }
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(serve_state(listener, builder.build()));
    Server {
        base,
        clock,
        http: reqwest::Client::new(),
    }
}

impl Server {
    /// Moves the server's clock forward.
    pub fn advance(&self, secs: u64) {
        self.clock.advance(Duration::from_secs(secs));
    }

    /// Sends a request built by `f` and reads the whole answer.
    pub async fn request(
        &self,
        method: reqwest::Method,
        path: &str,
        f: impl FnOnce(reqwest::RequestBuilder) -> reqwest::RequestBuilder,
    ) -> Reply {
        let req = f(self.http.request(method, format!("{}{path}", self.base)));
        let resp = req.send().await.unwrap();
        Reply {
            status: resp.status().as_u16(),
            headers: resp.headers().clone(),
            body: resp.text().await.unwrap(),
        }
    }

    /// POSTs JSON.
    pub async fn post(&self, path: &str, body: Value) -> Reply {
        self.request(reqwest::Method::POST, path, |r| r.json(&body))
            .await
    }

    /// GETs.
    pub async fn get(&self, path: &str) -> Reply {
        self.request(reqwest::Method::GET, path, |r| r).await
    }

    /// `POST /v1/sessions` for `user`, with this `Authorization` header.
    pub async fn create_with(&self, authorization: Option<&str>, body: Value) -> Reply {
        self.request(reqwest::Method::POST, "/v1/sessions", |r| {
            let r = r.json(&body);
            match authorization {
                Some(a) => r.header("Authorization", a),
                None => r,
            }
        })
        .await
    }

    /// Starts a verification for `user` as a host's server would, with the
    /// API key `key`, then resumes it as the browser would.
    pub async fn start_as_host(&self, key: &str, user: &str) -> Challenge {
        let r = self
            .create_with(Some(&format!("Bearer {key}")), json!({ "user": user }))
            .await;
        assert_eq!(r.status, 201, "{}", r.body);
        let created: twostep_protocol::CreatedSession = serde_json::from_str(&r.body).unwrap();
        self.post(
            "/v1/start",
            json!({ "session_handle": created.session_handle }),
        )
        .await
        .ok()
    }

    /// The claims of `assertion`, after checking it against the server's
    /// JWKS: a key with its `kid`, EdDSA, `typ` [`ASSERTION_TYPE`], the
    /// `audience`. `exp` is checked by the caller (the clock is a test's).
    pub async fn verified(&self, assertion: &str, audience: &str) -> AssertionClaims {
        let jwks: JwkSet = self.get(JWKS_PATH).await.ok();
        verify_with(&jwks, assertion, audience)
    }

    /// Starts a verification for `user` from a hint (`--dev`).
    pub async fn start(&self, user: &str) -> Challenge {
        self.post("/v1/start", json!({ "user_hint": user }))
            .await
            .ok()
    }

    /// Sends with a method, for the session with this handle.
    pub async fn send(&self, handle: &str, method: &str, resend: bool) -> Reply {
        self.post(
            "/v1/send",
            json!({ "session_handle": handle, "method_id": method, "resend": resend }),
        )
        .await
    }

    /// Submits a code, for the session with this handle.
    pub async fn verify(&self, handle: &str, method: &str, code: &str) -> Reply {
        self.post(
            "/v1/verify",
            json!({ "session_handle": handle, "method_id": method, "code": code }),
        )
        .await
    }

    /// Polls an approval, for the session with this handle.
    pub async fn poll(&self, handle: &str, method: &str) -> Reply {
        self.post(
            "/v1/poll",
            json!({ "session_handle": handle, "method_id": method }),
        )
        .await
    }

    /// The deliveries in the dev outbox of the session with this reference.
    pub async fn outbox(&self, session_ref: &str) -> Vec<Value> {
        self.get(&format!("/dev/outbox?session_ref={session_ref}"))
            .await
            .ok()
    }

    /// The code of the latest text of the session with this reference.
    pub async fn last_code(&self, session: &str) -> String {
        let texts = self.outbox(session).await;
        let last = texts
            .iter()
            .rev()
            .find(|d| d["kind"] == "text")
            .expect("a text was sent");
        last["code"].as_str().unwrap().to_string()
    }

    /// Answers the call or notification of the session with this reference,
    /// as the phone would.
    pub async fn answer(&self, session_ref: &str, approve: bool, number: Option<&str>) -> Reply {
        self.post(
            "/dev/answer",
            json!({ "session_ref": session_ref, "approve": approve, "number": number }),
        )
        .await
    }
}

impl Reply {
    /// The 200 body as `T`.
    #[track_caller]
    pub fn ok<T: DeserializeOwned>(&self) -> T {
        assert_eq!(self.status, 200, "{}", self.body);
        serde_json::from_str(&self.body).unwrap()
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }

    /// The error envelope, checked: status, code, a message, the correlation
    /// ID matching the header, and the server's timestamp.
    #[track_caller]
    pub fn error(&self, status: u16, code: &str) -> ApiError {
        assert_eq!(self.status, status, "{}", self.body);
        let raw: Value = serde_json::from_str(&self.body).unwrap();
        assert_eq!(raw["code"], code, "{}", self.body);
        let e: ApiError = serde_json::from_value(raw).unwrap();
        assert!(!e.message.trim().is_empty());
        let header = self
            .header("x-correlation-id")
            .expect("X-Correlation-ID header");
        assert_eq!(e.correlation_id.as_deref(), Some(header));
        let ts = e.timestamp.as_deref().expect("timestamp");
        assert!(
            ts.len() == 20 && ts.ends_with('Z') && &ts[10..11] == "T",
            "{ts}"
        );
        assert_eq!(self.header("content-type"), Some("application/json"));
        match e.retry_after_secs {
            Some(s) => assert_eq!(self.header("retry-after"), Some(s.to_string().as_str())),
            None => assert_eq!(self.header("retry-after"), None),
        }
        e
    }
}

/// The claims of `assertion` checked against `jwks` (see [`Server::verified`]).
#[track_caller]
pub fn verify_with(jwks: &JwkSet, assertion: &str, audience: &str) -> AssertionClaims {
    check_with(jwks, assertion, audience).unwrap()
}

/// The claims of `assertion` if it passes the checks of [`Server::verified`]
/// against `jwks`, or why not.
pub fn check_with(
    jwks: &JwkSet,
    assertion: &str,
    audience: &str,
) -> Result<AssertionClaims, String> {
    let header = decode_header(assertion).map_err(|e| e.to_string())?;
    if header.alg != Algorithm::EdDSA || header.typ.as_deref() != Some(ASSERTION_TYPE) {
        return Err(format!("header {header:?}"));
    }
    let kid = header.kid.ok_or("no kid")?;
    let jwk = jwks.find(&kid).ok_or(format!("no key {kid} in the JWKS"))?;
    let key = DecodingKey::from_jwk(jwk).map_err(|e| e.to_string())?;
    let mut validation = Validation::new(Algorithm::EdDSA);
    validation.validate_exp = false;
    validation.set_required_spec_claims(&["iss", "aud", "sub", "exp"]);
    validation.set_audience(&[audience]);
    decode::<AssertionClaims>(assertion, &key, &validation)
        .map(|data| data.claims)
        .map_err(|e| e.to_string())
}

/// A delivery hook's receiver on loopback: it keeps each request's
/// `X-Twostep-Signature` and body, and answers with `status`.
pub struct Receiver {
    /// Its URL.
    pub url: String,
    got: Arc<std::sync::Mutex<Vec<(String, String)>>>,
}

/// Starts a [`Receiver`] answering `status`.
pub async fn receiver(status: u16) -> Receiver {
    let got = Arc::new(std::sync::Mutex::new(Vec::new()));
    let keep = got.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move |headers: axum::http::HeaderMap, body: String| {
            let keep = keep.clone();
            async move {
                let signature = headers
                    .get("x-twostep-signature")
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or_default()
                    .to_string();
                keep.lock().unwrap().push((signature, body));
                axum::http::StatusCode::from_u16(status).unwrap()
            }
        }),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    Receiver { url, got }
}

impl Receiver {
    /// The requests so far: signature header and body.
    pub fn got(&self) -> Vec<(String, String)> {
        self.got.lock().unwrap().clone()
    }
}
